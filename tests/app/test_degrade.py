"""Degrade, don't fail: Redis, the broker or the database down.

- Redis (the rate limiter's storage) down: logins, registration and password resets answer as
  usual, still throttled in memory, and the log says so once.
- The database down: a page answers 503 in the user's language, rendered without the database,
  for anonymous and logged-in visitors, on PostgreSQL and on SQLite.
- A form whose commit fails stores nothing and answers 503.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask, Response
from flask.testing import FlaskClient
from kombu import Connection
from sqlalchemy import create_engine, event, func, select

from app import create_app
from app.accounts.models import User
from app.core.degrade import FALLBACK_WARNING, RECOVERY_WARNING
from app.core.i18n import SESSION_KEY
from app.core.permissions import Role
from app.extensions import db, limiter
from tests.app.conftest import app_config

NOTHING_LISTENS = "redis://127.0.0.1:1/10"  # port 1: refused at once
CLOSED_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/test_robust_degrade"
ATTEMPTS = 10


@pytest.fixture
def shared_limiter(app: Flask) -> Iterator[None]:
    """The limiter is one object per process: give it back to the test app afterwards."""
    yield
    limiter.init_app(app)
    limiter._storage_dead = False  # the counts of later tests go to the test app's storage


@pytest.fixture
def redis_down(tmp_path: Path, database_url: str, shared_limiter: None) -> FlaskClient:
    """A client of the app whose rate-limit storage is a Redis that does not answer."""
    config = app_config(tmp_path, database_url, RATELIMIT_STORAGE_URI=NOTHING_LISTENS)
    return create_app(config).test_client()


def fallback_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.message for record in caplog.records if record.message == FALLBACK_WARNING]


def test_login_works_with_redis_down_and_the_log_says_so_once(redis_down, build, caplog):
    user = build.user(Role.VOLUNTEER)
    caplog.set_level(logging.WARNING)
    for _ in range(2):
        response = redis_down.post("/login", data={"email": user.email, "password": build.PASSWORD})
        assert response.status_code == 302
        redis_down.post("/logout")
    assert len(fallback_warnings(caplog)) == 1


def test_failed_logins_are_still_throttled_in_memory_with_redis_down(redis_down, build):
    user = build.user(Role.VOLUNTEER)
    wrong = {"email": user.email, "password": "wrong password"}
    assert [redis_down.post("/login", data=wrong).status_code for _ in range(ATTEMPTS)] == [
        401
    ] * ATTEMPTS
    assert redis_down.post("/login", data=wrong).status_code == 429


def test_register_and_forgot_password_answer_as_usual_with_redis_down(redis_down, build, caplog):
    caplog.set_level(logging.WARNING)
    registered = redis_down.post(
        "/register",
        data={
            "email": "new.person@example.org",
            "display_name": "New Person",
            "password": build.PASSWORD,
            "password_again": build.PASSWORD,
            "role": Role.VOLUNTEER.value,
            "accept_privacy": "y",
        },
    )
    assert registered.status_code == 302, registered.get_data(as_text=True)
    forgot = redis_down.post("/password/forgot", data={"email": "new.person@example.org"})
    assert forgot.status_code == 302
    assert len(fallback_warnings(caplog)) == 1


# -- the database down ----------------------------------------------------------------------


def database_down_client(tmp_path: Path, url: str, locale: str, user_id: str | None) -> FlaskClient:
    """A client whose session cookie chose ``locale`` (and names a logged-in user)."""
    client = create_app(app_config(tmp_path, url)).test_client()
    with client.session_transaction() as session:
        session[SESSION_KEY] = locale
        if user_id:
            session["_user_id"] = user_id
            session["_fresh"] = True
    return client


UNREACHABLE = {
    "postgresql": CLOSED_POSTGRES,
    "sqlite": "sqlite:////nonexistent-folder/for/bruecke.sqlite",
}
TRANSLATED = {
    "de": "vorübergehend nicht erreichbar",
    "ar": "غير متاحة مؤقتًا",
    "uk": "тимчасово недоступна",
}


@pytest.mark.parametrize("engine", sorted(UNREACHABLE))
@pytest.mark.parametrize("user_id", [None, "1:token"], ids=["anonymous", "logged-in"])
@pytest.mark.parametrize("locale", sorted(TRANSLATED))
def test_a_page_answers_503_in_the_users_language_with_the_database_down(
    tmp_path, shared_limiter, engine, user_id, locale
):
    client = database_down_client(tmp_path, UNREACHABLE[engine], locale, user_id)
    response = client.get("/offers/")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    page = response.get_data(as_text=True)
    assert TRANSLATED[locale] in page
    assert f'lang="{locale}"' in page
    assert ('dir="rtl"' in page) == (locale == "ar")
    assert "/static/css/app.css" in page


def test_the_answer_is_json_for_a_client_that_asks_for_json(tmp_path, shared_limiter):
    client = database_down_client(tmp_path, UNREACHABLE["sqlite"], "en", None)
    response = client.get("/offers/", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.get_json()["status"] == 503


def test_a_form_whose_commit_fails_stores_nothing_and_answers_503(app, client, build):
    """The database goes away between the form's writes and its commit."""

    def connection_lost(session, *args):
        raise_lost_connection()

    with app.app_context():
        event.listen(db.session, "before_commit", connection_lost)
    try:
        response = client.post(
            "/register",
            data={
                "email": "half.stored@example.org",
                "display_name": "Half Stored",
                "password": build.PASSWORD,
                "password_again": build.PASSWORD,
                "role": Role.VOLUNTEER.value,
                "accept_privacy": "y",
            },
        )
    finally:
        with app.app_context():
            event.remove(db.session, "before_commit", connection_lost)
    assert response.status_code == 503
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_page_that_needs_the_broker_answers_503_while_it_is_down(tmp_path, database_url):
    web = create_app(app_config(tmp_path, database_url, CELERY_BROKER_URL=NOTHING_LISTENS))

    @web.route("/test-only/send-a-task")
    def send_a_task() -> str:
        with Connection(web.config["CELERY"]["broker_url"], connect_timeout=1) as broker:
            broker.ensure_connection(max_retries=1)  # what sending a task does first
        return "sent"

    response = web.test_client().get("/test-only/send-a-task", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert "temporarily unavailable" in response.get_data(as_text=True)


def test_an_outage_after_the_view_still_answers_503(tmp_path, database_url):
    """Raised where no error handler applies (an after-request hook): the 500 handler sees the
    cause and answers 503 as well."""
    web = create_app(app_config(tmp_path, database_url, PROPAGATE_EXCEPTIONS=False))
    database_that_is_down = create_engine(CLOSED_POSTGRES)

    @web.after_request
    def read_after_the_view(response: Response) -> Response:
        database_that_is_down.connect()
        return response

    response = web.test_client().get("/", headers={"Accept-Language": "de"})
    assert response.status_code == 503
    assert TRANSLATED["de"] in response.get_data(as_text=True)


def raise_lost_connection() -> None:
    from sqlalchemy.exc import OperationalError

    raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))


