"""A hand-made district with known counts (see each line's comment) for the evidence tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from app.core.db import utcnow
from app.evidence.models import CapacityFigure
from app.extensions import db
from app.offers.models import Offer, Request
from app.profiles.models import Person, PersonGoal, PersonLanguage, PersonSkill, RefugeeProfile


def born(today: date, age: int) -> date:
    return date(today.year - age - 1, today.month, 1) + timedelta(days=40)


def person(region, today, *, age=30, goals=(), german=None, skill=None, waiting=None):
    someone = Person(
        given_name="N", family_name="N", region_id=region.id, date_of_birth=born(today, age)
    )
    someone.goals = [PersonGoal(goal=g) for g in goals]
    if german:
        someone.languages = [PersonLanguage(code="de", level=german)]
    if skill:
        someone.skills = [PersonSkill(original_text=skill)]
    someone.refugee_profile = RefugeeProfile(
        waiting_since=today - timedelta(days=waiting) if waiting is not None else None
    )
    db.session.add(someone)
    return someone


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def district(app, build):
    """Bramsche (b), Melle (m), Quakenbrück (q) in one district; another district elsewhere."""
    region = build.district("Landkreis Test", ("Bramsche", "Melle", "Quakenbrück"))
    other = build.district("Landkreis Anderswo", ("Meppen",))
    office = build.organisation("Integration Test", region)
    other_office = build.organisation("Integration Anderswo", other)
    today = utcnow().date()
    with app.app_context():
        b, m, q = (db.session.merge(r) for r in region.children)
        # Bramsche: German course by level: A1 3, A2 2, C1 1 (C2 wants none) -> 6 waiting
        for _ in range(3):
            person(b, today, goals=["german_course"])
        for _ in range(2):
            person(b, today, goals=["german_course"], german="A1")
        person(b, today, goals=["german_course"], german="B2")
        person(b, today, goals=["german_course"], german="C2")
        # children: ages 2 and 4 (daycare 2), 7, 12, 16 (school 3)
        for age in (2, 4, 7, 12, 16):
            person(b, today, age=age, goals=["childcare_school"])
        # work: 2 tailors, 1 cook
        person(b, today, goals=["job"], skill="Schneider")
        person(b, today, goals=["job"], skill="Schneiderin")
        person(b, today, goals=["apprenticeship"], skill="Koch")
        # mentors: waiting 10 and 100 days; one open request 50 days old; one already matched
        person(b, today, goals=["mentor"], waiting=10)
        person(b, today, goals=["mentor"], waiting=100)
        asking = person(b, today)
        matched = person(b, today, goals=["mentor"], waiting=300)
        # housing: 3 in Bramsche, 7 in Melle, 1 in Quakenbrück
        for region_, count in ((b, 3), (m, 7), (q, 1)):
            for _ in range(count):
                person(region_, today, goals=["housing"])
        # one person in the other district, never counted here
        person(db.session.merge(other.children[0]), today, goals=["housing"])
        db.session.flush()
        owner = person(m, today, age=50)
        db.session.flush()
        db.session.add_all(
            [
                Request(
                    person_id=asking.id,
                    kind="mentoring",
                    status="open",
                    created_at=at(today - timedelta(days=50)),
                ),
                # matched: 20 days and 40 days after asking
                Request(
                    person_id=matched.id,
                    kind="mentoring",
                    status="matched",
                    created_at=at(today - timedelta(days=30)),
                    updated_at=at(today - timedelta(days=10)),
                ),
                Request(
                    person_id=owner.id,
                    kind="mentoring",
                    status="matched",
                    created_at=at(today - timedelta(days=45)),
                    updated_at=at(today - timedelta(days=5)),
                ),
                Offer(
                    kind="mentoring",
                    status="published",
                    owner_id=owner.id,
                    title="Tandem",
                    capacity=3,
                    filled=1,
                    region_id=b.id,
                ),
                Offer(
                    kind="job",
                    status="draft",
                    owner_id=owner.id,
                    title="Draft",
                    capacity=9,
                    region_id=b.id,
                ),
                # capacity: Bramsche A1 10 then 4 (newest counts); Melle A1 6; daycare Bramsche 1
                CapacityFigure(
                    region_id=b.id,
                    kind="language_course_A1",
                    places=10,
                    recorded_on=today - timedelta(days=60),
                ),
                CapacityFigure(
                    region_id=b.id,
                    kind="language_course_A1",
                    places=4,
                    recorded_on=today - timedelta(days=5),
                ),
                CapacityFigure(
                    region_id=m.id,
                    kind="language_course_A1",
                    places=6,
                    recorded_on=today - timedelta(days=20),
                ),
                CapacityFigure(region_id=b.id, kind="daycare", places=1, recorded_on=today),
            ]
        )
        db.session.commit()
        ids = SimpleNamespace(
            district=region.id, b=b.id, m=m.id, q=q.id, other=other.id, meppen=other.children[0].id
        )
    return SimpleNamespace(
        ids=ids,
        today=today,
        coordinator=build.coordinator(office),
        other_coordinator=build.coordinator(other_office),
    )
