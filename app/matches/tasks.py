"""Background work of the matches package: running a matching round, rounds on a schedule."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy import select

from app.accounts.models import Region
from app.core.clock import local_today
from app.core.unit_of_work import send_after_commit
from app.extensions import db
from app.matches import services
from app.matches.errors import MatchError
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
    try:
        services.run_round(matching_round, local_today(), db.session.commit)
    except Exception as error:
        db.session.rollback()
        matching_round = get_round(round_id)
        if matching_round is not None:
            services.fail_round(matching_round, repr(error))
            db.session.commit()
        raise
    return matching_round.status


@shared_task(name="bruecke.matches.scheduled_rounds")
def scheduled_rounds() -> int:
    """Start a round for every district that has none running (Celery beat, weekly)."""
    started = 0
    for region_id in db.session.scalars(select(Region.id).where(Region.kind == "district")):
        try:
            matching_round = services.create_round(region_id, None)
        except MatchError:
            continue
        send_after_commit(run_round, matching_round.id)
        db.session.commit()
        started += 1
    return started
