"""Logs, request ids, metrics and readiness: what an operator sees (issue 12, item 5)."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from app import create_app
from app.core.db import utcnow
from app.core.observability import workers
from app.core.observability.logging_setup import configure_logging
from app.core.observability.request_id import accept_or_generate
from app.core.permissions import Role
from app.extensions import db
from app.matches.models import MatchingRound, RoundStatus
from tests.app.conftest import app_config

REDIS_URL = os.environ.get("BRUECKE_TEST_OBSERVE_REDIS_URL", "redis://127.0.0.1:6379/11")


def redis_answers() -> bool:
    try:
        return bool(workers.client(REDIS_URL).ping())
    except Exception:
        return False


needs_redis = pytest.mark.skipif(not redis_answers(), reason="no Redis on this machine")


@pytest.fixture(autouse=True)
def _session_celery_afterwards(app):
    """An app built here with a broker makes its Celery the current one (``set_default``);
    later tests send their tasks through the session app's eager Celery again."""
    yield
    app.extensions["celery"].set_current()
    app.extensions["celery"].set_default()


@pytest.fixture
def text_logs_afterwards():
    """A test that builds a production app leaves the development format behind it."""
    yield
    configure_logging(production=False)


def json_lines(captured: str) -> list[dict]:
    return [json.loads(line) for line in captured.splitlines() if line.strip()]


def sample(client, name: str, **labels: str) -> float:
    text = client.get("/metrics").get_data(as_text=True)
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return 0.0


# -- logs and request ids -----------------------------------------------------------------------


def test_production_logs_json_lines_with_request_id_user_status_and_duration(
    tmp_path, database_url, build, login, capsys, text_logs_afterwards
):
    production = create_app(app_config(tmp_path, database_url, ENV="production"))
    web = production.test_client()
    amina = build.user(Role.REFUGEE, email="amina.secret@example.org", name="Amina Secret")
    login(amina, on=web)
    capsys.readouterr()

    response = web.get("/account?email=amina.secret@example.org")

    output = capsys.readouterr().err
    lines = json_lines(output)  # every line is JSON
    [line] = [entry for entry in lines if entry["logger"] == "bruecke.request"]
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert line["path"] == "/account" and line["method"] == "GET"
    assert line["status"] == 200 and line["endpoint"] == "accounts.settings"
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] == amina.id
    assert line["level"] == "INFO" and "time" in line
    assert "amina" not in output.lower() and "secret" not in output.lower()


def test_development_logs_readable_text_with_the_request_id(client, capsys):
    response = client.get("/privacy")
    output = capsys.readouterr().err
    request_id = response.headers["X-Request-ID"]
    assert f"[{request_id}] bruecke.request: GET /privacy 200 " in output


def test_request_id_from_a_client_is_replaced_and_from_a_trusted_proxy_kept(
    tmp_path, database_url, client
):
    assert (
        client.get("/", headers={"X-Request-ID": "forged-id-123"}).headers["X-Request-ID"]
        != "forged-id-123"
    )
    behind_proxy = create_app(app_config(tmp_path, database_url, PROXY_HOPS=1)).test_client()
    kept = behind_proxy.get("/", headers={"X-Request-ID": "proxy-id-123"})
    assert kept.headers["X-Request-ID"] == "proxy-id-123"
    broken = behind_proxy.get("/", headers={"X-Request-ID": "bad id level=ERROR"})
    assert broken.headers["X-Request-ID"] != "bad id level=ERROR"
    assert accept_or_generate("x" * 65, trusted=True) != "x" * 65


def test_a_task_sent_by_a_request_logs_that_request_id(client, build, caplog):
    user = build.user(Role.VOLUNTEER)
    caplog.set_level(logging.INFO)

    response = client.post("/password/forgot", data={"email": user.email})

    [delivered] = [r for r in caplog.records if r.getMessage() == "mail delivered"]
    assert delivered.request_id == response.headers["X-Request-ID"]


