"""Production mode: a real Celery worker on this machine's Redis runs a round for the demo
district; its proposals keep the engine's own rules; a worker killed mid-round is replaced, Redis
redelivers the unacknowledged round to the new worker by itself, and the round completes without
duplicates."""

from __future__ import annotations

import json
import time
from datetime import date

import redis
from sqlalchemy import func, select

from app.extensions import db
from app.matches import adapters
from app.matches.models import MatchingRound, Proposal
from app.matches.queries import load_round_input
from app.matches.tasks import run_round
from tests.app.matches.workers import (
    REDIS_URL,
    VISIBILITY_TIMEOUT,
    holding_the_round_row,
    needs_redis,
    seeded_round,
    wait_for,
)

pytestmark = needs_redis


def assert_proposals_keep_the_engines_rules(web, round_id: int) -> int:
    with web.app_context():
        matching_round = db.session.get(MatchingRound, round_id)
        assert matching_round.status == "finished", matching_round.error
        pairs = [
            (p.request_id, p.offer_id)
            for p in db.session.scalars(select(Proposal).where(Proposal.round_id == round_id))
        ]
        assert len(pairs) == matching_round.matched > 0
        assert len(set(pairs)) == len(pairs)
        data = load_round_input(matching_round.region_id, date.today(), round_id)
        assert adapters.audit_pairs(data, pairs) == []
        assert matching_round.summary["problems"] == []
        return len(pairs)


def test_a_worker_runs_the_demo_districts_round(web, workers):
    round_id = seeded_round(web)
    worker = workers()
    started = time.monotonic()
    with web.app_context():
        run_round.apply_async((round_id,), queue=worker.queue)
    done = wait_for(web, round_id, {"finished", "failed"})
    took = (done.finished_at - done.started_at).total_seconds()
    waited = time.monotonic() - started  # includes the worker's start-up
    print(f"demo district round: {took:.2f} s in the worker, {waited:.2f} s in all")
    assert_proposals_keep_the_engines_rules(web, round_id)


def test_the_broker_redelivers_a_round_whose_worker_was_killed(web, workers, database_url):
    """SIGKILL the worker mid-round; a new worker gets the same message from Redis by itself
    (nobody sends it again) once the visibility timeout has passed, and finishes the round."""
    round_id = seeded_round(web)
    first = workers()
    with web.app_context():
        task = run_round.apply_async((round_id,), queue=first.queue)
    wait_for(web, round_id, {"running"})
    with holding_the_round_row(database_url, round_id):
        time.sleep(1.0)  # the worker now waits for the lock at its next checkpoint
        first.kill()
    with web.app_context():
        died = db.session.get(MatchingRound, round_id)
        assert (died.status, died.attempts) == ("running", 1)
        assert db.session.scalar(select(func.count(Proposal.id))) == 0  # nothing half-saved
    assert first.received(task.id)
    assert unacknowledged(first.queue) == 1  # the killed worker never acknowledged it
    second = workers()  # a supervisor starts a new worker, and that is all
    wait_for(web, round_id, {"finished", "failed"}, seconds=VISIBILITY_TIMEOUT + 60)
    count = assert_proposals_keep_the_engines_rules(web, round_id)
    assert second.received(task.id)  # the very message the killed worker had taken
    with web.app_context():
        assert db.session.get(MatchingRound, round_id).attempts == 2
    # Acknowledged after it ran: nothing is left for another redelivery, and none comes.
    deadline = time.monotonic() + 20
    while unacknowledged(second.queue) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert unacknowledged(second.queue) == 0
    time.sleep(VISIBILITY_TIMEOUT + 2)
    with web.app_context():
        assert db.session.scalar(select(func.count(Proposal.id))) == count
        assert db.session.get(MatchingRound, round_id).attempts == 2


def unacknowledged(queue: str) -> int:
    """Messages for ``queue`` that a worker took from Redis and has not acknowledged yet."""
    client = redis.Redis.from_url(REDIS_URL)
    entries = client.hvals("unacked")
    return sum(1 for raw in entries if json.loads(raw)[2] == queue)
