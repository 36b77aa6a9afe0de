"""The evidence counts as main computed them before they moved into SQL: every person of a region
loaded into Python. Kept only to prove that the aggregates give the same figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import Region
from app.accounts.queries import region_with_descendants
from app.core.taxonomy import normalise_skill_text
from app.evidence.needs import JOB_GOALS, NEXT_COURSE, NO_GERMAN, WAIT_BOUNDS, WAITING_OPEN
from app.extensions import db
from app.offers.models import Request, RequestKind, RequestStatus
from app.profiles.models import Goal, Person


@dataclass
class OldNeeds:
    newcomers: int = 0
    german: Counter[str] = field(default_factory=Counter)
    child_ages: Counter[int] = field(default_factory=Counter)
    jobs: Counter[str] = field(default_factory=Counter)
    occupation_labels: dict[str, str] = field(default_factory=dict)
    mentor_waits: list[int] = field(default_factory=list)
    housing: int = 0

    def wait_groups(self) -> Counter[int]:
        return Counter(next((b for b in WAIT_BOUNDS if days <= b), 0) for days in self.mentor_waits)


def load_people(region_ids: set[int]) -> list[Person]:
    query = (
        select(Person)
        .where(Person.region_id.in_(region_ids), Person.refugee_profile.has())
        .options(
            selectinload(Person.goals),
            selectinload(Person.languages),
            selectinload(Person.skills),
            selectinload(Person.refugee_profile),
        )
    )
    return list(db.session.scalars(query))


def german_level(person: Person) -> str:
    return next((lang.level for lang in person.languages if lang.code == "de"), NO_GERMAN)


def occupation(person: Person, locale: str) -> tuple[str, str]:
    skill = min(person.skills, key=lambda s: s.id, default=None)
    text = skill.original_text if skill else (person.refugee_profile.former_occupation or "")
    if not text.strip():
        return "unknown", ""
    found = normalise_skill_text(text, locale)
    taxonomy_id = (skill.taxonomy_id if skill else None) or found.taxonomy_id
    return (taxonomy_id or text.strip().casefold()), found.label


def open_mentor_requests(person_ids: list[int]) -> dict[int, date]:
    rows = db.session.execute(
        select(Request.person_id, Request.status, Request.created_at).where(
            Request.person_id.in_(person_ids), Request.kind == RequestKind.MENTORING.value
        )
    ).all()
    matched = {pid for pid, status, _ in rows if status == RequestStatus.MATCHED.value}
    asked: dict[int, date] = {}
    for pid, status, created in rows:
        if status in WAITING_OPEN and pid not in matched:
            asked[pid] = min(asked.get(pid, created.date()), created.date())
    return asked | dict.fromkeys(matched, date.max)


def count_needs(people: list[Person], today: date, locale: str) -> OldNeeds:
    needs = OldNeeds(newcomers=len(people))
    asked_since = open_mentor_requests([p.id for p in people])
    for person in people:
        goals = {g.goal for g in person.goals}
        asked = asked_since.get(person.id)
        if Goal.GERMAN_COURSE.value in goals and german_level(person) in NEXT_COURSE:
            needs.german[NEXT_COURSE[german_level(person)]] += 1
        age = person.age_on(today)
        if age is not None and 0 <= age < 18:
            needs.child_ages[age] += 1
        if goals & set(JOB_GOALS):
            key, label = occupation(person, locale)
            needs.jobs[key] += 1
            needs.occupation_labels.setdefault(key, label)
        if (Goal.MENTOR.value in goals or asked is not None) and asked != date.max:
            since = person.refugee_profile.waiting_since or asked or today
            needs.mentor_waits.append(max((today - since).days, 0))
        if Goal.HOUSING.value in goals:
            needs.housing += 1
    return needs


def old_needs(region: Region, today: date, locale: str) -> OldNeeds:
    return count_needs(load_people(region_with_descendants({region.id})), today, locale)


def matched_requests(region_ids: set[int]) -> list[tuple[date, int]]:
    query = (
        select(Request.created_at, Request.updated_at)
        .join(Person, Person.id == Request.person_id)
        .where(Person.region_id.in_(region_ids), Request.status == RequestStatus.MATCHED.value)
    )
    return [(u.date(), max((u - c).days, 0)) for c, u in db.session.execute(query)]


def old_median_days(region: Region) -> float | None:
    matches = matched_requests(region_with_descendants({region.id}))
    return median(d for _, d in matches) if matches else None


def old_per_month(region: Region) -> Counter[str]:
    matches = matched_requests(region_with_descendants({region.id}))
    return Counter(day.strftime("%Y-%m") for day, _ in matches)


def old_open_rows(district: Region, today: date) -> list[tuple[str | None, dict[str, int]]]:
    rows: list[tuple[str | None, dict[str, int]]] = []
    for child in sorted(district.children, key=lambda r: r.name):
        needs = count_needs(load_people(region_with_descendants({child.id})), today, "de")
        rows.append((child.name, open_counts(needs)))
    rest = load_people({district.id})
    if rest:
        rows.append((None, open_counts(count_needs(rest, today, "de"))))
    return rows


def open_counts(needs: OldNeeds) -> dict[str, int]:
    daycare = sum(n for age, n in needs.child_ages.items() if age < 6)
    return {
        "newcomers": needs.newcomers,
        "german": sum(needs.german.values()),
        "daycare": daycare,
        "school": sum(needs.child_ages.values()) - daycare,
        "jobs": sum(needs.jobs.values()),
        "mentor": len(needs.mentor_waits),
        "housing": needs.housing,
    }


def list_districts() -> list[Region]:
    query = select(Region).where(Region.parent_id.is_(None)).order_by(Region.name)
    return list(db.session.scalars(query))
