"""Demo case files: the demo newcomer and twenty others, each with a realistic path — arrival,
asylum procedure, a decision; integration course modules, DTZ A2 then B1; a qualification whose
recognition was applied for and partly granted; goals with measures by the district's
organisations — and consent for the coordinators' organisations, with the audit trail to match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.accounts.models import Organisation, User
from app.casefile.entries.kinds import KINDS
from app.casefile.models import (
    AccessGrant,
    AuditEntry,
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
from app.core.taxonomy import normalise_skill_text
from app.demo.randomness import Draw
from app.extensions import db
from app.profiles.models import Person

OTHER_FILES = 20
SECTION_OF = {kind.model: kind.section.value for kind in KINDS.values()}
DECISION = {
    "recognised": "recognised",
    "subsidiary_protection": "subsidiary_protection",
    "duldung": "duldung",
    "temporary_protection": "residence_permit",
    "residence_permit": "residence_permit",
}
MODULES = (
    "integration_basic_1",
    "integration_basic_2",
    "integration_basic_3",
    "integration_advanced_1",
    "integration_advanced_2",
    "integration_advanced_3",
)
PROVIDERS = ("VHS Osnabrücker Land", "Bildungswerk ver.di Osnabrück", "DAA Osnabrück")
QUALIFICATIONS = (
    ("vocational", "Elektriker"),
    ("vocational", "Schneiderin"),
    ("academic", "Bauingenieur"),
    ("vocational", "Krankenpfleger"),
    ("academic", "Lehrerin für Mathematik"),
    ("vocational", "Kfz-Mechatroniker"),
)


@dataclass
class Story:
    """One person's file being written: who writes, for which organisation, and when."""

    case_file: CaseFile
    author: User
    organisation: Organisation
    today: date

    def add(self, row: Any, on: date) -> Any:
        row.case_file_id = self.case_file.id
        row.recorded_by_id = self.author.id
        row.recorded_by_organisation_id = self.organisation.id
        row.recorded_at = datetime.combine(min(on, self.today), time(10, 0), tzinfo=UTC)
        db.session.add(row)
        db.session.flush()
        db.session.add(
            AuditEntry(
                at=row.recorded_at,
                actor_user_id=self.author.id,
                actor_organisation_id=self.organisation.id,
                subject_key=self.case_file.subject_key,
                action="correct" if row.supersedes_id else "create",
                section=SECTION_OF[type(row)],
                purpose="counselling",
                detail=f"{row.__tablename__} {row.id}",
            )
        )
        return row


def add_demo_case_files(
    coordinator: User,
    organisations: dict[str, Organisation],
    demo_newcomer: Person,
    newcomers: list[Person],
    today: date,
) -> int:
    """Open case files with history for the demo newcomer and twenty others; return how many."""
    draw = Draw(seed=20161115)
    others = [p for p in newcomers if p is not demo_newcomer and p.refugee_profile]
    chosen = [demo_newcomer, *draw.sample(others, OTHER_FILES)]
    for index, person in enumerate(chosen):
        case_file = CaseFile(
            person_id=person.id,
            opened_by_id=coordinator.id,
            responsible_organisation_id=organisations["org-lk-integration"].id,
        )
        db.session.add(case_file)
        db.session.flush()
        story = Story(case_file, coordinator, organisations["org-lk-integration"], today)
        write_story(story, person, organisations, draw, full=index == 0)
        grant_demo_access(person, organisations, draw, today, coordinator, full=index == 0)
    add_demo_reads(chosen[0], organisations, today)
    return len(chosen)


