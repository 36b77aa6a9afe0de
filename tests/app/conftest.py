"""Fixtures for the web application: a real database (SQLite or PostgreSQL), clients, builders.

The database is the one named by ``BRUECKE_TEST_DATABASE_URL`` (PostgreSQL in CI), else a SQLite
file in a temporary folder. Its schema is built once per run by the real migrations; after each
test every table is emptied, so tests are isolated even when they use several connections or a
live server.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db, limiter
from tests.app.browser import browser, chromium  # noqa: F401  (one session-wide browser)
from tests.app.builders import Builders
from tests.app.outbox import Outbox
from tests.app.two_factor import log_in


def test_database_url(tmp_dir: Path) -> str:
    return os.environ.get("BRUECKE_TEST_DATABASE_URL") or f"sqlite:///{tmp_dir}/test.sqlite"


def reset_schema(url: str) -> None:
    """Start from an empty database, whatever an earlier run left behind."""
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def app_config(instance_path: Path, database_url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(instance_path),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "CELERY_BROKER_URL": None,
        "MAIL_SERVER": None,
        "PUBLIC_URL": "http://localhost",
        "PASSWORD_HASHING": "cheapest",
        "OPEN_FIGURES_CACHE_SECONDS": 0,  # each test counts its own figures
        "EVIDENCE_SNAPSHOT_SECONDS": 0,  # and its own needs
        **overrides,
    }


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bruecke")


@pytest.fixture(scope="session")
def database_url(session_dir: Path) -> str:
    url = test_database_url(session_dir)
    reset_schema(url)
    return url


@pytest.fixture(scope="session")
def app(session_dir: Path, database_url: str) -> Iterator[Flask]:
    application = create_app(app_config(session_dir / "instance", database_url))
    with application.app_context():
        upgrade()
    yield application


@pytest.fixture(autouse=True)
def _clean_state(app: Flask) -> Iterator[None]:
    """Each test starts with empty tables, no rate-limit counts and an empty outbox.

    No application context stays pushed during a test: every request gets its own, as in
    production. Test code that reads the database opens one with ``with app.app_context():``.
    """
    yield
    with app.app_context():
        empty_all_tables()
        limiter.reset()
    Outbox(app).clear()


def empty_all_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_client(app: Flask) -> Callable[..., FlaskClient]:
    """A new client, e.g. from another address: ``make_client(remote_addr="10.0.0.2")``."""

    def build(remote_addr: str = "127.0.0.1", **headers: str) -> FlaskClient:
        new_client = app.test_client()
        new_client.environ_base.update(REMOTE_ADDR=remote_addr)
        for name, value in headers.items():
            new_client.environ_base["HTTP_" + name.upper().replace("-", "_")] = value
        return new_client

    return build


@pytest.fixture
def build(app: Flask) -> Builders:
    return Builders(app)


@pytest.fixture
def outbox(app: Flask) -> Outbox:
    return Outbox(app)


@pytest.fixture
def login(app: Flask, client: FlaskClient) -> Callable[..., FlaskClient]:
    """Log ``user`` in on ``on`` (the default client unless given) through the real login form,
    with the code from their authenticator when the account has a second factor."""

    def do_login(user: Any, password: str = Builders.PASSWORD, on: FlaskClient | None = None):
        target = on or client
        log_in(target, app, user.email, password)
        return target

    return do_login
