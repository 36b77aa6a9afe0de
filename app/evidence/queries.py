"""Reads of the evidence package: needs derived from the profiles against recorded and offered
capacity, per region and per municipality; matches per month and time to a match.

Everything is counted in Python over the people of one region: a district has thousands of
people at most, and the rules (next course level, age groups, waiting time) read more clearly
than SQL would.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import Region, User
from app.accounts.policy import coordinated_region_ids
from app.accounts.queries import region_with_descendants
from app.evidence.disclosure import Cell, suppress_table
from app.evidence.models import COURSE_LEVELS, CapacityFigure, CapacityKind
from app.extensions import db
from app.matches.adapters import normalise_skill_text
from app.offers.models import Offer, OfferKind, OfferStatus, Request, RequestKind, RequestStatus
from app.profiles.models import Goal, Person

NO_GERMAN = "none"
# The course a person needs next, by their current German level.
NEXT_COURSE = {NO_GERMAN: "A1", "A1": "A2", "A2": "B1", "B1": "B2", "B2": "C1"}
DAYCARE_AGES = range(6)
SCHOOL_AGES = range(6, 18)
JOB_GOALS = (Goal.JOB.value, Goal.APPRENTICESHIP.value)
JOB_OFFER_KINDS = (OfferKind.JOB.value, OfferKind.APPRENTICESHIP.value, OfferKind.INTERNSHIP.value)
WAITING_OPEN = (RequestStatus.OPEN.value, RequestStatus.IN_ROUND.value)
# Upper bounds in days of the waiting-time groups; the last group is open-ended.
WAIT_BOUNDS = (30, 90, 180, 365)
TOP_OCCUPATIONS = 10
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Row:
    """One line of a comparison: people who need something against places recorded and offered."""

    key: str
    need: int
    recorded: int | None = None
    offered: int | None = None

    @property
    def gap(self) -> int:
        return self.need - (self.recorded or 0) - (self.offered or 0)


@dataclass
class Needs:
    """Counts of one region's needs (no names, only numbers)."""

    newcomers: int = 0
    german: Counter[str] = field(default_factory=Counter)  # course level -> people
    child_ages: Counter[int] = field(default_factory=Counter)  # age -> children
    jobs: Counter[str] = field(default_factory=Counter)  # occupation key -> people
    occupation_labels: dict[str, str] = field(default_factory=dict)
    mentor_waits: list[int] = field(default_factory=list)  # days waited, per person
    housing: int = 0

    @property
    def daycare(self) -> int:
        return sum(n for age, n in self.child_ages.items() if age in DAYCARE_AGES)

    @property
    def school(self) -> int:
        return sum(n for age, n in self.child_ages.items() if age in SCHOOL_AGES)


@dataclass
class Evidence:
    region: Region
    needs: Needs
    recorded: dict[str, int]
    recorded_on: date | None
    offered: dict[str, int]
    matched_per_month: list[tuple[str, int]]
    median_days_to_match: float | None
    parts: list[tuple[Region, Needs, dict[str, int]]]

    def language_rows(self) -> list[Row]:
        return [
            Row(level, self.needs.german[level], self.recorded.get(f"language_course_{level}", 0))
            for level in COURSE_LEVELS
        ]

    def place_rows(self) -> list[Row]:
        return [
            Row("daycare", self.needs.daycare, self.recorded.get(CapacityKind.DAYCARE, 0)),
            Row("school", self.needs.school, self.recorded.get(CapacityKind.SCHOOL, 0)),
            Row("housing", self.needs.housing, self.recorded.get(CapacityKind.HOUSING, 0)),
            Row("mentor", len(self.needs.mentor_waits), None, self.offered.get("mentoring", 0)),
            Row("job", sum(self.needs.jobs.values()), None, self.offered.get("job", 0)),
        ]

    def job_rows(self) -> list[tuple[str, int]]:
        top = self.needs.jobs.most_common(TOP_OCCUPATIONS)
        return [(self.needs.occupation_labels.get(key, key), n) for key, n in top]

    def wait_rows(self) -> list[tuple[int, int]]:
        """(upper bound in days, or 0 for "longer", people) for each waiting-time group."""
        counts = Counter(wait_group(days) for days in self.needs.mentor_waits)
        return [(bound, counts[bound]) for bound in (*WAIT_BOUNDS, 0)]


