"""Production mode: the whole worker running a round is killed with SIGKILL mid-round. Long
before Redis would redeliver its message (the visibility timeout is an hour here), recovery sees
the silent heartbeat and hands the round to the workers again; a new worker finishes it, and the
district was never blocked for longer than the heartbeat timeout."""

from __future__ import annotations

import json
import time

import redis
from sqlalchemy import func, select

from app.extensions import db
from app.matches import recovery
from app.matches.models import MatchingRound, Proposal
from app.matches.queries import running_round
from app.matches.tasks import run_round
from tests.app.matches.test_round_on_worker import assert_proposals_keep_the_engines_rules
from tests.app.matches.workers import (
    HEARTBEAT_TIMEOUT,
    REDIS_URL,
    holding_the_round_row,
    needs_redis,
    seeded_round,
    wait_for,
)

pytestmark = needs_redis
AN_HOUR = 3600


def test_recovery_takes_over_the_round_of_a_killed_worker(web, workers, database_url):
    round_id = seeded_round(web)
    first = workers(visibility_timeout=AN_HOUR)
    with web.app_context():
        run_round.apply_async((round_id,), queue=first.queue)
    wait_for(web, round_id, {"running"})
    with holding_the_round_row(database_url, round_id):
        time.sleep(1.0)  # the worker now waits for the lock at its next checkpoint
        first.kill()
    with web.app_context():
        assert recovery.recover_stuck_rounds() == []  # its heartbeat is still recent
        died = db.session.get(MatchingRound, round_id)
        assert (died.status, died.attempts) == ("running", 1)
    killed_at = time.monotonic()
    second = workers(visibility_timeout=AN_HOUR)
    recovered = []
    while not recovered and time.monotonic() - killed_at < HEARTBEAT_TIMEOUT + 10:
        time.sleep(0.5)
        with web.app_context():  # what the rounds page or the beat task does
            recovered = recovery.recover_stuck_rounds()
    assert recovered == [round_id]
    wait_for(web, round_id, {"finished", "failed"}, seconds=60)
    assert "bruecke.matches.run_round" in second.log.read_text()  # the re-sent message
    count = assert_proposals_keep_the_engines_rules(web, round_id)
    with web.app_context():
        done = db.session.get(MatchingRound, round_id)
        assert (done.attempts, done.recoveries) == (2, 1)
        assert running_round(done.region_id) is None
        assert db.session.scalar(select(func.count(Proposal.id))) == count
    forget_unacknowledged(first.queue)  # the killed worker's message, never redelivered here


def forget_unacknowledged(queue: str) -> None:
    """Drop what a killed worker left unacknowledged on ``queue``, so no later worker on this
    Redis database restores it an hour from now."""
    client = redis.Redis.from_url(REDIS_URL)
    for tag, raw in client.hgetall("unacked").items():
        if json.loads(raw)[2] == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
