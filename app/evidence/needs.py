"""The needs of newcomers, counted by the database per region: every figure is a GROUP BY over
the people of the regions asked for, so a page costs the same few queries for a hundred people
as for a hundred thousand, and no list of people (or of their ids) ever reaches Python.

The rules read as before: the course a person needs next, children by age, the occupation of
those looking for work, how long someone has waited for a mentor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Date, Exists, Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from app.accounts.models import Region
from app.extensions import db
from app.matches.adapters import SkillMatch, normalise_skill_text
from app.offers.models import Request, RequestKind, RequestStatus
from app.profiles.models import (
    Goal,
    Person,
    PersonGoal,
    PersonLanguage,
    PersonSkill,
    RefugeeProfile,
)

NO_GERMAN = "none"
# The course a person needs next, by their current German level.
NEXT_COURSE = {NO_GERMAN: "A1", "A1": "A2", "A2": "B1", "B1": "B2", "B2": "C1"}
DAYCARE_AGES = range(6)
SCHOOL_AGES = range(6, 18)
CHILD_AGES = 18
JOB_GOALS = (Goal.JOB.value, Goal.APPRENTICESHIP.value)
WAITING_OPEN = (RequestStatus.OPEN.value, RequestStatus.IN_ROUND.value)
# Upper bounds in days of the waiting-time groups; the last group (0) is open-ended.
WAIT_BOUNDS = (30, 90, 180, 365)
LONGER = 0


@dataclass
class Needs:
    """Counts of one region's needs (no names, only numbers)."""

    newcomers: int = 0
    german: Counter[str] = field(default_factory=Counter)  # course level -> people
    child_ages: Counter[int] = field(default_factory=Counter)  # age -> children
    job_seekers: int = 0
    jobs: Counter[str] = field(default_factory=Counter)  # occupation key -> people
    occupation_labels: dict[str, str] = field(default_factory=dict)
    mentor_waits: Counter[int] = field(default_factory=Counter)  # wait group -> people
    housing: int = 0

    @property
    def daycare(self) -> int:
        return sum(n for age, n in self.child_ages.items() if age in DAYCARE_AGES)

    @property
    def school(self) -> int:
        return sum(n for age, n in self.child_ages.items() if age in SCHOOL_AGES)

    @property
    def mentor(self) -> int:
        return sum(self.mentor_waits.values())

    def add(self, other: Needs) -> None:
        self.newcomers += other.newcomers
        self.german.update(other.german)
        self.child_ages.update(other.child_ages)
        self.job_seekers += other.job_seekers
        self.jobs.update(other.jobs)
        for key, label in other.occupation_labels.items():
            self.occupation_labels.setdefault(key, label)
        self.mentor_waits.update(other.mentor_waits)
        self.housing += other.housing


def summed(by_region: dict[int, Needs], region_ids: Iterable[int]) -> Needs:
    total = Needs()
    for region_id in sorted(region_ids):
        if region_id in by_region:
            total.add(by_region[region_id])
    return total


# -- the region tree (regions are few; people are many) -----------------------------------------


@dataclass(frozen=True)
class Place:
    """A region as the cached open figures keep it: no database object outlives its request."""

    id: int
    name: str


@dataclass(frozen=True)
class RegionTree:
    parents: dict[int, int | None]
    names: dict[int, str]  # in the database's name order

    def children(self, region_id: int | None) -> list[Place]:
        found = [Place(i, n) for i, n in self.names.items() if self.parents[i] == region_id]
        return sorted(found, key=lambda place: place.name) if region_id else found

    def descendants(self, region_id: int) -> set[int]:
        return {i for i in self.parents if self.lies_in(i, region_id)}

    def lies_in(self, region_id: int, ancestor_id: int) -> bool:
        current: int | None = region_id
        while current is not None and current != ancestor_id:
            current = self.parents.get(current)
        return current == ancestor_id


def region_tree() -> RegionTree:
    rows = db.session.execute(
        select(Region.id, Region.parent_id, Region.name).order_by(Region.name)
    )
    parents: dict[int, int | None] = {}
    names: dict[int, str] = {}
    for region_id, parent_id, name in rows:
        parents[region_id], names[region_id] = parent_id, name
    return RegionTree(parents, names)


# -- the counts ---------------------------------------------------------------------------------


def needs_by_region(
    region_ids: set[int] | None, today: date, locale: str | None
) -> dict[int, Needs]:
    """The needs of the newcomers placed in each of ``region_ids`` (every region for None) on
    ``today``; occupations are named (in ``locale``) only when a locale is given."""
    scope = (
        Person.region_id.in_(region_ids)
        if region_ids is not None
        else Person.region_id.is_not(None)
    )
    found: dict[int, Needs] = {}

    def at(region_id: int) -> Needs:
        return found.setdefault(region_id, Needs())

    for region_id, people in db.session.execute(_newcomer_counts(scope)):
        at(region_id).newcomers = people
    for region_id, housing, job_seekers in db.session.execute(_goal_counts(scope)):
        at(region_id).housing, at(region_id).job_seekers = housing, job_seekers
    for region_id, level, people in db.session.execute(_german(scope)):
        if (level or NO_GERMAN) in NEXT_COURSE:
            at(region_id).german[NEXT_COURSE[level or NO_GERMAN]] += people
    for region_id, age, people in db.session.execute(_child_ages(scope, today)):
        at(region_id).child_ages[age] += people
    for region_id, group, people in db.session.execute(_mentor_waits(scope, today)):
        at(region_id).mentor_waits[group] += people
    if locale is not None:
        for region_id, text, taxonomy_id, former, people in db.session.execute(_jobs(scope)):
            key, label = occupation(text, taxonomy_id, former, locale)
            at(region_id).jobs[key] += people
            at(region_id).occupation_labels.setdefault(key, label)
    return found


