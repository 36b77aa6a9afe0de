"""Reads of the evidence package: needs derived from the profiles against recorded and offered
capacity, per region and per municipality; matches per month and time to a match.

Every figure is an aggregate the database computes (see ``needs``); Python only adds up the
few rows per region and applies the rules for publishing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import extract, func, select

from app.accounts.models import Region, User
from app.accounts.policy import coordinated_region_ids
from app.core.ttl_cache import TTLCache
from app.evidence.disclosure import Cell, suppress_table
from app.evidence.models import COURSE_LEVELS, CapacityFigure, CapacityKind
from app.evidence.needs import (
    WAIT_BOUNDS,
    Needs,
    Place,
    RegionTree,
    region_tree,
    summed,
)
from app.evidence.snapshot import current_needs
from app.evidence.sql import whole_days
from app.extensions import db
from app.offers.models import Offer, OfferKind, OfferStatus, Request, RequestStatus
from app.profiles.models import Person

JOB_OFFER_KINDS = (OfferKind.JOB.value, OfferKind.APPRENTICESHIP.value, OfferKind.INTERNSHIP.value)
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
            Row("mentor", self.needs.mentor, None, self.offered.get("mentoring", 0)),
            Row("job", self.needs.job_seekers, None, self.offered.get("job", 0)),
        ]

    def job_rows(self) -> list[tuple[str, int]]:
        top = self.needs.jobs.most_common(TOP_OCCUPATIONS)
        return [(self.needs.occupation_labels.get(key, key), n) for key, n in top]

    def wait_rows(self) -> list[tuple[int, int]]:
        """(upper bound in days, or 0 for "longer", people) for each waiting-time group."""
        return [(bound, self.needs.mentor_waits[bound]) for bound in (*WAIT_BOUNDS, 0)]


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


# -- capacity -------------------------------------------------------------------------------------

Latest = dict[tuple[int, str], CapacityFigure]


def latest_by_region(region_ids: set[int]) -> Latest:
    """The newest recorded figure per region and kind (the last entered wins on the same day)."""
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
    return {(f.region_id, f.kind): f for f in db.session.scalars(query)}


def figures_in(latest: Latest, region_ids: set[int]) -> tuple[dict[str, int], date | None]:
    """The figures of ``region_ids`` summed per kind; and the oldest of their dates."""
    chosen = [f for (region_id, _), f in latest.items() if region_id in region_ids]
    totals: Counter[str] = Counter()
    for figure in chosen:
        totals[figure.kind] += figure.places
    dates = [f.recorded_on for f in chosen]
    return dict(totals), (min(dates) if dates else None)


def latest_figures(region_ids: set[int]) -> tuple[dict[str, int], date | None]:
    return figures_in(latest_by_region(region_ids), region_ids)


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
# Until matches have their own records, a matched request's last change is taken as the match day.


def _matched_in(region_ids: set[int]) -> list[object]:
    return [
        Request.status == RequestStatus.MATCHED.value,
        Request.person_id.in_(select(Person.id).where(Person.region_id.in_(region_ids))),
    ]


def matched_per_month(region_ids: set[int], today: date) -> list[tuple[str, int]]:
    year, month = extract("year", Request.updated_at), extract("month", Request.updated_at)
    query = select(year, month, func.count()).where(*_matched_in(region_ids)).group_by(year, month)
    counts = {f"{int(y):04d}-{int(m):02d}": n for y, m, n in db.session.execute(query)}
    return [(shown, counts.get(shown, 0)) for shown in months_back(today, MONTHS_SHOWN)]


def days_to_match(region_ids: set[int]) -> Counter[int]:
    """Matched requests by whole days from the request to its match."""
    days = whole_days(Request.created_at, Request.updated_at)
    query = select(days, func.count()).where(*_matched_in(region_ids)).group_by(days)
    found: Counter[int] = Counter()
    for elapsed, count in db.session.execute(query):
        found[max(int(elapsed), 0)] += count
    return found


def median_of(counts: Counter[int]) -> float | None:
    """statistics.median of the values ``counts`` holds, without spelling them out."""
    total = sum(counts.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]  # the one or two places in the sorted values
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return found[0] if total % 2 else (found[0] + found[1]) / 2


def months_back(today: date, count: int) -> list[str]:
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


# -- the whole picture ----------------------------------------------------------------------------


def needs_in(region_ids: set[int] | None, today: date, locale: str | None) -> dict[int, Needs]:
    """Needs per region on ``today`` from the kept counts (``app.evidence.snapshot``)."""
    return current_needs(region_ids, today, locale)


def build_evidence(region: Region, today: date, locale: str) -> Evidence:
    """Needs against capacity for ``region`` as a whole and for each municipality in it."""
    tree = region_tree()
    region_ids = tree.descendants(region.id)
    needs = needs_in(region_ids, today, locale)  # once: each part adds up its regions
    latest = latest_by_region(region_ids)
    recorded, recorded_on = figures_in(latest, region_ids)
    children = {r.id: r for r in region.children}
    parts = []
    for child in tree.children(region.id):
        child_ids = tree.descendants(child.id)
        parts.append(
            (children[child.id], summed(needs, child_ids), figures_in(latest, child_ids)[0])
        )
    return Evidence(
        region=region,
        needs=summed(needs, region_ids),
        recorded=recorded,
        recorded_on=recorded_on,
        offered=offered_places(region_ids),
        matched_per_month=matched_per_month(region_ids, today),
        median_days_to_match=median_of(days_to_match(region_ids)),
        parts=parts,
    )


# -- open figures ---------------------------------------------------------------------------------

OPEN_COLUMNS = ["newcomers", "german", "daycare", "school", "jobs", "mentor", "housing"]
OpenRow = tuple[str | None, dict[str, Cell]]
OpenTable = tuple[Place, list[OpenRow], dict[str, Cell]]
_open_figures = TTLCache[date, list[OpenTable]]()


def open_counts(needs: Needs) -> dict[str, int]:
    return {
        "newcomers": needs.newcomers,
        "german": sum(needs.german.values()),
        "daycare": needs.daycare,
        "school": needs.school,
        "jobs": needs.job_seekers,
        "mentor": needs.mentor,
        "housing": needs.housing,
    }


def open_rows(
    tree: RegionTree, needs: dict[int, Needs], district: Place
) -> list[tuple[str | None, dict[str, int]]]:
    """One row per municipality, and one for people placed in the district itself (None), so
    that the rows add up to the district."""
    rows: list[tuple[str | None, dict[str, int]]] = []
    for child in tree.children(district.id):
        rows.append((child.name, open_counts(summed(needs, tree.descendants(child.id)))))
    rest = needs.get(district.id)
    if rest is not None and rest.newcomers:
        rows.append((None, open_counts(rest)))
    return rows


def open_tables(today: date) -> list[OpenTable]:
    """Each district's open figures as published: (district, rows by municipality, totals)."""
    tree = region_tree()
    needs = needs_in(None, today, locale=None)  # every region at once, no names needed
    tables = []
    for district in tree.children(None):
        rows = open_rows(tree, needs, district)
        cells, totals = suppress_table([counts for _, counts in rows], OPEN_COLUMNS)
        names = [name for name, _ in rows]
        tables.append((district, list(zip(names, cells, strict=True)), totals))
    return tables


def cached_open_tables(today: date) -> list[OpenTable]:
    """The open figures of ``today``, computed at most once per OPEN_FIGURES_CACHE_SECONDS in
    each web process, however many ask at the same time: they are public and anonymous, so a
    burst of requests must not turn into a burst of full counts."""
    seconds = float(current_app.config.get("OPEN_FIGURES_CACHE_SECONDS", 0))
    return _open_figures.get(today, seconds, lambda: open_tables(today))


def forget_open_figures() -> None:
    """Count the open figures afresh on the next request (in this process)."""
    _open_figures.clear()
