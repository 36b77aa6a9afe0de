"""Rounds that cannot get stuck: a round whose worker is gone, or whose message never reached a
worker, is handed out again or ended here, and nowhere else.

A running round is stuck when its heartbeat is older than ROUND_HEARTBEAT_TIMEOUT; a queued one
when no worker took it within ROUND_QUEUED_TIMEOUT. A stuck round is queued again and re-sent,
at most ROUND_MAX_RECOVERIES times, then marked failed, so the district can start a new round.

The beat task runs this every minute, and the rounds pages run it before they read or start a
round, so the embedded default and a deployment without beat recover as well. Each change is a
conditional UPDATE that repeats the staleness test: a round that showed a sign of life meanwhile
is left alone, and two recoveries at once change a round once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, func, or_, select, update

from app.core.db import utcnow
from app.core.unit_of_work import send_now
from app.extensions import db
from app.matches.models import FailedReason, MatchingRound, RoundStage, RoundStatus
from app.matches.services import heartbeat_cutoff
from app.matches.tasks import run_round

log = logging.getLogger(__name__)


def _stuck() -> ColumnElement[bool]:
    queued_cutoff = utcnow() - timedelta(seconds=int(current_app.config["ROUND_QUEUED_TIMEOUT"]))
    return or_(
        and_(
            MatchingRound.status == RoundStatus.RUNNING.value,
            or_(
                MatchingRound.heartbeat_at.is_(None),
                MatchingRound.heartbeat_at < heartbeat_cutoff(),
            ),
        ),
        and_(
            MatchingRound.status == RoundStatus.QUEUED.value,
            func.coalesce(MatchingRound.heartbeat_at, MatchingRound.created_at) < queued_cutoff,
        ),
    )


def stuck_count() -> int:
    """How many rounds are stuck, counted by the database (readiness and metrics ask often)."""
    return int(db.session.scalar(select(func.count()).select_from(MatchingRound).where(_stuck())))


def stuck_rounds() -> list[MatchingRound]:
    """Rounds whose worker is gone or that no worker took in time, oldest first."""
    return list(
        db.session.scalars(select(MatchingRound).where(_stuck()).order_by(MatchingRound.id))
    )


def recover_stuck_rounds() -> list[int]:
    """Queue every stuck round again, or fail it after ROUND_MAX_RECOVERIES; commits, then
    sends the re-queued rounds. Returns their ids."""
    requeued = [found.id for found in stuck_rounds() if _recover(found)]
    db.session.commit()
    for round_id in requeued:
        log.warning("round %s was stuck: handed to the workers again", round_id)
        send_round(round_id)
    return requeued


def _recover(stuck: MatchingRound) -> bool:
    """True when the round was queued again, False when it was failed (or moved meanwhile)."""
    if stuck.recoveries >= int(current_app.config["ROUND_MAX_RECOVERIES"]):
        lost = stuck.status == RoundStatus.RUNNING.value
        reason = FailedReason.WORKER_LOST if lost else FailedReason.NOT_PICKED_UP
        failed = _change(
            stuck,
            status=RoundStatus.FAILED.value,
            failed_reason=reason.value,
            error=f"stuck after {stuck.attempts} attempts and {stuck.recoveries} recoveries",
            finished_at=utcnow(),
        )
        if failed:
            log.warning("round %s was stuck too often: failed (%s)", stuck.id, reason.value)
        return False
    return _change(
        stuck,
        status=RoundStatus.QUEUED.value,
        stage=RoundStage.QUEUED.value,
        progress=0,
        recoveries=MatchingRound.recoveries + 1,
        heartbeat_at=utcnow(),
    )


def _change(stuck: MatchingRound, **values: object) -> bool:
    changed = db.session.execute(
        update(MatchingRound)
        .where(MatchingRound.id == stuck.id, MatchingRound.status == stuck.status, _stuck())
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return changed.rowcount == 1


def send_round(round_id: int) -> bool:
    """Hand a committed, queued round to the workers. When the broker cannot be reached the
    round is failed at once (and committed), so it does not block its district; False then."""
    if not send_now(run_round, round_id):
        log.warning("round %s could not be sent: the broker is unavailable", round_id)
        db.session.rollback()
        db.session.execute(
            update(MatchingRound)
            .where(MatchingRound.id == round_id, MatchingRound.status == RoundStatus.QUEUED.value)
            .values(
                status=RoundStatus.FAILED.value,
                failed_reason=FailedReason.BROKER_UNAVAILABLE.value,
                error="the broker could not be reached",
                finished_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        return False
    return True