def _newcomers(*columns: Any) -> Select[Any]:
    return select(Person.region_id, *columns).join(
        RefugeeProfile, RefugeeProfile.person_id == Person.id
    )


def has_goal(*goals: str) -> Exists:
    return (
        select(PersonGoal.person_id)
        .where(PersonGoal.person_id == Person.id, PersonGoal.goal.in_(goals))
        .exists()
    )


def _people_with(goals: tuple[str, ...]) -> ColumnElement[Any]:
    return func.count(func.distinct(case((PersonGoal.goal.in_(goals), Person.id))))


def _newcomer_counts(scope: ColumnElement[bool]) -> Select[Any]:
    return _newcomers(func.count()).where(scope).group_by(Person.region_id)


def _goal_counts(scope: ColumnElement[bool]) -> Select[Any]:
    """People looking for a flat and for work, per region: a join, not a subquery per person
    (PostgreSQL runs an EXISTS inside a SUM once for every row)."""
    housing, jobs = _people_with((Goal.HOUSING.value,)), _people_with(JOB_GOALS)
    return (
        _newcomers(housing, jobs)
        .join(PersonGoal, PersonGoal.person_id == Person.id)
        .where(scope, PersonGoal.goal.in_((Goal.HOUSING.value, *JOB_GOALS)))
        .group_by(Person.region_id)
    )


def _german(scope: ColumnElement[bool]) -> Select[Any]:
    german = and_(PersonLanguage.person_id == Person.id, PersonLanguage.code == "de")
    return (
        _newcomers(PersonLanguage.level, func.count())
        .outerjoin(PersonLanguage, german)
        .where(scope, has_goal(Goal.GERMAN_COURSE.value))
        .group_by(Person.region_id, PersonLanguage.level)
    )


def born_by(today: date, age: int) -> date:
    """The last birthday of someone who is ``age`` or older on ``today`` (Person.age_on's rule:
    born on 29 February, one comes of age on 1 March in other years)."""
    year = today.year - age
    try:
        return today.replace(year=year)
    except ValueError:  # today is 29 February, that year has none
        return date(year, 2, 28)


def _child_ages(scope: ColumnElement[bool], today: date) -> Select[Any]:
    born = Person.date_of_birth
    age = case(*((born > born_by(today, years + 1), years) for years in range(CHILD_AGES)))
    return (
        _newcomers(age, func.count())
        .where(scope, born <= today, born > born_by(today, CHILD_AGES))
        .group_by(Person.region_id, age)
    )


def _mentor_waits(scope: ColumnElement[bool], today: date) -> Select[Any]:
    """People who want a mentor (by goal or an open request) and have none matched, by how long
    they have waited: since the day they said so on their profile, else since their first open
    request, else from today."""
    mentoring = Request.kind == RequestKind.MENTORING.value
    asked = (
        select(Request.person_id, func.min(Request.created_at).label("first"))
        .where(mentoring, Request.status.in_(WAITING_OPEN))
        .group_by(Request.person_id)
        .subquery()
    )
    matched = (
        select(Request.id)
        .where(Request.person_id == Person.id, mentoring)
        .where(Request.status == RequestStatus.MATCHED.value)
        .exists()
    )
    since = func.coalesce(RefugeeProfile.waiting_since, func.date(asked.c.first), type_=Date)
    groups = ((since >= today - timedelta(days=bound), bound) for bound in WAIT_BOUNDS)
    group = case((since.is_(None), WAIT_BOUNDS[0]), *groups, else_=LONGER)
    return (
        _newcomers(group, func.count())
        .outerjoin(asked, asked.c.person_id == Person.id)
        .where(scope, or_(has_goal(Goal.MENTOR.value), asked.c.first.is_not(None)), ~matched)
        .group_by(Person.region_id, group)
    )


def _jobs(scope: ColumnElement[bool]) -> Select[Any]:
    """Those looking for work by the words of their first skill, or else their former job."""
    other = aliased(PersonSkill)
    first = select(func.min(other.id)).where(other.person_id == Person.id).scalar_subquery()
    former = case((PersonSkill.id.is_(None), RefugeeProfile.former_occupation), else_=None)
    return (
        _newcomers(PersonSkill.original_text, PersonSkill.taxonomy_id, former, func.count())
        .outerjoin(PersonSkill, PersonSkill.id == first)
        .where(scope, has_goal(*JOB_GOALS))
        .group_by(Person.region_id, PersonSkill.original_text, PersonSkill.taxonomy_id, former)
        .order_by(Person.region_id, PersonSkill.original_text, former)
    )


def occupation(
    skill_text: str | None, taxonomy_id: str | None, former: str | None, locale: str
) -> tuple[str, str]:
    """(key, label) of a first skill or former occupation, in the taxonomy if known."""
    text = skill_text if skill_text is not None else (former or "")
    if not text.strip():
        return "unknown", ""
    found = _normalised(text, locale)
    return (taxonomy_id or found.taxonomy_id or text.strip().casefold()), found.label


@lru_cache(maxsize=4096)
def _normalised(text: str, locale: str) -> SkillMatch:
    # Occupations repeat: each distinct text is matched against the taxonomy once per process.
    return normalise_skill_text(text, locale)
