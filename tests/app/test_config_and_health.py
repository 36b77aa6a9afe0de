"""Configuration from the environment, the generated secret key, /healthz and /readyz."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import build_config


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("BRUECKE_SECRET_KEY", raising=False)
    first = build_config(str(tmp_path), {})["SECRET_KEY"]
    second = build_config(str(tmp_path), {})["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    other = tmp_path / "other"
    assert build_config(str(other), {})["SECRET_KEY"] != first


def test_environment_switches_the_database_without_code_change(tmp_path, monkeypatch):
    monkeypatch.setenv("BRUECKE_DATABASE_URL", "postgresql+psycopg://u@db.example/bruecke")
    monkeypatch.setenv("BRUECKE_MAIL_PORT", "2525")
    config = build_config(str(tmp_path), {})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/bruecke"
    assert config["MAIL_PORT"] == 2525


def test_embedded_default_is_sqlite_in_the_instance_folder_with_eager_tasks(tmp_path, monkeypatch):
    monkeypatch.delenv("BRUECKE_DATABASE_URL", raising=False)
    monkeypatch.delenv("BRUECKE_CELERY_BROKER_URL", raising=False)
    config = build_config(str(tmp_path), {})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/bruecke.sqlite"
    assert config["CELERY"]["task_always_eager"] is True


def test_production_refuses_to_start_without_secret_and_database(tmp_path, monkeypatch):
    monkeypatch.setenv("BRUECKE_ENV", "production")
    monkeypatch.delenv("BRUECKE_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="BRUECKE_SECRET_KEY"):
        build_config(str(tmp_path), {})


def test_readyz_reports_the_database_and_rounds(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "rounds": "ok"}}


def test_readyz_reports_a_broker_that_does_not_answer(tmp_path, database_url):
    from tests.app.conftest import app_config

    broken = create_app(
        app_config(tmp_path, database_url, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    )
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("error")
    assert body["checks"]["worker"].startswith("error")


def test_readyz_reports_a_database_that_does_not_answer(tmp_path):
    from tests.app.conftest import app_config

    broken = create_app(app_config(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:1/none"))
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"].startswith("error")


def test_healthz_is_liveness_and_asks_no_database(tmp_path):
    """A restart cannot mend a database outage: liveness stays 200 (readiness fails)."""
    from tests.app.conftest import app_config

    broken = create_app(app_config(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:1/none"))
    response = broken.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