def add_demo_reads(person: Person, organisations: dict[str, Organisation], today: date) -> None:
    """Who looked at the demo newcomer's file lately: the office for counselling, Caritas for job
    placement."""
    case_file = db.session.query(CaseFile).filter_by(person_id=person.id).one()
    readers = [
        (organisations["org-lk-integration"], "counselling", ("status", "goals", "notes"), 20),
        (organisations["org-caritas"], "job_placement", ("qualifications", "languages"), 6),
    ]
    for organisation, purpose, sections, days_ago in readers:
        member = organisation.memberships[0].user if organisation.memberships else None
        at = datetime.combine(today - timedelta(days=days_ago), time(14, 30), tzinfo=UTC)
        for section in sections:
            db.session.add(
                AuditEntry(
                    at=at,
                    actor_user_id=member.id if member else None,
                    actor_organisation_id=organisation.id,
                    subject_key=case_file.subject_key,
                    action="read",
                    section=section,
                    purpose=purpose,
                    detail="overview",
                )
            )


def write_story(
    story: Story, person: Person, organisations: dict[str, Organisation], draw: Draw, *, full: bool
) -> None:
    profile = person.refugee_profile
    arrived = (profile.arrival_date if profile else None) or story.today - timedelta(days=700)
    decided = add_status(story, profile.residence_status if profile else None, arrived, draw, full)
    add_learning(story, arrived, draw, full)
    add_goals(story, organisations, arrived, decided, draw)
    if person.region_id and decided:
        story.add(
            ResidenceObligationEntry(
                region_id=person.region_id,
                since=decided,
                until=decided + timedelta(days=3 * 365),
                note="Wohnsitzauflage nach § 12a AufenthG",
            ),
            decided,
        )


def add_status(
    story: Story, status: str | None, arrived: date, draw: Draw, full: bool
) -> date | None:
    story.add(StatusEntry(status="arrived", since=arrived, note="Erstaufnahme"), arrived)
    applied = arrived + timedelta(days=draw.between(7, 30))
    first = story.add(StatusEntry(status="asylum_procedure", since=applied), applied)
    if full:  # a date typed wrongly and corrected: the old entry stays in the history
        story.add(
            StatusEntry(
                status="asylum_procedure",
                since=applied + timedelta(days=2),
                note="Datum laut BAMF-Bescheinigung",
                supersedes_id=first.id,
            ),
            applied + timedelta(days=40),
        )
    permission = arrived + timedelta(days=90)
    story.add(WorkPermissionEntry(right_to_work="needs_approval", since=permission), permission)
    decision = DECISION.get(status or "")
    if decision is None:
        return None
    decided = applied + timedelta(days=draw.between(180, 420))
    if decided > story.today:
        return None
    story.add(StatusEntry(status=decision, since=decided, note="Bescheid"), decided)
    if decision != "duldung":
        story.add(WorkPermissionEntry(right_to_work="allowed", since=decided), decided)
    return decided


def add_learning(story: Story, arrived: date, draw: Draw, full: bool) -> None:
    start = arrived + timedelta(days=draw.between(90, 200))
    provider = draw.pick(PROVIDERS)
    for module in MODULES:
        end = start + timedelta(days=42)
        status = (
            "completed"
            if end <= story.today
            else "attending"
            if start <= story.today
            else "planned"
        )
        story.add(
            CourseEntry(
                course=module,
                provider=provider,
                started_on=start,
                ended_on=end if status == "completed" else None,
                status=status,
            ),
            min(start, story.today),
        )
        start = end + timedelta(days=7)
    add_test(story, "A2", start + timedelta(days=14))
    add_test(story, "B1", start + timedelta(days=180 if full else draw.between(120, 300)))
    kind, title = draw.pick(QUALIFICATIONS)
    qualification = story.add(
        Qualification(
            kind=kind,
            title=title,
            country="SY",
            year=arrived.year - draw.between(3, 12),
            taxonomy_id=normalise_skill_text(title).taxonomy_id,
        ),
        arrived + timedelta(days=120),
    )
    applied = arrived + timedelta(days=draw.between(200, 400))
    for status, on, authority in (
        ("applied", applied, "IHK FOSA Nürnberg"),
        ("partial", applied + timedelta(days=draw.between(90, 150)), "IHK FOSA Nürnberg"),
    ):
        if on <= story.today:
            story.add(
                RecognitionEntry(
                    qualification_id=qualification.id, status=status, since=on, authority=authority
                ),
                on,
            )


