"""Celery bound to the Flask app, the Flask-docs way: every task runs inside an app context.

With no broker configured (the embedded default) tasks run eagerly in the calling process, so no
service has to be started; with ``BRUECKE_CELERY_BROKER_URL=redis://…`` they go to the workers.
"""

from __future__ import annotations

import time
from typing import Any

from celery import Celery, Task, signals
from flask import Flask, has_app_context

from app.core.observability import metrics, workers
from app.core.observability.request_id import (
    CELERY_HEADER,
    bind,
    current_request_id,
    unbind,
)


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):  # type: ignore[misc]
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            # Run eagerly inside a request, a task keeps that request's app; on a worker it
            # gets the app the worker was started with.
            if has_app_context():
                return self.run(*args, **kwargs)
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    connect_observability(app.config["CELERY"]["broker_url"], app.config["WORKER_METRICS_ADDRESS"])
    return celery_app


def connect_observability(broker_url: str, metrics_address: str | None) -> None:
    """The request id travels in a message header into the task and its log lines; each run is
    counted; a worker says it is alive. ``dispatch_uid``: connected once however many apps."""
    signals.before_task_publish.connect(_carry_request_id, weak=False, dispatch_uid="bruecke-rid")
    signals.task_prerun.connect(_task_started, weak=False, dispatch_uid="bruecke-prerun")
    signals.task_postrun.connect(_task_ended, weak=False, dispatch_uid="bruecke-postrun")
    # The factory has configured logging (JSON in production); Celery must not replace it.
    signals.setup_logging.connect(_keep_our_logging, weak=False, dispatch_uid="bruecke-logging")
    if workers.is_redis(broker_url):

        def report_seen(sender: Any = None, **_extra: Any) -> None:
            workers.keep_reporting_worker_seen(broker_url, str(sender.hostname))

        signals.worker_ready.connect(report_seen, weak=False, dispatch_uid="bruecke-seen")
    if metrics_address:

        def serve_metrics(**_extra: Any) -> None:
            metrics.serve(str(metrics_address))

        signals.worker_ready.connect(serve_metrics, weak=False, dispatch_uid="bruecke-metrics")


def _carry_request_id(headers: dict[str, Any] | None = None, **_extra: Any) -> None:
    request_id = current_request_id()
    if headers is not None and request_id:
        headers.setdefault(CELERY_HEADER, request_id)


# Per task id: the start time and the token that restores the id the process had before (an
# eager task runs inside the request that sent it and keeps the request's id).
_running: dict[str, tuple[float, Any]] = {}


def _task_started(task_id: str = "", task: Any = None, **_extra: Any) -> None:
    request_id = getattr(task.request, CELERY_HEADER, None) or current_request_id()
    _running[task_id] = (time.perf_counter(), bind(request_id))


def _task_ended(
    task_id: str = "", task: Any = None, state: str | None = None, **_extra: Any
) -> None:
    started = _running.pop(task_id, None)
    if started is None:
        return
    metrics.observe_task(task.name, state or "UNKNOWN", time.perf_counter() - started[0])
    unbind(started[1])


def _keep_our_logging(**_extra: Any) -> None:
    pass
