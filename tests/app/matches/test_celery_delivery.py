"""Celery is set up for at-least-once delivery: late acknowledgement, one message at a time, and a
visibility timeout after which Redis hands a dead worker's message to another worker."""

from __future__ import annotations

from app.config import build_config


def celery_settings(tmp_path, monkeypatch, **environment: str) -> dict:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return build_config(str(tmp_path), {"SECRET_KEY": "x"})["CELERY"]


def test_tasks_are_acknowledged_after_they_ran_one_at_a_time(tmp_path, monkeypatch):
    settings = celery_settings(tmp_path, monkeypatch)
    assert settings["task_acks_late"] is True
    assert settings["task_reject_on_worker_lost"] is True
    assert settings["worker_prefetch_multiplier"] == 1
    assert settings["broker_transport_options"]["visibility_timeout"] == 3600


def test_the_visibility_timeout_comes_from_the_environment(tmp_path, monkeypatch):
    settings = celery_settings(tmp_path, monkeypatch, BRUECKE_CELERY_VISIBILITY_TIMEOUT="5")
    options = settings["broker_transport_options"]
    assert options["visibility_timeout"] == 5
    # Workers look for such messages often enough that 5 s means about 5 s.
    assert options["unacked_restore_interval"] * options["unacked_restore_throttle"] <= 2