def wait_group(days: int) -> int:
    return next((bound for bound in WAIT_BOUNDS if days <= bound), 0)


# -- regions ------------------------------------------------------------------------------------


def get_region(region_id: int) -> Region | None:
    return db.session.get(Region, region_id)


def list_regions_for_entry(user: User) -> list[Region]:
    allowed = coordinated_region_ids(user)
    return list(
        db.session.scalars(select(Region).where(Region.id.in_(allowed)).order_by(Region.name))
    )


def list_dashboard_regions(user: User) -> list[Region]:
    """The coordinator's top regions: those whose parent they do not also coordinate."""
    regions = list_regions_for_entry(user)
    allowed = {r.id for r in regions}
    return [r for r in regions if r.parent_id not in allowed]


# -- needs ---------------------------------------------------------------------------------------


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
    """(key, label) of the person's first skill or former occupation, in the taxonomy if known."""
    skill = next(iter(person.skills), None)
    text = skill.original_text if skill else (person.refugee_profile.former_occupation or "")
    if not text.strip():
        return "unknown", ""
    found = normalise_skill_text(text, locale)
    taxonomy_id = (skill.taxonomy_id if skill else None) or found.taxonomy_id
    return (taxonomy_id or text.strip().casefold()), found.label


def open_mentor_requests(person_ids: list[int]) -> dict[int, date]:
    """People with an open mentor request and no matched one: when they asked first."""
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
    return asked | dict.fromkeys(matched, date.max)  # date.max marks "has a mentor"


def count_needs(people: list[Person], today: date, locale: str) -> Needs:
    """The needs of ``people`` on ``today``, as numbers only."""
    needs = Needs(newcomers=len(people))
    asked_since = open_mentor_requests([p.id for p in people])
    for person in people:
        goals = {g.goal for g in person.goals}
        asked = asked_since.get(person.id)
        add_person(needs, person, goals, asked=asked, today=today, locale=locale)
    return needs


def add_person(
    needs: Needs, person: Person, goals: set[str], *, asked: date | None, today: date, locale: str
) -> None:
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


# -- capacity -------------------------------------------------------------------------------------


def latest_figures(region_ids: set[int]) -> tuple[dict[str, int], date | None]:
    """The newest recorded figure per region and kind, summed per kind; and the oldest such date."""
    newest = (
        select(
            CapacityFigure.region_id,
            CapacityFigure.kind,
            func.max(CapacityFigure.recorded_on).label("newest"),
        )
        .where(CapacityFigure.region_id.in_(region_ids))
        .group_by(CapacityFigure.region_id, CapacityFigure.kind)
    ).subquery()
    query = (
        select(CapacityFigure)
        .join(
            newest,
            (CapacityFigure.region_id == newest.c.region_id)
            & (CapacityFigure.kind == newest.c.kind)
            & (CapacityFigure.recorded_on == newest.c.newest),
        )
        .order_by(CapacityFigure.id)
    )
    latest: dict[tuple[int, str], CapacityFigure] = {}
    for figure in db.session.scalars(query):  # the last entered on the same day wins
        latest[(figure.region_id, figure.kind)] = figure
    totals: Counter[str] = Counter()
    for figure in latest.values():
        totals[figure.kind] += figure.places
    dates = [f.recorded_on for f in latest.values()]
    return dict(totals), (min(dates) if dates else None)


def offered_places(region_ids: set[int]) -> dict[str, int]:
    """Open places in published offers on the platform; job kinds are counted together."""
    query = (
        select(Offer.kind, func.sum(Offer.capacity - Offer.filled))
        .where(Offer.region_id.in_(region_ids), Offer.status == OfferStatus.PUBLISHED.value)
        .group_by(Offer.kind)
    )
    places: Counter[str] = Counter()
    for kind, open_places in db.session.execute(query):
        places["job" if kind in JOB_OFFER_KINDS else kind] += max(int(open_places or 0), 0)
    return dict(places)


