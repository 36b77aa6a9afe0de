"""Time a matching round through the app: the demo district and a synthetic 10,000-person region.

Run ``.venv/bin/python -m benchmarks.round`` (or ``python benchmarks/round.py``). SQLite always (a
temporary file); PostgreSQL too when ``BRUECKE_TEST_DATABASE_URL`` or ``--postgres URL`` names a
server, on a scratch database ``bruecke_round_bench`` (``--scratch NAME`` names another, so that
runs side by side do not collide) that is dropped afterwards. Measurements before and after
changes: ``benchmarks/README.md``.

The round is the real one: ``services.create_round`` then ``services.run_round`` with a commit at
each checkpoint, as the Celery task runs it. Stage times are measured between the checkpoints:
load (reading requests, offers, exclusions, ratings), solve (building the engine's problem and
solving it), store (writing the proposals and the summary).

The synthetic region has 5,000 newcomers with one request each and 5,000 people offering one
offer each (mentoring, volunteering, jobs, advice): 10,000 people. Their languages, skills with
typos, places, travel radii, weekly times, right to work and certificates come from the engine's
own benchmark generator (``matching.benchgen``), mapped onto database rows; each skill row gets
its taxonomy id as the app stores it when a skill is saved (bulk inserts bypass the ORM hook).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import create_engine, delete, insert, select, text, update
from sqlalchemy.engine import make_url

from app import create_app
from app.accounts.models import Region
from app.accounts.queries import region_with_descendants
from app.core.taxonomy import taxonomy_id_of
from app.demo.seed import seed_demo
from app.extensions import db
from app.matches import services
from app.matches.models import HOLDS_PLACE, AnswerOnBehalf, MatchingRound, Proposal, Rating
from app.offers import lifecycle as offers_lifecycle
from app.offers.models import Offer, OfferSkill, Request
from app.profiles.models import (
    AvailabilitySlot,
    MentorProfile,
    Person,
    PersonLanguage,
    PersonSkill,
    RefugeeProfile,
)
from matching.availability import DAYS
from matching.benchgen import generate_problem

TODAY = date(2026, 11, 26)
PEOPLE = 10_000  # half newcomers with a request, half offering
# The engine's kinds as the app's request and offer kinds.
REQUEST_KIND = {
    "mentor": "mentoring",
    "volunteer": "volunteering",
    "job": "job",
    "advice": "advice",
}
RIGHT_TO_WORK = {"permission_required": "needs_approval"}
PG_SCRATCH = "bruecke_round_bench"


@dataclass
class Row:
    database: str
    case: str
    people: int
    requests: int
    offers: int
    stages: dict[str, float]
    proposals: int
    solver: str

    @property
    def total(self) -> float:
        return sum(self.stages.values())


def config(instance: Path, url: str) -> dict[str, object]:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark",
        "PASSWORD_HASHING": "cheapest",
        "CELERY_BROKER_URL": None,
    }


# -- the synthetic region ---------------------------------------------------------------------


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _slots(person_id: int, times: list[str] | None) -> list[dict[str, Any]]:
    rows = []
    for entry in times or []:
        day, span = entry.split()
        start, end = span.split("-")
        rows.append(
            {
                "person_id": person_id,
                "weekday": DAYS.index(day),
                "start_minute": _minutes(start),
                "end_minute": _minutes(end),
            }
        )
    return rows


def _person(person_id: int, region_id: int, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "id": person_id,
        "given_name": f"P{person_id}",
        "family_name": "Bench",
        "gender": data.get("gender", "unspecified"),
        "lat": data["location"]["lat"],
        "lon": data["location"]["lon"],
        "max_km": float(data["max_km"]),
        "region_id": region_id,
        "created_at": now,
        "updated_at": now,
    }


class SyntheticRegion:
    """Row lists for every table, filled from the engine's generated problem."""

    def __init__(self, region_id: int, size: int, now: datetime) -> None:
        self.region_id, self.now = region_id, now
        # Ids are given so that offers and skills can refer to them; start after existing rows.
        person_base = db.session.scalar(select(db.func.max(Person.id))) or 0
        offer_base = db.session.scalar(select(db.func.max(Offer.id))) or 0
        self.tables: dict[Any, list[dict[str, Any]]] = {
            m: []
            for m in (
                Person,
                PersonLanguage,
                PersonSkill,
                AvailabilitySlot,
                RefugeeProfile,
                MentorProfile,
                Request,
                Offer,
                OfferSkill,
            )
        }
        problem = generate_problem(size, seed=7)
        for number, seeker in enumerate(problem["seekers"], start=1):
            self.add_seeker(person_base + number, seeker)
        for number, offer in enumerate(problem["offers"], start=1):
            self.add_offer(person_base + size + number, offer_base + number, offer)

    def add_common(self, person_id: int, data: dict[str, Any]) -> None:
        self.tables[Person].append(_person(person_id, self.region_id, data, self.now))
        self.tables[PersonLanguage] += [
            {"person_id": person_id, "code": code, "level": level}
            for code, level in data["languages"].items()
        ]
        self.tables[AvailabilitySlot] += _slots(person_id, data.get("availability"))

    def add_seeker(self, person_id: int, data: dict[str, Any]) -> None:
        self.add_common(person_id, data)
        self.tables[PersonSkill] += [
            {"person_id": person_id, "original_text": s, "taxonomy_id": taxonomy_id_of(s)}
            for s in data["skills"]
        ]
        status = RIGHT_TO_WORK.get(data["work_status"], data["work_status"])
        self.tables[RefugeeProfile].append(
            {
                "person_id": person_id,
                "right_to_work": status,
                "preferred_mentor_gender": data.get("mentor_gender"),
                "waiting_since": TODAY - timedelta(days=data["waiting_days"]),
            }
        )
        self.tables[Request].append(
            {
                "person_id": person_id,
                "kind": REQUEST_KIND[data["wants"][0]],
                "status": "open",
                "created_at": self.now,
                "updated_at": self.now,
            }
        )

    def add_offer(self, person_id: int, offer_id: int, data: dict[str, Any]) -> None:
        self.add_common(person_id, data)
        if "good_conduct_until" in data:
            self.tables[MentorProfile].append(
                {"person_id": person_id, "conduct_certificate_valid_until": date(2099, 12, 31)}
            )
        self.tables[Offer].append(
            {
                "id": offer_id,
                "kind": REQUEST_KIND[data["kind"]],
                "status": "published",
                "owner_id": person_id,
                "title": f"{data['kind']} {offer_id}",
                "min_german": data.get("min_language", {}).get("de"),
                "capacity": data["capacity"],
                "filled": 0,
                "lat": data["location"]["lat"],
                "lon": data["location"]["lon"],
                "max_km": float(data["max_km"]),
                "region_id": self.region_id,
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        self.tables[OfferSkill] += [
            {"offer_id": offer_id, "original_text": s, "taxonomy_id": taxonomy_id_of(s)}
            for s in data["skills"]
        ]

    def insert(self) -> None:
        for model, rows in self.tables.items():
            for start in range(0, len(rows), 5000):
                db.session.execute(insert(model), rows[start : start + 5000])


def synthetic_region(people: int) -> int:
    """A district with ``people`` // 2 requests and as many offers; returns its id."""
    district = Region(name="Synthetische Region", kind="district", code="SYN00")
    db.session.add(district)
    db.session.flush()
    now = datetime(2026, 11, 1, tzinfo=UTC)
    SyntheticRegion(district.id, people // 2, now).insert()
    db.session.commit()
    return district.id


def demo_district() -> int:
    """The demo district, without the decided round the demo brings along."""
    seed_demo(TODAY)
    for proposal in db.session.scalars(select(Proposal).where(Proposal.status.in_(HOLDS_PLACE))):
        offers_lifecycle.free_place(proposal.offer_id)
    for model in (AnswerOnBehalf, Rating, Proposal, MatchingRound):
        db.session.execute(delete(model))
    db.session.execute(
        update(Request).where(Request.status.in_(("in_round", "matched"))).values(status="open")
    )
    db.session.commit()
    return db.session.scalar(select(Region.id).where(Region.name == "Landkreis Osnabrück"))


# -- timing a round -----------------------------------------------------------------------------

STAGE_NAMES = {"loading": "load", "solving": "solve", "saving": "store"}


def timed_round(region_id: int) -> tuple[dict[str, float], MatchingRound]:
    """Run a round as the task does; a stage lasts from its checkpoint to the next one."""
    matching_round = services.create_round(region_id, None)
    db.session.commit()
    marks: list[tuple[str, float]] = []

    def checkpoint() -> None:
        db.session.commit()
        marks.append((matching_round.stage, time.perf_counter()))

    services.run_round(matching_round, TODAY, checkpoint)
    stages = {
        STAGE_NAMES[stage]: end - start
        for (stage, start), (_, end) in itertools.pairwise(marks)
        if stage in STAGE_NAMES
    }
    return stages, matching_round


def measure(url: str, database: str) -> list[Row]:
    cases: list[tuple[str, Callable[[], int]]] = [
        ("demo district", demo_district),
        (f"synthetic {PEOPLE:,}", lambda: synthetic_region(PEOPLE)),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(config(Path(folder) / "instance", url))
        with app.app_context():
            upgrade()
            for case, build in cases:
                region_id = build()
                stages, matching_round = timed_round(region_id)
                assert matching_round.status == "finished", matching_round.error
                rows.append(row(database, case, region_id, stages, matching_round))
            db.engine.dispose()
    return rows


def row(
    database: str, case: str, region_id: int, stages: dict[str, float], done: MatchingRound
) -> Row:
    regions = region_with_descendants({region_id})
    people = db.session.scalar(
        select(db.func.count(Person.id)).where(Person.region_id.in_(regions))
    )
    solver = str((done.summary or {}).get("stats", {}).get("solver", "?"))
    return Row(database, case, people or 0, done.seekers, done.offers, stages, done.matched, solver)


@contextmanager
def scratch_postgres(server_url: str, scratch: str = PG_SCRATCH) -> Iterator[str]:
    if not scratch.isidentifier():
        raise SystemExit(f"--scratch must be a plain database name, not {scratch!r}")
    url = make_url(server_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {scratch}"))
    try:
        yield url.set(database=scratch).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)"))
        admin.dispose()


def print_table(rows: list[Row]) -> None:
    print("Matching round through the app (stage times in seconds, wall clock)\n")
    head = f"| {'database':<10} | {'case':<16} | {'people':>6} | {'requests':>8} | {'offers':>6} |"
    head += " load | solve | store | total | proposals | solver |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for r in rows:
        s = r.stages
        print(
            f"| {r.database:<10} | {r.case:<16} | {r.people:>6,} | {r.requests:>8,} |"
            f" {r.offers:>6,} | {s.get('load', 0):4.2f} | {s.get('solve', 0):5.2f} |"
            f" {s.get('store', 0):5.2f} | {r.total:5.2f} | {r.proposals:>9,} | {r.solver:<6} |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: the test one)")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    parser.add_argument(
        "--scratch", default=PG_SCRATCH, help=f"the scratch database (default: {PG_SCRATCH})"
    )
    args = parser.parse_args(argv)
    rows: list[Row] = []
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            rows += measure(f"sqlite:///{folder}/bench.sqlite", "SQLite")
    if server := args.postgres or os.environ.get("BRUECKE_TEST_DATABASE_URL"):
        with scratch_postgres(server, args.scratch) as url:
            rows += measure(url, "PostgreSQL")
    print_table(rows)


if __name__ == "__main__":
    main()
