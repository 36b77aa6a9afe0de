"""Grow the demo district to N people with the demo's mix, for measuring pages at state scale.

``flask seed-demo --people N`` seeds the demo as usual, then tops the district up to N people:
newcomers (profiles, languages with CEFR levels, skills, goals, consent; mentor requests and
interest in job offers; every tenth with a case file, its first entries, consent for the district's
integration office and the audit trail of writing them), volunteers and mentors with their
offers, and employers with a company and job offers. The shares follow the issue's measured
district (about 70 % newcomers, 20 offers and 30 requests per 100 people).

Deterministic and topping up: the generator is seeded with the number of people already there, so
growing an unchanged database to the same N gives the same rows; a district that already has N
people or more is left alone. Rows go in by ``BulkWriter`` in batches, one commit each, so an
interrupted run keeps what it wrote and the next run tops up from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import func, select

from app.accounts.models import Organisation, Region, User
from app.casefile.models import AccessGrant, AuditEntry, CaseFile, CourseEntry, StatusEntry
from app.core.permissions import Role
from app.core.taxonomy import normalise_skill_text
from app.demo import people, reference
from app.demo.bulk import BulkWriter
from app.demo.casefile import SECTION_OF
from app.demo.randomness import SEED, Draw
from app.demo.seed import DEMO_LOGINS, DISTRICT_CODE
from app.extensions import db
from app.offers.models import Offer, OfferSkill, Request
from app.profiles.models import Goal, Person

BATCH = 5_000
# What one more person in the district is: shares measured in the district (70 %
# newcomers); among the helpers volunteers outnumber mentors as in the demo (60:40).
KIND_SHARES = {"newcomer": 0.70, "volunteer": 0.16, "mentor": 0.11, "employer": 0.03}
CASE_FILE_SHARE = 0.1
JOB_INTEREST_SHARE = 0.15
BRANCHES = ("GmbH", "KG", "Handwerk", "Logistik GmbH", "Pflegedienst", "Gastronomie", "Bau GmbH")
Progress = Callable[[int, int, float], None]


def district_people(district: Region) -> int:
    """People registered in the district's municipalities (the city of Osnabrück not counted)."""
    towns = select(Region.id).where(Region.parent_id == district.id)
    return db.session.scalar(select(func.count(Person.id)).where(Person.region_id.in_(towns))) or 0


def grow_demo(target: int, today: date, progress: Progress | None = None) -> int:
    """Add people to the seeded demo district until it holds ``target``; return how many added."""
    district = db.session.scalar(select(Region).where(Region.code == DISTRICT_CODE))
    if district is None:
        raise LookupError("seed the demo first")
    have = district_people(district)
    missing = max(0, target - have)
    grower = Grower(today, district, Draw(SEED + have))
    started = time.perf_counter()
    done = 0
    for batch in chunks(missing, BATCH):
        grower.add_people(batch)
        db.session.commit()
        done += batch
        if progress:
            progress(done, missing, time.perf_counter() - started)
    grower.writer.finish()
    db.session.commit()
    return missing


