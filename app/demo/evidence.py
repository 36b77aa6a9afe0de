"""Demo capacity figures: places counted by the offices in the district's towns, with dates."""

from __future__ import annotations

from datetime import date, timedelta

from app.accounts.models import Region, User
from app.evidence import services
from app.evidence.models import CapacityKind

# Towns with a course provider, and the free places per level at the last count.
COURSE_PLACES = {
    "Bramsche": {"A1": 12, "A2": 8, "B1": 10, "B2": 4},
    "Melle": {"A1": 10, "A2": 6, "B1": 8, "C1": 3},
    "Georgsmarienhütte": {"A1": 8, "A2": 8, "B1": 6},
    "Quakenbrück": {"A1": 14, "A2": 6, "B1": 5},
    "Bersenbrück": {"A1": 6, "B1": 4},
    "Wallenhorst": {"A1": 5, "A2": 3},
}
# (daycare, school, dwellings) at the last count in the bigger towns.
PLACES = {
    "Bramsche": (4, 25, 6),
    "Melle": (6, 30, 5),
    "Georgsmarienhütte": (2, 18, 3),
    "Quakenbrück": (3, 20, 4),
    "Bersenbrück": (1, 10, 2),
    "Wallenhorst": (2, 12, 1),
    "Belm": (0, 8, 1),
    "Bad Iburg": (1, 6, 0),
}


def add_demo_capacity(coordinator: User, towns: dict[str, Region], today: date) -> int:
    """An earlier and a current count per town and kind; return how many figures."""
    recorded = 0
    for town, levels in COURSE_PLACES.items():
        for level, places in levels.items():
            kind = CapacityKind(f"language_course_{level}")
            recorded += record_twice(coordinator, towns[town], kind, places, today)
    for town, (daycare, school, housing) in PLACES.items():
        for kind, places in (
            (CapacityKind.DAYCARE, daycare),
            (CapacityKind.SCHOOL, school),
            (CapacityKind.HOUSING, housing),
        ):
            recorded += record_twice(coordinator, towns[town], kind, places, today)
    return recorded


def record_twice(
    coordinator: User, region: Region, kind: CapacityKind, places: int, today: date
) -> int:
    """A count three months ago (a little higher) and the current one a few days ago."""
    for days, count in ((92, places + 2), (len(region.name) % 7 + 3, places)):
        services.record_capacity(
            coordinator, region, kind=kind, places=count, recorded_on=today - timedelta(days=days)
        )
    return 2
