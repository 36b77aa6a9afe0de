"""Production mode: a real Celery worker on this machine's Redis runs a round for the demo
district; its proposals keep the engine's own rules; a worker killed mid-round is replaced, Redis
redelivers the unacknowledged round to the new worker by itself, and the round completes without
duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, func, select, text, update

from app import create_app
from app.accounts.models import Region
from app.core.db import utcnow
from app.demo.seed import seed_demo
from app.extensions import db
from app.matches import adapters, services
from app.matches.models import HOLDS_PLACE, MatchingRound, Proposal, Rating
from app.matches.queries import load_round_input
from app.matches.tasks import run_round
from app.offers.bookings import BERLIN
from app.offers.models import Request
from tests.app.conftest import app_config

REDIS_URL = os.environ.get("BRUECKE_TEST_MATCHES_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason="no Redis on this machine")


# Seconds before Redis hands an unacknowledged task to another worker: short, so the test of a
# killed worker waits only a little; longer than the demo district's round takes.
VISIBILITY_TIMEOUT = 4


class Worker:
    """A Celery worker process; its log (INFO: which task ids it received) goes to a file."""

    def __init__(self, tmp_path: Path, database_url: str, queue: str, number: int) -> None:
        self.queue = queue
        env = {
            **os.environ,
            "BRUECKE_CELERY_BROKER_URL": REDIS_URL,
            "BRUECKE_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "BRUECKE_DATABASE_URL": database_url,
            "BRUECKE_INSTANCE_PATH": str(tmp_path / "worker-instance"),
            "BRUECKE_SECRET_KEY": "test-secret-key-not-for-production",
        }
        command = [sys.executable, "-m", "celery", "-A", "app.worker", "worker", "--pool=solo"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        command += ["-Q", queue, "--loglevel=INFO"]
        self.log = tmp_path / f"worker-{number}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)

    def received(self, task_id: str) -> bool:
        return f"[{task_id}] received" in self.log.read_text()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def workers(tmp_path: Path, database_url: str) -> Iterator:
    started: list[Worker] = []
    queue = f"test-matches-{uuid.uuid4().hex[:8]}"

    def start() -> Worker:
        started.append(Worker(tmp_path, database_url, queue, len(started) + 1))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def web(app, tmp_path: Path, database_url: str) -> Iterator:
    """The web app in production mode; afterwards the test app's eager Celery is the default
    again, so later tests do not send their tasks to Redis."""
    config = app_config(
        tmp_path / "web",
        database_url,
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT,
    )
    yield create_app(config)
    app.extensions["celery"].set_default()
    app.extensions["celery"].set_current()


def undo_demo_round() -> None:
    """The demo comes with a decided round; start from its open requests and free places."""
    for proposal in db.session.scalars(select(Proposal).where(Proposal.status.in_(HOLDS_PLACE))):
        services.free_place(proposal.offer_id)
    for model in (Rating, Proposal, MatchingRound):
        db.session.execute(delete(model))
    db.session.execute(
        update(Request).where(Request.status.in_(("in_round", "matched"))).values(status="open")
    )


def seeded_round(web) -> int:
    with web.app_context():
        seed_demo(utcnow().astimezone(BERLIN).date())
        undo_demo_round()
        district = db.session.scalar(select(Region).where(Region.name == "Landkreis Osnabrück"))
        matching_round = services.create_round(district.id, None)
        db.session.commit()
        return matching_round.id


def wait_for(web, round_id: int, statuses: set[str], seconds: float = 90) -> MatchingRound:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with web.app_context():
            found = db.session.get(MatchingRound, round_id)
            if found.status in statuses:
                return found
        time.sleep(0.005)
    pytest.fail(f"round {round_id} did not reach {statuses}")


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
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    entries = client.hvals("unacked")
    return sum(1 for raw in entries if json.loads(raw)[2] == queue)


@contextmanager
def holding_the_round_row(database_url: str, round_id: int) -> Iterator[None]:
    """Hold a write lock the worker needs for its next checkpoint, so it stops mid-round."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT id FROM request FOR UPDATE"))
            connection.execute(
                text("SELECT id FROM matching_round WHERE id = :id FOR UPDATE"), {"id": round_id}
            )
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield
        connection.rollback()
    engine.dispose()
