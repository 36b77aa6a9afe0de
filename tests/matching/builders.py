"""Builders for matching tests: small problems as JSON-like dicts, and an independent optimum."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from matching import Problem, Result

# Around Osnabrück: a 40 km square, so that radii of 5–30 km both include and exclude pairs.
LAT, LON = (52.15, 52.5), (7.8, 8.3)
TIMES = [None, ["mon 18:00-20:00"], ["tue 09:00-12:00", "mon 19:00-21:00"], ["sat 10:00-11:00"]]
LANGS = ["ar", "de", "fa", "prs", "ti", "uk"]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]
SKILLS = ["Schweißer", "Elektricker", "Koch", "Pflegehelfer", "Astronaut", "Bäcker"]


@st.composite
def person(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    """Fields shared by seekers and offers."""
    data: dict[str, Any] = {"id": ident}
    if draw(st.booleans()):
        data["location"] = {
            "lat": draw(st.floats(*LAT, allow_nan=False)),
            "lon": draw(st.floats(*LON, allow_nan=False)),
        }
    if draw(st.booleans()):
        data["max_km"] = draw(st.sampled_from([5, 10, 20, 30]))
    langs = draw(st.lists(st.sampled_from(LANGS), max_size=3, unique=True))
    data["languages"] = {lang: draw(st.sampled_from(LEVELS)) for lang in langs}
    data["skills"] = draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True))
    times = draw(st.sampled_from(TIMES))
    if times is not None:
        data["availability"] = times
    data["region"] = draw(st.sampled_from([None, None, "LK Osnabrück", "Stadt Osnabrück"]))
    return data


@st.composite
def seeker(draw: st.DrawFn, ident: str, offer_ids: list[str]) -> dict[str, Any]:
    data = draw(person(ident))
    data["wants"] = draw(
        st.lists(
            st.sampled_from(["mentor", "volunteer", "job"]), min_size=1, max_size=3, unique=True
        )
    )
    age = draw(st.sampled_from([None, None, 10, 14, 15, 16, 17, 18, 40]))
    if age is None:
        data["minor"] = draw(st.booleans())
    else:
        data["age"] = age
        if draw(st.booleans()):
            data["minor"] = age < 18  # the flag, when given, must agree with the age
    data["mentor_gender"] = draw(st.sampled_from([None, "female", "male"]))
    data["work_status"] = draw(
        st.sampled_from(["allowed", "permission_required", "not_allowed", "unknown"])
    )
    data["hours"] = draw(st.sampled_from([1, 2]))
    data["waiting_days"] = draw(st.integers(0, 700))
    data["rejected"] = (
        draw(st.lists(st.sampled_from(offer_ids), max_size=1, unique=True)) if offer_ids else []
    )
    return data


@st.composite
def offer(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    data = draw(person(ident))
    data["kind"] = draw(st.sampled_from(["mentor", "volunteer", "job"]))
    data["capacity"] = draw(st.integers(0, 3))
    data["gender"] = draw(st.sampled_from([None, "female", "male"]))
    data["good_conduct_until"] = draw(st.sampled_from([None, "2020-01-01", "2099-12-31"]))
    data["rating"] = draw(st.sampled_from([None, 1, 3.5, 5]))
    if draw(st.booleans()):
        data["min_language"] = {draw(st.sampled_from(LANGS)): draw(st.sampled_from(LEVELS[:4]))}
    return data


@st.composite
def scored_problem(draw: st.DrawFn, max_seekers: int = 6, max_offers: int = 5) -> dict[str, Any]:
    """A small problem exercising every hard rule."""
    n_offers = draw(st.integers(1, max_offers))
    offer_ids = [f"o{j}" for j in range(n_offers)]
    offers = [draw(offer(ident)) for ident in offer_ids]
    seekers = [draw(seeker(f"s{i}", offer_ids)) for i in range(draw(st.integers(1, max_seekers)))]
    return {"seekers": seekers, "offers": offers, "settings": {"reference_date": "2025-06-01"}}


@st.composite
def pairs_problem(draw: st.DrawFn, max_side: int = 7) -> dict[str, Any]:
    """Explicit pairs with scores (some ≤ 0) and capacities."""
    n, m = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    offers = [{"id": f"o{j}", "capacity": draw(st.integers(0, 3))} for j in range(m)]
    cells = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)), unique=True, max_size=n * m
        )
    )
    pairs = [
        {"seeker": f"s{i}", "offer": f"o{j}", "score": draw(st.integers(-5, 60)) / 4}
        for i, j in cells
    ]
    return {"seekers": [{"id": f"s{i}"} for i in range(n)], "offers": offers, "pairs": pairs}


def independent_optimum(
    requests: list[tuple[str, str]],
    capacity: dict[str, int],
    pairs: dict[tuple[tuple[str, str], str], float],
) -> float:
    """Max total score by scipy's linear_sum_assignment on capacity-expanded offers.

    ``requests`` are (seeker, kind) rows, ``pairs`` maps (request, offer) → score; an entry of 0
    stands for "not matched", so only positive scores can contribute.
    """
    slots = [o for o, cap in sorted(capacity.items()) for _ in range(cap)]
    if not requests or not slots:
        return 0.0
    gain = np.zeros((len(requests), len(slots)))
    for r, request in enumerate(requests):
        for k, o in enumerate(slots):
            gain[r, k] = max(0.0, pairs.get((request, o), 0.0))
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return float(gain[rows, cols].sum())


def summary(result: Result) -> tuple[Any, ...]:
    """What must not change between two runs on the same input."""
    return (
        result.status,
        result.objective,
        result.matches,
        result.unmatched,
        result.capacity_value,
    )


def offers_of(problem: Problem) -> dict[str, int]:
    return {o.id: o.capacity for o in problem.offers}
