"""A district, two organisations with a coordinator each, a newcomer with an account and a case
file with one entry of every kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from app.accounts.models import Organisation, Region, User
from app.casefile.models import (
    AccessGrant,
    CaseFile,
    CaseGoal,
    CaseNote,
    CourseEntry,
    GoalStatusEntry,
    LanguageTestResult,
    Measure,
    MeasureStatusEntry,
    Qualification,
    RecognitionEntry,
    ResidenceObligationEntry,
    StatusEntry,
    WorkPermissionEntry,
)
from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Person


@dataclass
class FileWorld:
    office: Organisation
    welfare: Organisation
    coordinator: User  # member of the office
    other_coordinator: User  # member of the welfare organisation
    newcomer: User
    person: Person
    case_file: CaseFile
    entries: dict[str, Any]


def fill_case_file(case_file: CaseFile, author: User, organisation: Organisation) -> dict[str, Any]:
    """One entry of every kind (two goals: one about work, one not; two notes)."""
    common = {
        "case_file_id": case_file.id,
        "recorded_by_id": author.id,
        "recorded_by_organisation_id": organisation.id,
    }
    entries: dict[str, Any] = {
        "status": StatusEntry(status="recognised", since=date(2025, 5, 2), **common),
        "residence": ResidenceObligationEntry(since=date(2024, 3, 1), **common),
        "work": WorkPermissionEntry(right_to_work="allowed", since=date(2025, 5, 2), **common),
        "qualification": Qualification(
            kind="vocational", title="Elektriker", country="SY", year=2012, **common
        ),
        "course": CourseEntry(
            course="integration_basic_1", provider="VHS", status="completed", **common
        ),
        "test": LanguageTestResult(
            test_name="DTZ", level="B1", taken_on=date(2025, 6, 1), **common
        ),
        "goal": CaseGoal(category="job", title="Arbeit als Elektriker", **common),
        "note": CaseNote(text="Counselling note", purpose="counselling", **common),
    }
    db.session.add_all(entries.values())
    db.session.flush()
    entries["private_goal"] = CaseGoal(category="housing", title="Eine Wohnung", **common)
    entries["mentoring_note"] = CaseNote(text="Mentoring note", purpose="mentoring", **common)
    entries["recognition"] = RecognitionEntry(
        qualification_id=entries["qualification"].id,
        status="applied",
        since=date(2025, 7, 1),
        **common,
    )
    entries["goal_status"] = GoalStatusEntry(
        goal_id=entries["goal"].id, status="in_progress", since=date(2025, 7, 1), **common
    )
    entries["measure"] = Measure(
        goal_id=entries["goal"].id, description="Anerkennung beantragen", **common
    )
    db.session.add_all(entries.values())
    db.session.flush()
    entries["measure_status"] = MeasureStatusEntry(
        measure_id=entries["measure"].id, status="done", since=date(2025, 7, 2), **common
    )
    db.session.add(entries["measure_status"])
    db.session.commit()
    return entries


@pytest.fixture
def world(app, build) -> FileWorld:
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    office = build.organisation("Fachdienst Integration", district)
    welfare = build.organisation("Caritas", district, kind="welfare")
    coordinator = build.coordinator(office, name="Clara Coordinator")
    other = build.coordinator(welfare, name="Otto Other")
    newcomer = build.user(Role.REFUGEE, name="Amina")
    person = build.refugee_person(district.children[0], user=newcomer)
    with app.app_context():
        case_file = CaseFile(person_id=person.id)
        db.session.add(case_file)
        db.session.commit()
        entries = fill_case_file(case_file, coordinator, office)
        ids = {name: entry.id for name, entry in entries.items()}
    return FileWorld(office, welfare, coordinator, other, newcomer, person, case_file, ids)


@pytest.fixture
def grant(app):
    """Give ``organisation`` access to the world's person for ``purpose``."""

    def give(world: FileWorld, purpose: str, organisation: Organisation | None = None) -> int:
        with app.app_context():
            row = AccessGrant(
                person_id=world.person.id,
                organisation_id=(organisation or world.office).id,
                purpose=purpose,
                granted_by_id=world.newcomer.id,
            )
            db.session.add(row)
            db.session.commit()
            return row.id

    return give


@pytest.fixture
def kept(app, build, world) -> Person:
    """A newcomer without an account in the world's town: kept on behalf by the coordinators
    there (consent is recorded for them on paper)."""
    with app.app_context():
        town = db.session.get(Region, world.person.region_id)
        assert town is not None
    return build.refugee_person(town, "Dawit", "Tesfaye")


@pytest.fixture
def stranger(build) -> User:
    """A coordinator of another district: no grant, and not the person's region either."""
    elsewhere = build.district("Landkreis Emsland", ("Meppen",))
    return build.coordinator(build.organisation("Integration Emsland", elsewhere))


@pytest.fixture
def as_user(make_client, login):
    """A fresh client logged in as ``user`` (each user in their own browser)."""

    def client_for(user: User):
        return login(user, on=make_client())

    return client_for


def file_url(world: FileWorld, rest: str = "") -> str:
    return f"/people/{world.person.id}/file{rest}"
