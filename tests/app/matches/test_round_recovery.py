"""Rounds that cannot get stuck: a running round whose heartbeat stopped, or a queued one no
worker took, is handed out again, and after ROUND_MAX_RECOVERIES failed, so the district can
start again; a round with a fresh heartbeat is left alone, and a taken-over attempt stops."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.db import utcnow
from app.extensions import db
from app.matches import recovery, services
from app.matches.errors import RoundTakenOver
from app.matches.heartbeat import Heartbeat
from app.matches.models import MatchingRound, Proposal
from app.matches.queries import running_round
from app.matches.tasks import run_round

LONG_AGO = timedelta(hours=1)


@pytest.fixture
def settings(app):
    """Short timeouts, as an operator might set them; the defaults afterwards."""
    saved = {key: app.config[key] for key in app.config if key.startswith("ROUND_")}
    app.config.update(ROUND_HEARTBEAT_TIMEOUT=60, ROUND_QUEUED_TIMEOUT=300, ROUND_MAX_RECOVERIES=2)
    yield app.config
    app.config.update(saved)


def a_round(world, status: str, silent_for: timedelta, **values) -> int:
    """A round of Osnabrück in ``status`` whose last sign of life was ``silent_for`` ago."""
    matching_round = services.create_round(world.osnabrueck.id, None)
    matching_round.status = status
    matching_round.heartbeat_at = utcnow() - silent_for
    for name, value in values.items():
        setattr(matching_round, name, value)
    db.session.commit()
    return matching_round.id


def test_a_running_round_whose_worker_is_gone_is_taken_over_and_finished(app, world, settings):
    with app.app_context():
        round_id = a_round(world, "running", LONG_AGO, attempts=1, stage="solving")
        assert [r.id for r in recovery.stuck_rounds()] == [round_id]
        # The embedded default runs the re-sent round at once, in this process.
        assert recovery.recover_stuck_rounds() == [round_id]
        taken_over = db.session.get(MatchingRound, round_id)
        assert (taken_over.status, taken_over.attempts, taken_over.recoveries) == (
            "finished",
            2,
            1,
        )
        assert db.session.scalar(select(Proposal.id).where(Proposal.round_id == round_id))
        assert recovery.stuck_rounds() == []


def test_a_queued_round_no_worker_took_is_sent_again(app, world, settings):
    with app.app_context():
        round_id = a_round(world, "queued", timedelta(seconds=301))
        assert recovery.recover_stuck_rounds() == [round_id]
        assert db.session.get(MatchingRound, round_id).status == "finished"


@pytest.mark.parametrize(
    ("status", "silent_for", "reason"),
    [("running", LONG_AGO, "worker_lost"), ("queued", LONG_AGO, "not_picked_up")],
)
def test_a_round_stuck_too_often_fails_and_frees_the_district(
    app, world, settings, status, silent_for, reason
):
    with app.app_context():
        round_id = a_round(world, status, silent_for, recoveries=2, attempts=2)
        assert recovery.recover_stuck_rounds() == []
        failed = db.session.get(MatchingRound, round_id)
        assert (failed.status, failed.failed_reason) == ("failed", reason)
        assert running_round(world.osnabrueck.id) is None
        services.create_round(world.osnabrueck.id, None)  # the district may start again


@pytest.mark.parametrize(
    ("status", "silent_for"),
    [("running", timedelta(seconds=30)), ("queued", timedelta(seconds=200))],
)
def test_a_round_with_a_recent_sign_of_life_is_left_alone(app, world, settings, status, silent_for):
    with app.app_context():
        round_id = a_round(world, status, silent_for, attempts=1)
        assert recovery.stuck_rounds() == []
        assert recovery.recover_stuck_rounds() == []
        left = db.session.get(MatchingRound, round_id)
        assert (left.status, left.attempts, left.recoveries) == (status, 1, 0)


def test_a_delivery_of_a_round_another_attempt_runs_does_nothing(app, world, settings):
    with app.app_context():
        round_id = a_round(world, "running", timedelta(seconds=5), attempts=1)
        assert run_round.run(round_id) == "not claimed"
        kept = db.session.get(MatchingRound, round_id)
        assert (kept.status, kept.attempts) == ("running", 1)


def test_an_attempt_that_was_taken_over_stops_without_writing(app, world, settings):
    with app.app_context():
        round_id = a_round(world, "queued", timedelta(0))
        first = db.session.get(MatchingRound, round_id)
        assert services.claim_round(first)
        db.session.commit()
        # Its worker falls silent; recovery queues the round again and another attempt runs it.
        first.heartbeat_at = utcnow() - LONG_AGO
        db.session.commit()
        recovery.recover_stuck_rounds()
        second = db.session.get(MatchingRound, round_id)
        assert (second.status, second.attempts) == ("finished", 2)
        with pytest.raises(RoundTakenOver):
            services.keep_alive(second, 1)  # the first attempt's next checkpoint


def test_a_round_over_is_not_run_again(app, world, settings):
    with app.app_context():
        round_id = a_round(world, "failed", LONG_AGO)
        matching_round = db.session.get(MatchingRound, round_id)
        services.run_round(matching_round, date.today(), db.session.commit)
        assert (matching_round.status, matching_round.attempts) == ("failed", 0)


def test_a_long_solve_keeps_its_round_alive_and_a_taken_over_one_does_not(app, world, settings):
    """The heartbeat thread marks the round alive while the worker computes and commits
    nothing; a stale attempt's thread does not refresh a round another attempt owns."""
    with app.app_context():
        round_id = a_round(world, "running", LONG_AGO, attempts=2)
        with Heartbeat(db.engine, round_id, attempt=1, interval=0.05):
            time.sleep(0.5)
        assert [r.id for r in recovery.stuck_rounds()] == [round_id]
        with Heartbeat(db.engine, round_id, attempt=2, interval=0.05):
            time.sleep(0.5)
        assert recovery.stuck_rounds() == []


def test_the_coordinator_can_start_again_when_the_last_round_got_stuck(app, world, settings, login):
    """No beat here: starting a round recovers the stuck one first, so it is not refused."""
    with app.app_context():
        stuck_id = a_round(world, "running", LONG_AGO, attempts=3, recoveries=2)
    coordinator = login(world.coordinator_os)
    response = coordinator.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 302
    assert response.location.endswith(f"/matches/rounds/{stuck_id + 1}")
    result = coordinator.get(f"/matches/rounds/{stuck_id}/result").get_data(as_text=True)
    assert "stopped answering, also when tried again" in result