def chunks(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


@cache
def taxonomy_of(text: str) -> str | None:
    return normalise_skill_text(text).taxonomy_id


@dataclass
class Grower:
    today: date
    district: Region
    draw: Draw
    writer: BulkWriter = field(default_factory=BulkWriter)

    def __post_init__(self) -> None:
        self.towns = reference.district_towns()
        self.region_ids = {
            region.name: region.id
            for region in db.session.scalars(
                select(Region).where(Region.parent_id == self.district.id)
            )
        }
        self.groups = reference.origin_groups()
        self.group_weights = {i: g["count_of_200"] for i, g in enumerate(self.groups)}
        self.openings = [o for e in reference.load("employers")["employers"] for o in e["openings"]]
        office = next(
            o
            for o in reference.load("organisations")["organisations"]
            if o["id"] == "org-lk-integration"
        )
        self.office = db.session.scalar(
            select(Organisation).where(Organisation.name == office["name"])
        )
        self.coordinator = db.session.scalar(
            select(User).where(User.email == DEMO_LOGINS[Role.COORDINATOR])
        )
        self.open_jobs: list[Offer] = []

    def add_people(self, count: int) -> None:
        self.open_jobs = []
        newcomers: list[Person] = []
        for _ in range(count):
            kind = self.draw.weighted(KIND_SHARES)
            if kind == "newcomer":
                newcomers.append(self.newcomer())
            else:
                getattr(self, kind)()
        for person in newcomers:  # after the batch's job offers exist, to show interest in them
            self.requests_of(person)
        self.writer.write()
        for person in newcomers:  # case files point at the people written just now
            if self.draw.chance(CASE_FILE_SHARE):
                self.case_file(person)
        self.writer.write()

    # -- people ---------------------------------------------------------------------------------

    def placed(self, person: Person) -> Person:
        person.region_id = self.region_ids.get(person.town or "")
        self.writer.add(person)
        return person

    def newcomer(self) -> Person:
        group = self.groups[self.draw.weighted(self.group_weights)]
        person = people.newcomer(self.draw, group, self.today, self.towns)
        profile = person.refugee_profile
        # Wohnsitzauflage as in the demo: recognised within three years binds to the district.
        if (
            profile is not None
            and profile.residence_status in {"recognised", "subsidiary_protection"}
            and profile.arrival_date is not None
            and profile.arrival_date > self.today - timedelta(days=3 * 365)
        ):
            profile.residence_obligation_region_id = self.district.id
        return self.placed(person)

    def volunteer(self) -> None:
        person = self.placed(people.volunteer(self.draw, self.today, self.towns))
        profile = person.volunteer_profile
        hours = profile.hours_per_week if profile else None
        topics = reference.load("goals_and_topics")["volunteer_interests"]
        title = self.draw.pick(topics)["de"]
        self.writer.add(self.offer(person, "volunteering", title, capacity=2, hours=hours))

    def mentor(self) -> None:
        person = self.placed(people.mentor(self.draw, self.today, self.towns))
        topics = reference.load("goals_and_topics")["mentor_tandem_topics"]
        title = "Patenschaft: " + ", ".join(t["de"] for t in self.draw.sample(topics, 2))
        capacity = person.mentor_profile.tandem_capacity if person.mentor_profile else 1
        self.writer.add(self.offer(person, "mentoring", title, capacity=capacity, hours=2.0))

    def employer(self) -> None:
        from app.profiles.models import EmployerProfile

        person = people.contact_person(self.draw, self.today)
        people.place(self.draw, person, self.towns)
        family = self.draw.pick(reference.names("german")["family"])
        organisation = Organisation(
            name=f"{family} {self.draw.pick(BRANCHES)} {person.town} {self.draw.between(1, 10**6)}",
            kind="company",
            regions=[self.district],
        )
        self.writer.add(organisation)
        person.employer_profile = EmployerProfile(
            organisation_id=organisation.id, position="Personalabteilung"
        )
        self.placed(person)
        for opening in self.draw.sample(self.openings, self.draw.between(1, 3)):
            offer = self.offer(
                person, opening["kind"], opening["title"], opening["positions"], None
            )
            offer.organisation_id = organisation.id
            offer.hours_per_week = opening["hours_per_week"]
            offer.min_german = opening["min_german"]
            offer.interpreter_available = opening["interpreter"]
            offer.taxonomy_id = taxonomy_of(opening["title"])
            offer.skills = [
                OfferSkill(original_text=s, taxonomy_id=taxonomy_of(s)) for s in opening["skills"]
            ]
            self.writer.add(offer)
            self.open_jobs.append(offer)

    def offer(
        self, owner: Person, kind: str, title: str, capacity: int, hours: float | None
    ) -> Offer:
        return Offer(
            kind=kind,
            status="published",
            owner_id=owner.id,
            title=title,
            capacity=capacity,
            hours_per_week=hours,
            town=owner.town,
            postcode=owner.postcode,
            lat=owner.lat,
            lon=owner.lon,
            region_id=owner.region_id,
            max_km=owner.max_km,
            valid_until=self.today + timedelta(days=180),
        )

    # -- what newcomers ask for -------------------------------------------------------------------

    def requests_of(self, person: Person) -> None:
        goals = {goal.goal for goal in person.goals}
        if Goal.MENTOR.value in goals:
            topics = reference.load("goals_and_topics")["mentor_tandem_topics"]
            codes = [language.code for language in person.languages][:2]
            self.writer.add(
                Request(
                    person_id=person.id,
                    kind="mentoring",
                    topic=self.draw.pick(topics)["de"],
                    wished_languages=",".join(codes) or None,
                    wished_mentor_gender=self.draw.pick([None, None, "female", "male"]),
                    status="open",
                )
            )
        if self.open_jobs and self.draw.chance(JOB_INTEREST_SHARE):
            offer = self.draw.pick(self.open_jobs)
            self.writer.add(
                Request(person_id=person.id, kind=offer.kind, offer_id=offer.id, status="open")
            )

    # -- case files: opened by the office, consent for it, first entries, the audit trail ---------

    def case_file(self, person: Person) -> None:
        office_id = self.office.id if self.office else None
        author_id = self.coordinator.id if self.coordinator else None
        case_file = CaseFile(
            person_id=person.id, opened_by_id=author_id, responsible_organisation_id=office_id
        )
        self.writer.add(case_file)
        profile = person.refugee_profile
        arrived = (profile.arrival_date if profile else None) or self.today - timedelta(days=700)
        recorded = datetime.combine(min(arrived, self.today), datetime.min.time(), tzinfo=UTC)
        entries: list[Any] = [
            StatusEntry(status="arrived", since=arrived, note="Erstaufnahme"),
            CourseEntry(
                course="integration_basic_1",
                provider="VHS Osnabrücker Land",
                started_on=arrived + timedelta(days=120),
                status="completed" if arrived + timedelta(days=162) <= self.today else "planned",
                ended_on=arrived + timedelta(days=162)
                if arrived + timedelta(days=162) <= self.today
                else None,
            ),
        ]
        for entry in entries:
            entry.case_file_id = case_file.id
            entry.recorded_by_id = author_id
            entry.recorded_by_organisation_id = office_id
            entry.recorded_at = recorded
            self.writer.add(entry)
            self.writer.add(
                AuditEntry(
                    at=recorded,
                    actor_user_id=author_id,
                    actor_organisation_id=office_id,
                    subject_key=case_file.subject_key,
                    action="create",
                    section=SECTION_OF[type(entry)],  # the section the case file shows it in
                    purpose="counselling",
                    detail=f"{entry.__tablename__} {entry.id}",
                )
            )
        if office_id is not None:
            self.writer.add(
                AccessGrant(
                    person_id=person.id,
                    organisation_id=office_id,
                    purpose="counselling",
                    granted_by_id=author_id,
                    on_behalf=True,
                    note="Einwilligungserklärung im Beratungsgespräch unterschrieben",
                )
            )
