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

from app.accounts.models import Region
from app.core.taxonomy import SkillMatch, normalise_skill_text
from app.extensions import db
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


@dataclass
class Tally:
    """What the database counted for one region, in a form that does not depend on the day it
    was counted (so it can be kept, see ``app.evidence.snapshot``): children by date of birth
    (those under 18 on the day counted), people waiting for a mentor by the day they started
    (None: no day known), current German levels of those who want a course (None: none), and
    those looking for work by first skill or former occupation."""

    newcomers: int = 0
    housing: int = 0
    job_seekers: int = 0
    german_levels: dict[str | None, int] = field(default_factory=dict)
    births: dict[date, int] = field(default_factory=dict)
    waiting_since: dict[date | None, int] = field(default_factory=dict)
    jobs: list[tuple[str | None, str | None, str | None, int]] = field(default_factory=list)

    def needs(self, today: date, locale: str | None) -> Needs:
        """The needs on ``today`` (a day on or after the one counted); occupations are named
        (in ``locale``) only when a locale is given."""
        found = Needs(newcomers=self.newcomers, housing=self.housing)
        found.job_seekers = self.job_seekers
        for level, people in self.german_levels.items():
            if (level or NO_GERMAN) in NEXT_COURSE:
                found.german[NEXT_COURSE[level or NO_GERMAN]] += people
        found.child_ages = ages_on(self.births, today)
        found.mentor_waits = waits_on(self.waiting_since, today)
        if locale is not None:
            for text, taxonomy_id, former, people in self.jobs:
                key, label = occupation(text, taxonomy_id, former, locale)
                found.jobs[key] += people
                found.occupation_labels.setdefault(key, label)
        return found

    def as_json(self) -> dict[str, Any]:
        return {
            "newcomers": self.newcomers,
            "housing": self.housing,
            "job_seekers": self.job_seekers,
            "german_levels": [[level, n] for level, n in self.german_levels.items()],
            "births": [[born.isoformat(), n] for born, n in self.births.items()],
            "waiting_since": [
                [since.isoformat() if since else None, n] for since, n in self.waiting_since.items()
            ],
            "jobs": [list(row) for row in self.jobs],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tally:
        return cls(
            newcomers=data["newcomers"],
            housing=data["housing"],
            job_seekers=data["job_seekers"],
            german_levels=dict(data["german_levels"]),
            births={date.fromisoformat(born): n for born, n in data["births"]},
            waiting_since={
                (date.fromisoformat(since) if since else None): n
                for since, n in data["waiting_since"]
            },
            jobs=[(text, taxonomy_id, former, n) for text, taxonomy_id, former, n in data["jobs"]],
        )


def ages_on(births: dict[date, int], today: date) -> Counter[int]:
    """Children by their age on ``today`` (those of age or not born yet are left out)."""
    limits = [born_by(today, years + 1) for years in range(CHILD_AGES)]  # youngest first
    ages: Counter[int] = Counter()
    for born, people in births.items():
        if limits[-1] < born <= today:
            ages[next(years for years, limit in enumerate(limits) if born > limit)] += people
    return ages


def waits_on(waiting_since: dict[date | None, int], today: date) -> Counter[int]:
    """People waiting for a mentor by waiting-time group on ``today``: the upper bound in days,
    LONGER for more; no known day counts as the shortest wait (as a wait from today)."""
    cuts = [(today - timedelta(days=bound), bound) for bound in WAIT_BOUNDS]
    waits: Counter[int] = Counter()
    for since, people in waiting_since.items():
        if since is None:
            waits[WAIT_BOUNDS[0]] += people
        else:
            waits[next((bound for cut, bound in cuts if since >= cut), LONGER)] += people
    return waits


def waited_longest(since: date | None, today: date) -> date | None:
    """``since``, or for everyone who has already waited longer than the longest bounded group
    one day that stands for all of them: they stay in the open-ended group on every later day,
    so a region keeps at most a year of distinct days, however many people wait."""
    oldest = today - timedelta(days=WAIT_BOUNDS[-1] + 1)
    return oldest if since is not None and since < oldest else since


def tally_by_region(region_ids: set[int] | None, today: date) -> dict[int, Tally]:
    """Count the newcomers placed in each of ``region_ids`` (every region for None) now: a few
    GROUP BY queries over every newcomer there."""
    scope = (
        Person.region_id.in_(region_ids)
        if region_ids is not None
        else Person.region_id.is_not(None)
    )
    found: dict[int, Tally] = {}

    def at(region_id: int) -> Tally:
        return found.setdefault(region_id, Tally())

    for region_id, people in db.session.execute(_newcomer_counts(scope)):
        at(region_id).newcomers = people
    for region_id, housing, job_seekers in db.session.execute(_goal_counts(scope)):
        at(region_id).housing, at(region_id).job_seekers = housing, job_seekers
    for region_id, level, people in db.session.execute(_german(scope)):
        at(region_id).german_levels[level] = people
    for region_id, born, people in db.session.execute(_births(scope, today)):
        at(region_id).births[born] = people
    for region_id, since, people in db.session.execute(_mentor_waits(scope)):
        waits, day = at(region_id).waiting_since, waited_longest(since, today)
        waits[day] = waits.get(day, 0) + people
    for region_id, text, taxonomy_id, former, people in db.session.execute(_jobs(scope)):
        at(region_id).jobs.append((text, taxonomy_id, former, people))
    return found


def needs_by_region(
    region_ids: set[int] | None, today: date, locale: str | None
) -> dict[int, Needs]:
    """The needs of the newcomers placed in each of ``region_ids`` (every region for None) on
    ``today``, counted now; occupations are named (in ``locale``) only when a locale is given."""
    return {r: t.needs(today, locale) for r, t in tally_by_region(region_ids, today).items()}


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


def _births(scope: ColumnElement[bool], today: date) -> Select[Any]:
    """Newcomers under 18 on ``today`` (or born later), by date of birth."""
    born = Person.date_of_birth
    return (
        _newcomers(born, func.count())
        .where(scope, born > born_by(today, CHILD_AGES))
        .group_by(Person.region_id, born)
    )


def _mentor_waits(scope: ColumnElement[bool]) -> Select[Any]:
    """People who want a mentor (by goal or an open request) and have none matched, by the day
    they said so on their profile, else that of their first open request (None: neither)."""
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
    return (
        _newcomers(since, func.count())
        .outerjoin(asked, asked.c.person_id == Person.id)
        .where(scope, or_(has_goal(Goal.MENTOR.value), asked.c.first.is_not(None)), ~matched)
        .group_by(Person.region_id, since)
    )


def _jobs(scope: ColumnElement[bool]) -> Select[Any]:
    """Those looking for work by the words of their first skill, or else their former job. The
    first skill comes from a grouped subquery joined by hash (a subquery per person in the join
    condition made PostgreSQL compare every newcomer with every skill)."""
    first = (
        select(PersonSkill.person_id, func.min(PersonSkill.id).label("skill_id"))
        .group_by(PersonSkill.person_id)
        .subquery()
    )
    former = case((PersonSkill.id.is_(None), RefugeeProfile.former_occupation), else_=None)
    return (
        _newcomers(PersonSkill.original_text, PersonSkill.taxonomy_id, former, func.count())
        .outerjoin(first, first.c.person_id == Person.id)
        .outerjoin(PersonSkill, PersonSkill.id == first.c.skill_id)
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
