"""Health checks: does the database (and, in production, the broker) answer?"""

from __future__ import annotations

from kombu import Connection
from sqlalchemy import text

from app.extensions import db


def check_database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means "not answering"
        db.session.rollback()
        return f"error: {type(error).__name__}"
    return "ok"


def check_broker(url: str) -> str:
    try:
        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"