@needs_redis
@pytest.mark.slow
def test_the_worker_logs_the_request_id_of_the_request_that_sent_the_task(
    tmp_path, database_url, build
):
    workers.client(REDIS_URL).flushdb()
    user = build.user(Role.VOLUNTEER)
    log_file = tmp_path / "worker.log"
    port = free_port()
    worker = start_worker(tmp_path, database_url, log_file, port)
    try:
        web = create_app(
            app_config(tmp_path / "web", database_url, CELERY_BROKER_URL=REDIS_URL, PROXY_HOPS=1)
        ).test_client()
        web.post(
            "/password/forgot",
            data={"email": user.email},
            headers={"X-Request-ID": "trace-from-proxy-1"},
        )
        line = wait_for(log_file, "mail delivered")
        assert line["request_id"] == "trace-from-proxy-1"
        assert web.get("/readyz").get_json()["checks"]["worker"] == "ok"
        worker_metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
        assert (
            'bruecke_celery_tasks_total{outcome="SUCCESS",task="bruecke.deliver_outbox_mail"} 1.0'
            in worker_metrics.read().decode()
        )
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_worker(tmp_path, database_url, log_file, metrics_port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "BRUECKE_ENV": "production",
        "BRUECKE_CELERY_BROKER_URL": REDIS_URL,
        "BRUECKE_DATABASE_URL": database_url,
        "BRUECKE_INSTANCE_PATH": str(tmp_path / "worker-instance"),
        "BRUECKE_SECRET_KEY": "test-secret-key-not-for-production",
        "BRUECKE_PUBLIC_URL": "http://localhost",
        "BRUECKE_WORKER_METRICS_ADDRESS": f"127.0.0.1:{metrics_port}",
    }
    command = [sys.executable, "-m", "celery", "-A", "app.worker", "worker", "--pool=solo"]
    options = ["--without-heartbeat", "--without-gossip", "--without-mingle"]
    with log_file.open("w") as output:
        return subprocess.Popen(
            [*command, *options], env=env, stdout=output, stderr=subprocess.STDOUT
        )


