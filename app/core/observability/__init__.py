"""What an operator needs to see what the app does: logs, request ids and metrics.

``register(app)`` is the factory's one call: it configures logging (JSON lines in production,
readable text in development), gives every request an id and logs and counts it when it ends.
The Celery side (the id travelling into tasks, task metrics) is wired in ``app.celery``.
"""

from __future__ import annotations

from flask import Flask

from app.core.observability import requests
from app.core.observability.logging_setup import configure_logging


def register(app: Flask) -> None:
    configure_logging(
        production=app.config["ENV"] == "production", level=str(app.config["LOG_LEVEL"])
    )
    requests.register(app)
