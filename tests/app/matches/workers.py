"""Real Celery workers on this machine's Redis for the match tests: starting and killing them,
holding a database lock to stop a round mid-way, waiting for a round's state."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, select, text, update

from app.accounts.models import Region
from app.core.db import utcnow
from app.demo.seed import seed_demo
from app.extensions import db
from app.matches import services
from app.matches.models import HOLDS_PLACE, MatchingRound, Proposal, Rating
from app.offers import lifecycle as offers_lifecycle
from app.offers.bookings import BERLIN
from app.offers.models import Request

REDIS_URL = os.environ.get("BRUECKE_TEST_MATCHES_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


needs_redis = pytest.mark.skipif(not redis_answers(), reason="no Redis on this machine")


# Seconds before Redis hands an unacknowledged task to another worker: short, so the test of a
# killed worker waits only a little; longer than the demo district's round takes.
VISIBILITY_TIMEOUT = 4
# A running round marks itself alive every second; one silent for 3 s has lost its worker.
HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT = 1, 3


class Worker:
    """A Celery worker process; its log (INFO: which task ids it received) goes to a file."""

    def __init__(
        self,
        tmp_path: Path,
        database_url: str,
        queue: str,
        number: int,
        visibility_timeout: int = VISIBILITY_TIMEOUT,
    ) -> None:
        self.queue = queue
        env = {
            **os.environ,
            "BRUECKE_CELERY_BROKER_URL": REDIS_URL,
            "BRUECKE_CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "BRUECKE_ROUND_HEARTBEAT_INTERVAL": str(HEARTBEAT_INTERVAL),
            "BRUECKE_ROUND_HEARTBEAT_TIMEOUT": str(HEARTBEAT_TIMEOUT),
            "BRUECKE_DATABASE_URL": database_url,
            "BRUECKE_INSTANCE_PATH": str(tmp_path / "worker-instance"),
            "BRUECKE_SECRET_KEY": "test-secret-key-not-for-production",
        }
        command = [sys.executable, "-m", "celery", "-A", "app.worker", "worker", "--pool=solo"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        command += ["-Q", queue, "--loglevel=INFO"]
        self.log = tmp_path / f"worker-{number}.log"
        with self.log.open("w") as log:
            # A session of its own: killing its process group kills the whole worker.
            self.process = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True
            )

    def received(self, task_id: str) -> bool:
        return f"[{task_id}] received" in self.log.read_text()

    def kill(self) -> None:
        """SIGKILL the whole worker (its process group, children included), as an OOM killer or
        a lost machine would: nothing runs its shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def undo_demo_round() -> None:
    """The demo comes with a decided round; start from its open requests and free places."""
    for proposal in db.session.scalars(select(Proposal).where(Proposal.status.in_(HOLDS_PLACE))):
        offers_lifecycle.free_place(proposal.offer_id)
    for model in (Rating, Proposal, MatchingRound):
        db.session.execute(delete(model))
    db.session.execute(
        update(Request).where(Request.status.in_(("in_round", "matched"))).values(status="open")
    )


def seeded_demo(web) -> int:
    """The demo district with open requests and free places; returns the district's id."""
    with web.app_context():
        seed_demo(utcnow().astimezone(BERLIN).date())
        undo_demo_round()
        district = db.session.scalar(select(Region).where(Region.name == "Landkreis Osnabrück"))
        db.session.commit()
        return district.id


def seeded_round(web) -> int:
    """A queued round for the demo district; returns its id."""
    district_id = seeded_demo(web)
    with web.app_context():
        matching_round = services.create_round(district_id, None)
        db.session.commit()
        return matching_round.id


def wait_for(
    web, round_id: int, statuses: set[str], seconds: float = 90, *, min_progress: int = 0
) -> MatchingRound:
    """Wait until the round has one of ``statuses`` and at least ``min_progress`` committed
    (a worker claims a round as running before it commits its first stage)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with web.app_context():
            found = db.session.get(MatchingRound, round_id)
            if found.status in statuses and found.progress >= min_progress:
                return found
        time.sleep(0.005)
    pytest.fail(f"round {round_id} did not reach {statuses}")


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
