"""Production mode: a real Celery worker on this machine's Redis runs the mail task."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from app import create_app
from app.core.outbox import OutboxMail
from app.core.tasks import send_mail
from app.extensions import db
from tests.app.conftest import app_config

REDIS_URL = os.environ.get("BRUECKE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_answers() and "BRUECKE_TEST_REDIS_URL" not in os.environ,
    reason="no Redis on this machine (CI sets BRUECKE_TEST_REDIS_URL and requires it)",
)


@pytest.fixture
def worker(tmp_path: Path, database_url: str):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "BRUECKE_CELERY_BROKER_URL": REDIS_URL,
        "BRUECKE_DATABASE_URL": database_url,
        "BRUECKE_INSTANCE_PATH": str(tmp_path / "worker-instance"),
        "BRUECKE_SECRET_KEY": "test-secret-key-not-for-production",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "app.worker",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield queue, tmp_path / "worker-instance" / "outbox"
    process.terminate()
    process.wait(timeout=20)


def test_worker_delivers_mail_sent_by_the_web_app(worker, tmp_path, database_url):
    queue, worker_outbox = worker
    web = create_app(app_config(tmp_path / "web", database_url, CELERY_BROKER_URL=REDIS_URL))
    assert web.test_client().get("/readyz").get_json()["checks"]["broker"] == "ok"
    with web.app_context():
        send_mail.apply_async(
            ("amina@example.org", "Termin", "Ihr Termin ist am Montag."), queue=queue
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(worker_outbox.glob("*.eml")):
        time.sleep(0.2)
    [mail] = list(worker_outbox.glob("*.eml"))
    text = mail.read_text()
    assert "To: amina@example.org" in text and "Ihr Termin ist am Montag." in text
    assert not (tmp_path / "web" / "outbox").exists()  # not run in the web process


def test_worker_delivers_mail_queued_by_a_request_and_marks_it_sent(
    worker, build, tmp_path, database_url
):
    queue, worker_outbox = worker
    build.user(email="amina@example.org")
    web = create_app(app_config(tmp_path / "web", database_url, CELERY_BROKER_URL=REDIS_URL))
    web.extensions["celery"].conf.task_default_queue = queue
    response = web.test_client().post("/password/forgot", data={"email": "amina@example.org"})
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(worker_outbox.glob("*.eml")):
        time.sleep(0.2)
    [mail] = list(worker_outbox.glob("*.eml"))
    assert "To: amina@example.org" in mail.read_text()
    with web.app_context():
        while time.monotonic() < deadline:
            [row] = db.session.scalars(select(OutboxMail)).all()
            if row.sent_at is not None:
                break
            db.session.rollback()
            time.sleep(0.2)
        assert row.sent_at is not None and row.attempts == 1
    assert not (tmp_path / "web" / "outbox").exists()  # delivered by the worker only
