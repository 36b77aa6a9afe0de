"""Prometheus metrics of requests, Celery tasks and matching rounds, and their exposition.

Several gunicorn workers (or Celery pool processes) each count on their own; with
``PROMETHEUS_MULTIPROC_DIR`` set before the process starts, prometheus_client writes the counts
to files there and a scrape adds up every process's files (its multiprocess mode). Gauges that
describe the outside world (queue depth, stuck rounds) are not kept here: they are read when
scraped (``extra`` collectors), so every process reports the same truth.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.multiprocess import MultiProcessCollector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "bruecke_http_requests",
    "HTTP requests answered, by endpoint (not path), method and status",
    ["endpoint", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "bruecke_http_request_duration_seconds",
    "Time from the start of a request to its response",
    ["endpoint", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30),
)
TASKS = Counter(
    "bruecke_celery_tasks",
    "Celery task runs, by task name and outcome (SUCCESS, FAILURE, RETRY)",
    ["task", "outcome"],
)
TASK_SECONDS = Histogram(
    "bruecke_celery_task_duration_seconds",
    "Run time of Celery tasks",
    ["task", "outcome"],
    buckets=(0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600),
)
ROUND_SECONDS = Histogram(
    "bruecke_matching_round_duration_seconds",
    "Matching rounds from start to end, by their final status",
    ["status"],
    buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600),
)


def observe_request(endpoint: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(endpoint, method, str(status)).inc()
    REQUEST_SECONDS.labels(endpoint, method, str(status)).observe(seconds)


def observe_task(task: str, outcome: str, seconds: float) -> None:
    TASKS.labels(task, outcome).inc()
    TASK_SECONDS.labels(task, outcome).observe(seconds)


def observe_round(status: str, seconds: float) -> None:
    ROUND_SECONDS.labels(status).observe(seconds)


class _Together:
    def __init__(self, collectors: Iterable[Any]) -> None:
        self.collectors = list(collectors)

    def collect(self) -> Iterator[Any]:
        for collector in self.collectors:
            yield from collector.collect()


def counted() -> Any:
    """This process's counts, or every process's in multiprocess mode."""
    if not os.environ.get(MULTIPROC_ENV):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry


def exposition(*extra: Any) -> tuple[bytes, str]:
    """The text a Prometheus scrape receives: the counts and the ``extra`` collectors' gauges."""
    return generate_latest(_Together([counted(), *extra])), CONTENT_TYPE_LATEST  # type: ignore[arg-type]


def serve(address: str) -> None:
    """Serve the counts at ``host:port`` from a thread (a Celery worker has no web server)."""
    host, _, port = address.rpartition(":")
    start_http_server(int(port), addr=host or "127.0.0.1", registry=counted())


def address_allowed(address: str | None, allowed: str | list[str]) -> bool:
    """Is ``address`` in one of the ``allowed`` addresses or networks (a comma list)?"""
    if not address:
        return False
    entries = allowed.split(",") if isinstance(allowed, str) else allowed
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(client, ipaddress.IPv6Address) and client.ipv4_mapped:
        client = client.ipv4_mapped
    return any(
        client in ipaddress.ip_network(entry.strip(), strict=False)
        for entry in entries
        if entry.strip()
    )
