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


def test_the_visibility_timeout_outlasts_the_longest_round(tmp_path, monkeypatch):
    """Redis must not hand a round that is still running to a second worker: by default the
    timeout follows the round time limit, with a margin; the task is stopped at that limit."""
    settings = celery_settings(tmp_path, monkeypatch, BRUECKE_ROUND_TIME_LIMIT="7200")
    limits = settings["task_annotations"]["bruecke.matches.run_round"]
    assert limits["soft_time_limit"] == 7200
    timeout = settings["broker_transport_options"]["visibility_timeout"]
    assert timeout > limits["time_limit"] > 7200


def test_the_visibility_timeout_comes_from_the_environment(tmp_path, monkeypatch):
    settings = celery_settings(tmp_path, monkeypatch, BRUECKE_CELERY_VISIBILITY_TIMEOUT="5")
    options = settings["broker_transport_options"]
    assert options["visibility_timeout"] == 5
    # Workers look for such messages often enough that 5 s means about 5 s.
    assert options["unacked_restore_interval"] * options["unacked_restore_throttle"] <= 2
