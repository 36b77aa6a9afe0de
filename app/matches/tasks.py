"""Background work of the matches package: running a matching round, rounds on a schedule."""

from __future__ import annotations

from celery import shared_task
from flask import current_app
from sqlalchemy import select

from app.accounts.models import Region
from app.core.clock import local_today
from app.core.observability.metrics import observe_round
from app.core.unit_of_work import send_after_commit
from app.extensions import db
from app.matches import services
from app.matches.errors import MatchError, RoundTakenOver
from app.matches.heartbeat import Heartbeat
from app.matches.models import MatchingRound
from app.matches.queries import get_round


@shared_task(name="bruecke.matches.run_round", acks_late=True, reject_on_worker_lost=True)
def run_round(round_id: int) -> str:
    """Run one round; its stages and progress are committed to its row as it goes.

    Acknowledged late, so Redis redelivers the message of a killed worker (after the visibility
    timeout, longer than the longest round); recovery re-sends it sooner when its heartbeat
    stops (``app.matches.recovery``). Of the deliveries of one round only the one that claims
    it runs; the service resumes from whatever a dead attempt committed and upserts, so no
    proposal is duplicated.
    """
    matching_round = get_round(round_id)
    if matching_round is None:
        return "missing"
    if not services.claim_round(matching_round):
        db.session.rollback()
        return "not claimed"  # over, or another attempt with a live heartbeat has it
    attempt = matching_round.attempts  # this attempt's number, as claimed
    db.session.commit()
    interval = float(current_app.config["ROUND_HEARTBEAT_INTERVAL"])
    try:
        with Heartbeat(db.engine, round_id, attempt, interval):
            services.run_round(matching_round, local_today(), db.session.commit, claimed=True)
    except RoundTakenOver:
        db.session.rollback()
        return "taken over"
    except Exception as error:
        db.session.rollback()
        _fail_if_still_ours(round_id, attempt, repr(error))
        raise
    _observe_duration(matching_round)
    return matching_round.status


def _observe_duration(matching_round: MatchingRound) -> None:
    if matching_round.started_at and matching_round.finished_at:
        seconds = (matching_round.finished_at - matching_round.started_at).total_seconds()
        observe_round(matching_round.status, seconds)


def _fail_if_still_ours(round_id: int, attempt: int, error: str) -> None:
    matching_round = get_round(round_id)
    if matching_round is None:
        return
    try:
        services.keep_alive(matching_round, attempt)
    except RoundTakenOver:
        db.session.rollback()
        return
    services.fail_round(matching_round, error)
    db.session.commit()
    _observe_duration(matching_round)


@shared_task(name="bruecke.matches.recover_stuck_rounds")
def recover_stuck_rounds() -> int:
    """Hand out again, or fail, the rounds whose worker is gone (Celery beat, every minute)."""
    # Imported here: recovery sends run_round from this module.
    from app.matches import recovery

    return len(recovery.recover_stuck_rounds())


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