def wait_for(log_file, message: str, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for raw in log_file.read_text().splitlines():
            if raw.startswith("{") and json.loads(raw).get("message") == message:
                return json.loads(raw)
        time.sleep(0.2)
    raise AssertionError(f"no {message!r} in the worker's log:\n{log_file.read_text()[-3000:]}")


# -- metrics ------------------------------------------------------------------------------------


def test_metrics_count_requests_by_endpoint_and_status(client):
    labels = {"endpoint": "main.privacy", "method": "GET", "status": "200"}
    before = sample(client, "bruecke_http_requests_total", **labels)
    client.get("/privacy?name=amina")
    assert sample(client, "bruecke_http_requests_total", **labels) == before + 1
    assert sample(client, "bruecke_http_request_duration_seconds_count", **labels) >= 1


def test_metrics_count_task_runs_by_name_and_outcome(client, build):
    labels = {"task": "bruecke.deliver_outbox_mail", "outcome": "SUCCESS"}
    before = sample(client, "bruecke_celery_tasks_total", **labels)
    client.post("/password/forgot", data={"email": build.user(Role.VOLUNTEER).email})
    assert sample(client, "bruecke_celery_tasks_total", **labels) == before + 1


def test_metrics_refuse_addresses_not_allowed(make_client, tmp_path, database_url):
    assert make_client(remote_addr="10.0.0.2").get("/metrics").status_code == 403
    monitoring = create_app(app_config(tmp_path, database_url, METRICS_ALLOWED="10.0.0.0/24"))
    scraper = monitoring.test_client()
    scraper.environ_base.update(REMOTE_ADDR="10.0.0.2")
    assert scraper.get("/metrics").status_code == 200


@needs_redis
def test_metrics_read_the_queue_depth_and_tolerate_redis_down(tmp_path, database_url):
    from app.core.tasks import send_mail

    workers.client(REDIS_URL).flushdb()
    web = create_app(app_config(tmp_path, database_url, CELERY_BROKER_URL=REDIS_URL))
    with web.app_context():
        send_mail.delay("a@example.org", "Termin", "Montag")  # no worker listens
    assert sample(web.test_client(), "bruecke_celery_queue_depth") == 1
    workers.client(REDIS_URL).flushdb()

    down = create_app(app_config(tmp_path, database_url, CELERY_BROKER_URL="redis://127.0.0.1:1/0"))
    response = down.test_client().get("/metrics")
    assert response.status_code == 200
    assert "bruecke_broker_up 0.0" in response.get_data(as_text=True)


def test_metrics_from_several_processes_add_up(tmp_path):
    """Several gunicorn workers: each counts in PROMETHEUS_MULTIPROC_DIR, a scrape adds up."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    count = textwrap.dedent("""
        from app.core.observability import metrics
        metrics.observe_request("main.index", "GET", 200, 0.01)
    """)
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, check=True)
    scrape = "from app.core.observability import metrics; print(metrics.exposition()[0].decode())"
    result = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, capture_output=True, text=True
    )
    assert (
        'bruecke_http_requests_total{endpoint="main.index",method="GET",status="200"} 2.0'
        in result.stdout
    )


# -- readiness ----------------------------------------------------------------------------------


def stuck_round(app, build, started_ago: timedelta) -> None:
    district = build.district("Osnabrück")
    with app.app_context():
        db.session.add(
            MatchingRound(
                region_id=district.id,
                status=RoundStatus.RUNNING.value,
                started_at=utcnow() - started_ago,
                heartbeat_at=utcnow() - started_ago,
            )
        )
        db.session.commit()


def test_readyz_fails_while_a_round_is_stuck(app, client, build):
    stuck_round(app, build, timedelta(hours=1))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["rounds"] == "error: 1 stuck round(s)"
    assert sample(client, "bruecke_matching_rounds_stuck") == 1
    assert client.get("/healthz").status_code == 200  # liveness: a restart would not help


def test_a_round_with_a_heartbeat_a_minute_ago_is_not_stuck(app, client, build):
    stuck_round(app, build, timedelta(minutes=1))
    assert client.get("/readyz").status_code == 200
    assert sample(client, "bruecke_matching_rounds_stuck") == 0


@needs_redis
def test_readyz_fails_when_no_worker_was_seen_lately(tmp_path, database_url):
    workers.client(REDIS_URL).flushdb()
    web = create_app(app_config(tmp_path, database_url, CELERY_BROKER_URL=REDIS_URL))
    response = web.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["worker"] == "error: no worker seen in 60 s"

    workers.record_worker_seen(REDIS_URL, "celery@elsewhere")
    assert web.test_client().get("/readyz").status_code == 200
    workers.record_worker_seen(REDIS_URL, "celery@elsewhere", now=0)  # long ago
    assert web.test_client().get("/readyz").status_code == 503


# -- gunicorn as documented -----------------------------------------------------------------------


@pytest.mark.slow
def test_gunicorn_as_documented_writes_json_access_lines_and_adds_up_its_workers(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "BRUECKE_ENV": "production",
        "BRUECKE_SECRET_KEY": "test-secret-key-not-for-production",
        "BRUECKE_DATABASE_URL": f"sqlite:///{tmp_path}/gunicorn.sqlite",
        "BRUECKE_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "BRUECKE_INSTANCE_PATH": str(tmp_path / "instance"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    access = tmp_path / "access.log"
    with access.open("w") as stdout:
        server = subprocess.Popen(
            [*gunicorn, "app:create_app()"],
            env=env,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            cwd=Path(__file__).resolve().parents[2],  # where gunicorn.conf.py is
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        answers = [urllib.request.urlopen(f"{base}/privacy?q=amina", timeout=10) for _ in range(6)]
        scraped = urllib.request.urlopen(f"{base}/metrics", timeout=10).read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert 'bruecke_http_requests_total{endpoint="main.privacy",method="GET",status="200"} 6.0' in (
        scraped
    )
    lines = [json.loads(line) for line in access.read_text().splitlines()]
    privacy = [line for line in lines if line["path"] == "/privacy"]
    assert len(privacy) == 6 and all(line["status"] == 200 for line in privacy)
    assert {line["request_id"] for line in privacy} == {a.headers["X-Request-ID"] for a in answers}
    assert "amina" not in access.read_text()