def add_test(story: Story, level: str, taken_on: date) -> None:
    if taken_on <= story.today:
        story.add(LanguageTestResult(test_name="DTZ", level=level, taken_on=taken_on), taken_on)


def add_goals(
    story: Story,
    organisations: dict[str, Organisation],
    arrived: date,
    decided: date | None,
    draw: Draw,
) -> None:
    agreed = arrived + timedelta(days=draw.between(60, 120))
    goals = (
        (
            "german_course",
            "Deutsch auf B1-Niveau",
            "org-lk-integration",
            "Integrationskurs bis B1 belegen",
        ),
        (
            "recognition",
            "Berufsabschluss anerkennen lassen",
            "org-ihk",
            "Antrag auf Anerkennung stellen",
        ),
        (
            "job",
            "Arbeit im erlernten Beruf",
            "org-massarbeit",
            "Bewerbungstraining und Vermittlung",
        ),
    )
    for category, title, organisation_key, measure_text in goals:
        goal = story.add(CaseGoal(category=category, title=title, agreed_on=agreed), agreed)
        story.add(GoalStatusEntry(goal_id=goal.id, status="open", since=agreed), agreed)
        measure = story.add(
            Measure(
                goal_id=goal.id,
                description=measure_text,
                responsible_organisation_id=organisations[organisation_key].id,
                due_on=agreed + timedelta(days=draw.between(120, 365)),
            ),
            agreed,
        )
        progressed = agreed + timedelta(days=draw.between(60, 200))
        if progressed <= story.today:
            story.add(
                GoalStatusEntry(goal_id=goal.id, status="in_progress", since=progressed), progressed
            )
            story.add(
                MeasureStatusEntry(measure_id=measure.id, status="done", since=progressed),
                progressed,
            )
    story.add(
        CaseNote(
            text="Beratungsgespräch: Kinderbetreuung für den Kursbesuch geklärt.",
            purpose="counselling",
        ),
        agreed,
    )
    story.add(
        CaseNote(text="Patenschaft gewünscht, gern mit Bezug zum Handwerk.", purpose="mentoring"),
        agreed + timedelta(days=14),
    )


# Why a newcomer kept on behalf named a welfare organisation besides the integration office.
NAMED_REASONS = {
    "org-caritas": "Möchte sich von der Caritas bei der Arbeitssuche begleiten lassen",
    "org-drk": "Wünscht sich eine Patenschaft über das DRK",
}


def grant_demo_access(
    person: Person,
    organisations: dict[str, Organisation],
    draw: Draw,
    today: date,
    coordinator: User,
    *,
    full: bool,
) -> None:
    """Counselling for the integration office, often job placement for Caritas and mentoring
    for the DRK; a few given on paper and recorded by the coordinator."""
    wanted = [("org-lk-integration", "counselling")]
    if full or draw.chance(0.6):
        wanted.append(("org-caritas", "job_placement"))
    if full or draw.chance(0.4):
        wanted.append(("org-drk", "mentoring"))
    # Consent on paper, recorded by the coordinator, only for a person without an account; for
    # another organisation than the coordinator's own the person names it (app.casefile.policy).
    on_paper = person.user_id is None
    for organisation_key, purpose in wanted:
        named_reason = NAMED_REASONS.get(organisation_key) if on_paper else None
        granted = datetime.combine(
            today - timedelta(days=draw.between(30, 400)), time(9), tzinfo=UTC
        )
        db.session.add(
            AccessGrant(
                person_id=person.id,
                organisation_id=organisations[organisation_key].id,
                purpose=purpose,
                granted_at=granted,
                granted_by_id=coordinator.id if on_paper else person.user_id,
                on_behalf=on_paper,
                note="Einwilligungserklärung auf Papier unterschrieben" if on_paper else None,
                named_reason=named_reason,
            )
        )
