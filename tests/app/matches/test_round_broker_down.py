"""Starting a round while the broker (Redis) is down: the coordinator reads why in their own
language with a 503, and no queued round is left behind to block the district."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app import create_app
from app.accounts.models import User
from app.extensions import db
from app.matches import recovery
from app.matches.models import MatchingRound
from app.matches.queries import running_round
from tests.app.conftest import app_config


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def broker_down(app, tmp_path: Path, database_url: str) -> Iterator:
    """The web app in production mode with its broker URL pointing at a port nobody listens on;
    afterwards the test app's eager Celery is the default again."""
    down = f"redis://127.0.0.1:{unused_port()}/9"
    yield create_app(app_config(tmp_path / "web", database_url, CELERY_BROKER_URL=down))
    app.extensions["celery"].set_default()
    app.extensions["celery"].set_current()


def test_starting_a_round_without_a_broker_says_so_and_blocks_nothing(world, login, broker_down):
    with broker_down.app_context():
        db.session.get(User, world.coordinator_os.id).locale = "de"  # the coordinator reads German
        db.session.commit()
    coordinator = login(world.coordinator_os, on=broker_down.test_client())
    response = coordinator.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Die Hintergrundverarbeitung ist gerade nicht verfügbar" in page
    with broker_down.app_context():
        [matching_round] = db.session.scalars(select(MatchingRound))
        assert (matching_round.status, matching_round.failed_reason) == ("failed", "broker_down")
        assert running_round(world.osnabrueck.id) is None
        assert recovery.stuck_rounds() == []
    detail = coordinator.get(f"/matches/rounds/{matching_round.id}/result")
    assert "Hintergrunddienst war nicht erreichbar" in detail.get_data(as_text=True)
