"""The public open figures are counted once per period, however many ask at the same time: at
100,000 people main counted them on every request (18 s each), and four anonymous requests
made the site unreachable."""

from __future__ import annotations

import threading

import pytest

from app.core.ttl_cache import TTLCache
from app.evidence import queries
from app.extensions import db
from tests.app.statements import recorded

CONCURRENT = 8


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_concurrent_misses_compute_once_and_the_value_expires():
    clock, computed, started = Clock(), [], threading.Barrier(CONCURRENT)
    cache: TTLCache[str, int] = TTLCache(clock)

    def compute() -> int:
        computed.append(1)
        return len(computed)

    def ask() -> None:
        started.wait()
        assert cache.get("day", 60, compute) == 1

    threads = [threading.Thread(target=ask) for _ in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(computed) == 1
    clock.now = 61
    assert cache.get("day", 60, compute) == 2
    assert cache.get("day", 0, compute) == 3  # no period: always fresh


@pytest.fixture
def cached(app, monkeypatch):
    monkeypatch.setitem(app.config, "OPEN_FIGURES_CACHE_SECONDS", 300)
    queries.forget_open_figures()
    yield
    queries.forget_open_figures()


def test_the_page_counts_once_per_period(app, client, district, cached):
    with app.app_context():
        engine = db.engine
    with recorded(engine) as first:
        page = client.get("/figures").get_data(as_text=True)
    with recorded(engine) as second:
        again = client.get("/figures").get_data(as_text=True)
    assert again == page
    assert any("person" in statement for statement, _ in first.sent)
    assert not any("person" in statement for statement, _ in second.sent)


def test_concurrent_requests_count_once(app, district, cached):
    with app.app_context():
        engine = db.engine
        with recorded(engine) as alone:
            expected = queries.open_tables(district.today)
    started, results = threading.Barrier(CONCURRENT), []

    def ask() -> None:
        started.wait()
        with app.app_context():
            results.append(queries.cached_open_tables(district.today))

    with recorded(engine) as together:
        threads = [threading.Thread(target=ask) for _ in range(CONCURRENT)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == [expected] * CONCURRENT
    assert together.count == alone.count