# -- Redis returns ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A private redis-server that the test stops and starts again (on the same port)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [REDIS_SERVER, "--port", str(self.port), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def keys(self) -> list[bytes]:
        return list(redis.Redis(port=self.port).keys("*"))


REDIS_SERVER = shutil.which("redis-server")


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def test_the_limiter_counts_in_redis_again_once_it_answers(
    tmp_path, database_url, shared_limiter, redis_server, build, caplog
):
    web = create_app(app_config(tmp_path, database_url, RATELIMIT_STORAGE_URI=redis_server.url))
    client, user = web.test_client(), build.user(Role.VOLUNTEER)
    wrong = {"email": user.email, "password": "wrong password"}
    caplog.set_level(logging.WARNING)
    assert client.post("/login", data=wrong).status_code == 401
    assert redis_server.keys()  # counted in Redis

    redis_server.stop()
    assert client.post("/login", data=wrong).status_code == 401  # counted in memory
    redis_server.start()  # empty: nothing was saved
    # Flask-Limiter asks the storage again after 1, 2, 4 … 32 seconds.
    deadline, attempt = time.monotonic() + 70, 0
    while not redis_server.keys() and time.monotonic() < deadline:
        time.sleep(0.5)
        attempt += 1  # each for another address: no account's limit is reached meanwhile
        probe = {"email": f"nobody{attempt}@example.org", "password": "wrong password"}
        assert client.post("/login", data=probe).status_code == 401
    assert redis_server.keys()
    messages = [record.message for record in caplog.records]
    assert messages.count(FALLBACK_WARNING) == 1
    assert messages.count(RECOVERY_WARNING) == 1
