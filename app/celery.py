"""Celery bound to the Flask app, the Flask-docs way: every task runs inside an app context.

With no broker configured (the embedded default) tasks run eagerly in the calling process, so no
service has to be started; with ``BRUECKE_CELERY_BROKER_URL=redis://…`` they go to the workers.
"""

from __future__ import annotations

from typing import Any

from celery import Celery, Task
from flask import Flask, has_app_context


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
    return celery_app