# -- matches --------------------------------------------------------------------------------------


def matched_requests(region_ids: set[int]) -> list[tuple[date, int]]:
    """(day matched, days from request to match) of matched requests of the region's people.

    Until matches have their own records, the request's last change is taken as the match day.
    """
    query = (
        select(Request.created_at, Request.updated_at)
        .join(Person, Person.id == Request.person_id)
        .where(Person.region_id.in_(region_ids), Request.status == RequestStatus.MATCHED.value)
    )
    return [(u.date(), max((u - c).days, 0)) for c, u in db.session.execute(query)]


def months_back(today: date, count: int) -> list[str]:
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def per_month(matches: list[tuple[date, int]], today: date) -> list[tuple[str, int]]:
    counts = Counter(day.strftime("%Y-%m") for day, _ in matches)
    return [(month, counts[month]) for month in months_back(today, MONTHS_SHOWN)]


# -- the whole picture ----------------------------------------------------------------------------


def build_evidence(region: Region, today: date, locale: str) -> Evidence:
    """Needs against capacity for ``region`` as a whole and for each municipality in it."""
    region_ids = region_with_descendants({region.id})
    recorded, recorded_on = latest_figures(region_ids)
    matches = matched_requests(region_ids)
    people = load_people(region_ids)  # once: each municipality's people are a part of these
    parts = []
    for child in sorted(region.children, key=lambda r: r.name):
        child_ids = region_with_descendants({child.id})
        child_people = [p for p in people if p.region_id in child_ids]
        parts.append(
            (child, count_needs(child_people, today, locale), latest_figures(child_ids)[0])
        )
    return Evidence(
        region=region,
        needs=count_needs(people, today, locale),
        recorded=recorded,
        recorded_on=recorded_on,
        offered=offered_places(region_ids),
        matched_per_month=per_month(matches, today),
        median_days_to_match=median(d for _, d in matches) if matches else None,
        parts=parts,
    )


def list_districts() -> list[Region]:
    query = select(Region).where(Region.parent_id.is_(None)).order_by(Region.name)
    return list(db.session.scalars(query))


# -- open figures ---------------------------------------------------------------------------------

OPEN_COLUMNS = ["newcomers", "german", "daycare", "school", "jobs", "mentor", "housing"]


def open_counts(needs: Needs) -> dict[str, int]:
    return {
        "newcomers": needs.newcomers,
        "german": sum(needs.german.values()),
        "daycare": needs.daycare,
        "school": needs.school,
        "jobs": sum(needs.jobs.values()),
        "mentor": len(needs.mentor_waits),
        "housing": needs.housing,
    }


def open_rows(district: Region, today: date) -> list[tuple[str | None, dict[str, int]]]:
    """One row per municipality, and one for people placed in the district itself (None), so
    that the rows add up to the district."""
    rows: list[tuple[str | None, dict[str, int]]] = []
    for child in sorted(district.children, key=lambda r: r.name):
        people = load_people(region_with_descendants({child.id}))
        rows.append((child.name, open_counts(count_needs(people, today, "de"))))
    rest = load_people({district.id})
    if rest:
        rows.append((None, open_counts(count_needs(rest, today, "de"))))
    return rows


def open_tables(
    today: date,
) -> list[tuple[Region, list[tuple[str | None, dict[str, Cell]]], dict[str, Cell]]]:
    """Each district's open figures as published: (district, rows by municipality, totals)."""
    tables = []
    for district in list_districts():
        rows = open_rows(district, today)
        cells, totals = suppress_table([counts for _, counts in rows], OPEN_COLUMNS)
        names = [name for name, _ in rows]
        tables.append((district, list(zip(names, cells, strict=True)), totals))
    return tables
