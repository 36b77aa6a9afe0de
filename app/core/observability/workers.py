"""What the broker's Redis says about the workers: which were seen lately, how much waits.

A worker's main process writes its name and the time into one sorted set every
``SEEN_EVERY_SECONDS`` (``app.celery`` starts that). Asking "was a worker seen in the last
minute?" is then one Redis command — cheaper and steadier than ``celery inspect ping``, which
broadcasts to every worker and waits out its timeout whenever one is busy or gone.
"""

from __future__ import annotations

import contextlib
import threading
import time

import redis

WORKERS_KEY = "bruecke:workers-seen"
SEEN_EVERY_SECONDS = 15
SEEN_WITHIN_SECONDS = 60  # four beats missed: the worker is gone or hangs
# kombu keeps a queue's messages of each priority step in its own list: "celery",
# "celery\x06\x163", … (the separator and steps are kombu's defaults).
PRIORITY_STEPS = (0, 3, 6, 9)
PRIORITY_SEPARATOR = "\x06\x16"


def is_redis(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("redis://", "rediss://", "unix://"))


def client(url: str) -> redis.Redis:
    # Short timeouts: a health check or a scrape must answer even when Redis does not.
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def record_worker_seen(url: str, worker: str, now: float | None = None) -> None:
    connection = client(url)
    seen = time.time() if now is None else now
    connection.zadd(WORKERS_KEY, {worker: seen})
    connection.zremrangebyscore(WORKERS_KEY, "-inf", seen - 24 * 3600)


def workers_seen(url: str, within: float = SEEN_WITHIN_SECONDS) -> int:
    """How many workers were seen in the last ``within`` seconds (raises if Redis is down)."""
    return int(client(url).zcount(WORKERS_KEY, time.time() - within, "+inf"))


def queue_depth(url: str, queue: str = "celery") -> int:
    """Messages waiting in ``queue`` (all priority steps; raises if Redis is down)."""
    keys = [queue if step == 0 else f"{queue}{PRIORITY_SEPARATOR}{step}" for step in PRIORITY_STEPS]
    pipeline = client(url).pipeline()
    for key in keys:
        pipeline.llen(key)
    return sum(int(length) for length in pipeline.execute())


def keep_reporting_worker_seen(url: str, worker: str) -> threading.Thread:
    """Start a daemon thread that records ``worker`` as seen now and every few seconds.

    A thread of the main process keeps beating while a pool process runs a long round."""

    def beat() -> None:
        while True:
            # The broker down: the worker has nothing to do either; try again next beat.
            with contextlib.suppress(redis.RedisError):
                record_worker_seen(url, worker)
            time.sleep(SEEN_EVERY_SECONDS)

    thread = threading.Thread(target=beat, name="bruecke-worker-seen", daemon=True)
    thread.start()
    return thread
