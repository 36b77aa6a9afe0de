"""A person's case file with a path worth printing: statuses, courses, German tests from A1 to
B1, a recognised qualification, agreed goals with measures, and a mentoring match with a rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import Flask

from app.accounts.models import Organisation, Region, User
from app.casefile.models import (
    AccessGrant,
    CaseFile,
    CaseGoal,
    CourseEntry,
    GoalStatusEntry,
    LanguageTestResult,
    Measure,
    MeasureStatusEntry,
    Qualification,
    RecognitionEntry,
    StatusEntry,
    WorkPermissionEntry,
)
from app.core.permissions import Role
from app.extensions import db
from app.matches.models import Proposal, Rating
from app.profiles.models import Person
from tests.app.builders import Builders
from tests.app.offers.builders import OfferBuilders

GOAL_JOB = "Arbeit als Elektrikerin finden"
GOAL_COURSE = "Integrationskurs abschließen"
MEASURE_APPLY = "Anerkennung bei der HWK beantragen"
MEASURE_COURSE = "Anmeldung zum Aufbaumodul"


@dataclass
class DocumentWorld:
    person: Person
    person_user: User
    case_file: CaseFile
    coordinator: User
    organisation: Organisation
    stranger: User  # a coordinator of an organisation without any grant
    mentoring_only: User  # a coordinator whose organisation holds a mentoring grant only


def _entries(case_file_id: int, organisation_id: int, coordinator_id: int) -> None:
    who = {"case_file_id": case_file_id, "recorded_by_id": coordinator_id}
    db.session.add_all(
        [
            StatusEntry(status="arrived", since=date(2024, 3, 4), **who),
            StatusEntry(status="asylum_procedure", since=date(2024, 3, 20), **who),
            StatusEntry(status="recognised", since=date(2025, 1, 15), **who),
            WorkPermissionEntry(right_to_work="allowed", since=date(2025, 1, 15), **who),
            CourseEntry(
                course="integration_basic_1",
                provider="VHS Osnabrück",
                started_on=date(2024, 5, 6),
                ended_on=date(2024, 7, 26),
                status="completed",
                **who,
            ),
            LanguageTestResult(test_name="telc", level="A1", taken_on=date(2024, 7, 26), **who),
            LanguageTestResult(test_name="telc", level="A2", taken_on=date(2025, 2, 10), **who),
            LanguageTestResult(test_name="DTZ", level="B1", taken_on=date(2025, 9, 30), **who),
        ]
    )
    qualification = Qualification(
        kind="vocational", title="Elektrikerin", country="SY", year=2012, **who
    )
    db.session.add(qualification)
    db.session.flush()
    db.session.add(
        RecognitionEntry(
            qualification_id=qualification.id, status="partial", since=date(2025, 6, 2), **who
        )
    )
    _goals(who, organisation_id)


def _goals(who: dict[str, int], organisation_id: int) -> None:
    job = CaseGoal(category="job", title=GOAL_JOB, agreed_on=date(2025, 10, 1), **who)
    course = CaseGoal(
        category="german_course", title=GOAL_COURSE, agreed_on=date(2025, 10, 1), **who
    )
    later = CaseGoal(category="housing", title="Eigene Wohnung", agreed_on=None, **who)
    db.session.add_all([job, course, later])
    db.session.flush()
    apply = Measure(
        goal_id=job.id,
        description=MEASURE_APPLY,
        responsible_organisation_id=organisation_id,
        due_on=date(2026, 12, 31),
        **who,
    )
    enrol = Measure(goal_id=course.id, description=MEASURE_COURSE, due_on=date(2025, 11, 1), **who)
    db.session.add_all([apply, enrol])
    db.session.flush()
    db.session.add_all(
        [
            GoalStatusEntry(goal_id=job.id, status="in_progress", since=date(2025, 10, 1), **who),
            GoalStatusEntry(goal_id=course.id, status="met", since=date(2026, 2, 20), **who),
            MeasureStatusEntry(measure_id=enrol.id, status="done", since=date(2025, 10, 20), **who),
        ]
    )


def _match(
    offers: OfferBuilders, build: Builders, town: Region, person: Person, person_user: User
) -> None:
    mentor_user = build.user(Role.MENTOR, name="Mentorin", locale="de")
    mentor = offers.person(mentor_user, town, "Greta", languages=("de",))
    offer = offers.offer(mentor, town, kind="mentoring", title="Tandem Sprachcafé")
    request = offers.request(person, kind="mentoring")
    with build.app.app_context():
        proposal = Proposal(
            request_id=request.id,
            offer_id=offer.id,
            status="ended",
            seeker_answer="accepted",
            provider_answer="accepted",
            activated_at=datetime(2025, 4, 1, 9, tzinfo=UTC),
            ended_at=datetime(2025, 12, 1, 9, tzinfo=UTC),
        )
        db.session.add(proposal)
        db.session.flush()
        db.session.add(
            Rating(
                proposal_id=proposal.id,
                offer_id=offer.id,
                by_user_id=person_user.id,
                stars=5,
                comment="Sehr hilfreich",
            )
        )
        db.session.commit()


def build_document_world(
    app: Flask, build: Builders, offers: OfferBuilders, locale: str = "ar"
) -> DocumentWorld:
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    organisation = build.organisation("Fachdienst Integration", district)
    coordinator = build.coordinator(organisation, name="Clara Koordinatorin", locale="de")
    stranger = build.coordinator(build.organisation("Andere Stelle", district))
    mentoring_org = build.organisation("Patenschaften e.V.", district)
    mentoring_only = build.coordinator(mentoring_org)
    names = {"ar": ("أمينة", "حداد"), "uk": ("Оксана", "Шевченко"), "fa": ("مریم", "احمدی")}
    given, family = names.get(locale, ("Amina", "Haddad"))
    person_user = build.user(Role.REFUGEE, locale=locale, name=given)
    person = build.refugee_person(district.children[0], given, family, user=person_user)
    with app.app_context():
        case_file = CaseFile(person_id=person.id, responsible_organisation_id=organisation.id)
        db.session.add(case_file)
        db.session.flush()
        for org_id, purpose in ((organisation.id, "counselling"), (mentoring_org.id, "mentoring")):
            db.session.add(
                AccessGrant(person_id=person.id, organisation_id=org_id, purpose=purpose)
            )
        _entries(case_file.id, organisation.id, coordinator.id)
        db.session.commit()
    _match(offers, build, district.children[0], person, person_user)
    return DocumentWorld(
        person, person_user, case_file, coordinator, organisation, stranger, mentoring_only
    )
