"""Liveness and readiness, and the gauges a scrape reads from the world outside the process.

``/healthz`` (liveness) only shows that the process answers: a restart cannot fix a database
outage, so the database is not asked there. ``/readyz`` (readiness, for the load balancer and
the operator) asks the database, the broker, whether a worker was seen lately and whether a
round is stuck; each check answers ``"ok"`` or a short reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kombu import Connection
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import text

from app.core.observability import workers
from app.extensions import db
from app.matches import recovery


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


def check_worker(url: str) -> str:
    try:
        seen = workers.workers_seen(url)
    except Exception as error:
        return f"error: {type(error).__name__}"
    if not seen:
        return f"error: no worker seen in {workers.SEEN_WITHIN_SECONDS} s"
    return "ok"


def stuck_round_count() -> int:
    """Rounds whose worker is gone or that no worker took in time (the recovery's own rule)."""
    return recovery.stuck_count()


def check_rounds() -> str:
    try:
        stuck = stuck_round_count()
    except Exception as error:
        db.session.rollback()
        return f"error: {type(error).__name__}"
    return f"error: {stuck} stuck round(s)" if stuck else "ok"


def readiness(config: dict[str, Any]) -> dict[str, str]:
    """Every readiness check by name; the broker and worker only where a broker is set."""
    checks = {"database": check_database()}
    broker = config["CELERY"]["broker_url"]
    if broker != "memory://":
        checks["broker"] = check_broker(broker)
        if workers.is_redis(broker):
            checks["worker"] = check_worker(broker)
    if checks["database"] == "ok":
        checks["rounds"] = check_rounds()
    return checks


class WorldCollector:
    """Gauges read at scrape time; a part that does not answer is left out, not an error."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.broker = config["CELERY"]["broker_url"]

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield from self._rounds()
        if workers.is_redis(self.broker):
            yield from self._broker()

    def _rounds(self) -> Iterator[GaugeMetricFamily]:
        try:
            stuck = stuck_round_count()
        except Exception:
            db.session.rollback()
            return
        yield GaugeMetricFamily(
            "bruecke_matching_rounds_stuck",
            "Rounds whose worker is gone or that no worker took in time",
            stuck,
        )

    def _broker(self) -> Iterator[GaugeMetricFamily]:
        try:
            depth = workers.queue_depth(self.broker)
            seen = workers.workers_seen(self.broker)
        except Exception:
            yield GaugeMetricFamily("bruecke_broker_up", "Does the broker's Redis answer", 0)
            return
        yield GaugeMetricFamily("bruecke_broker_up", "Does the broker's Redis answer", 1)
        yield GaugeMetricFamily("bruecke_celery_queue_depth", "Messages waiting", depth)
        yield GaugeMetricFamily(
            "bruecke_celery_workers_seen", "Workers seen in the last minute", seen
        )
