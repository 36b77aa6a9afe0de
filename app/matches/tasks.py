"""Background work of the matches package: running a matching round, rounds on a schedule."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy import select

from app.accounts.models import Region
from app.core.clock import local_today
from app.core.observability.metrics import observe_round
from app.extensions import db
from app.matches import services
from app.matches.errors import MatchError
from app.matches.models import MatchingRound, RoundStatus
from app.matches.queries import get_round


@shared_task(name="bruecke.matches.run_round", acks_late=True, max_retries=3)
def run_round(round_id: int) -> str:
    """Run one round; its stages and progress are committed to its row as it goes.

    Acknowledged late: when its worker dies, Redis hands the message to another worker once the
    visibility timeout (``BRUECKE_CELERY_VISIBILITY_TIMEOUT``) has passed. The service resumes
    from whatever the dead attempt committed and upserts, so no proposal is duplicated.
    """
    matching_round = get_round(round_id)
    if matching_round is None:
        return "missing"
    if matching_round.status == RoundStatus.FINISHED.value:
        return matching_round.status
    try:
        services.run_round(matching_round, local_today(), db.session.commit)
    except Exception as error:
        db.session.rollback()
        matching_round = get_round(round_id)
        if matching_round is not None:
            services.fail_round(matching_round, repr(error))
            db.session.commit()
            _observe_duration(matching_round)
        raise
    _observe_duration(matching_round)
    return matching_round.status


def _observe_duration(matching_round: MatchingRound) -> None:
    if matching_round.started_at and matching_round.finished_at:
        seconds = (matching_round.finished_at - matching_round.started_at).total_seconds()
        observe_round(matching_round.status, seconds)


@shared_task(name="bruecke.matches.scheduled_rounds")
def scheduled_rounds() -> int:
    """Start a round for every district that has none running (Celery beat, weekly)."""
    started = 0
    for region_id in db.session.scalars(select(Region.id).where(Region.kind == "district")):
        try:
            matching_round = services.create_round(region_id, None)
        except MatchError:
            continue
        db.session.commit()
        run_round.delay(matching_round.id)
        started += 1
    return started
