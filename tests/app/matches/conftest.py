"""Fixtures for the match tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import create_app
from tests.app.conftest import app_config
from tests.app.matches.builders import MatchWorld, build_match_world
from tests.app.matches.workers import HEARTBEAT_TIMEOUT, REDIS_URL, VISIBILITY_TIMEOUT, Worker
from tests.app.offers.builders import OfferBuilders


@pytest.fixture
def offers(app, build) -> OfferBuilders:
    return OfferBuilders(app, build)


@pytest.fixture
def world(build, offers) -> MatchWorld:
    return build_match_world(build, offers)


@pytest.fixture
def queue() -> str:
    """A queue of this test's own, so no other test's worker takes its tasks."""
    return f"test-matches-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def workers(tmp_path: Path, database_url: str, queue: str) -> Iterator:
    """``workers()`` starts one more worker on the test's queue; all are stopped afterwards."""
    started: list[Worker] = []

    def start(**options: int) -> Worker:
        started.append(Worker(tmp_path, database_url, queue, len(started) + 1, **options))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def web(app, tmp_path: Path, database_url: str, queue: str) -> Iterator:
    """The web app in production mode, sending tasks to the test's queue; afterwards the test
    app's eager Celery is the default again, so later tests do not send their tasks to Redis."""
    config = app_config(
        tmp_path / "web",
        database_url,
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT,
        ROUND_HEARTBEAT_TIMEOUT=HEARTBEAT_TIMEOUT,
    )
    production = create_app(config)
    production.extensions["celery"].conf.task_default_queue = queue
    yield production
    app.extensions["celery"].set_default()
    app.extensions["celery"].set_current()
