"""Time the offer search with 10,000 offers: SQLite always, PostgreSQL when configured.

Run ``.venv/bin/python -m benchmarks.search`` (or ``python benchmarks/search.py``). The SQLite
database is a temporary file; for PostgreSQL, ``BRUECKE_TEST_DATABASE_URL`` names the server and a
scratch database ``bruecke_search_bench`` is created on it and dropped afterwards. Each query is
the real ``app.offers.queries.search_offers`` (count + one page of 20 + loading the page's
offers); the table shows the median of repeated runs.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from app.offers.models import Offer, OfferKind
from app.offers.queries import SearchFilters, search_offers
from app.places.postcodes import lookup
from app.profiles.models import Person, PersonLanguage

OFFERS = 10_000
OWNERS = 1_000
RUNS = 25
SEED = 4
TODAY = date(2026, 11, 26)
OSNABRUECK = lookup("49074")
BRAMSCHE = lookup("49565")
LANGUAGES = ["de", "en", "ar", "fa", "uk", "ru", "tr", "ti", "so", "prs"]
CEFR = [None, "A1", "A2", "B1", "B2", "C1"]

SCENARIOS: list[tuple[str, SearchFilters, int]] = [
    ("no filter, newest first", SearchFilters(), 1),
    ("no filter, page 50", SearchFilters(), 50),
    ("kind = job", SearchFilters(kind="job"), 1),
    ("language = ar", SearchFilters(language="ar"), 1),
    ("hours <= 20", SearchFilters(max_hours=20), 1),
    ("nearest first (no radius)", SearchFilters(origin=(OSNABRUECK.lat, OSNABRUECK.lon)), 1),
    ("within 10 km", SearchFilters(km=10, origin=(OSNABRUECK.lat, OSNABRUECK.lon)), 1),
    ("within 25 km", SearchFilters(km=25, origin=(BRAMSCHE.lat, BRAMSCHE.lon)), 1),
    ("within 50 km, page 10", SearchFilters(km=50, origin=(BRAMSCHE.lat, BRAMSCHE.lon)), 10),
    (
        "25 km + mentoring + ar",
        SearchFilters(kind="mentoring", language="ar", km=25, origin=(BRAMSCHE.lat, BRAMSCHE.lon)),
        1,
    ),
    (
        "50 km + job + hours <= 30",
        SearchFilters(kind="job", max_hours=30, km=50, origin=(OSNABRUECK.lat, OSNABRUECK.lon)),
        1,
    ),
]


def config(instance: Path, url: str) -> dict[str, object]:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark",
        "PASSWORD_HASHING": "cheapest",
        "CELERY_BROKER_URL": None,
    }


def fill(rng: random.Random) -> None:
    """Owners with languages, and offers spread over north-west Germany around Osnabrück."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    people = [
        {
            "id": i,
            "given_name": f"P{i}",
            "family_name": "Bench",
            "gender": "unspecified",
            "created_at": now,
            "updated_at": now,
        }
        for i in range(1, OWNERS + 1)
    ]
    db.session.execute(insert(Person), people)
    languages = [
        {"person_id": i, "code": code, "level": "native"}
        for i in range(1, OWNERS + 1)
        for code in rng.sample(LANGUAGES, rng.randint(1, 3))
    ]
    db.session.execute(insert(PersonLanguage), languages)
    db.session.execute(insert(Offer), [offer_row(rng, now, i) for i in range(OFFERS)])
    db.session.commit()


def offer_row(rng: random.Random, now: datetime, i: int) -> dict[str, object]:
    kind = rng.choice(list(OfferKind))
    return {
        "kind": kind.value,
        "status": rng.choices(["published", "draft", "filled"], [0.85, 0.1, 0.05])[0],
        "owner_id": rng.randint(1, OWNERS),
        "title": f"{kind.value} {i}",
        "min_german": rng.choice(CEFR) if kind in {"job", "apprenticeship", "internship"} else None,
        "capacity": rng.randint(1, 5),
        "filled": 0,
        "hours_per_week": float(rng.choice([2, 4, 10, 20, 30, 38, 40])),
        "interpreter_available": rng.random() < 0.2,
        "lat": round(rng.uniform(51.9, 52.9), 5),
        "lon": round(rng.uniform(7.0, 9.0), 5),
        "valid_until": TODAY + timedelta(days=rng.randint(-30, 180)),
        "created_at": now + timedelta(minutes=i),
        "updated_at": now,
    }


def timed(filters: SearchFilters, page: int) -> tuple[float, int]:
    samples, total = [], 0
    for _ in range(RUNS):
        db.session.expunge_all()  # load the page's offers afresh, as a new request would
        start = time.perf_counter()
        total = search_offers(filters, TODAY, page).total
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, total


def measure(url: str, label: str) -> list[tuple[str, str, float, int]]:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(config(Path(folder) / "instance", url))
        with app.app_context():
            upgrade()
            fill(random.Random(SEED))
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            rows = [(label, name, *timed(f, page)) for name, f, page in SCENARIOS]
            db.engine.dispose()
    return rows


@contextmanager
def scratch_postgres(server_url: str) -> Iterator[str]:
    url = make_url(server_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bruecke_search_bench"))
        connection.execute(text("CREATE DATABASE bruecke_search_bench"))
    try:
        yield url.set(database="bruecke_search_bench").render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS bruecke_search_bench WITH (FORCE)"))
        admin.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = measure(f"sqlite:///{folder}/bench.sqlite", "SQLite")
    if server := os.environ.get("BRUECKE_TEST_DATABASE_URL"):
        with scratch_postgres(server) as url:
            rows += measure(url, "PostgreSQL")
    print(f"Offer search, {OFFERS:,} offers, median of {RUNS} runs (count + page of 20)\n")
    print(f"| {'database':<10} | {'query':<28} | {'ms':>7} | {'matches':>7} |")
    print(f"|{'-' * 12}|{'-' * 30}|{'-' * 9}|{'-' * 9}|")
    for database, name, ms, total in rows:
        print(f"| {database:<10} | {name:<28} | {ms:7.2f} | {total:7,} |")


if __name__ == "__main__":
    main()
