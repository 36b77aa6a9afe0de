"""Named score components, their weights, and the single place where scores become integers.

Every component is a number in [0, 1]; a pair's score is ``base + Σ weight·component`` points.
The solvers work on integers, so points are multiplied by :data:`SCALE` and rounded exactly once,
in :func:`to_int`; results report points again (:func:`to_points`).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

from matching.compiled import F64, I64, LEVELS, Compiled
from matching.geo import EARTH_RADIUS_KM
from matching.problem import Weights
from matching.rules import Index, load_hours

#: Integer units per point: scores are exact to 1/100 of a point.
SCALE = 100
COMPONENTS: tuple[str, ...] = ("skill", "language", "distance", "availability", "waiting", "rating")
#: A year of waiting earns the full waiting component.
WAITING_FULL_DAYS = 365.0
#: Neutral value for an offer nobody rated yet (between 1 and 5 stars).
UNRATED = 0.5


def to_int(points: F64) -> I64:
    """Points → integer solver units (the one place where scores are scaled and rounded)."""
    return np.rint(np.asarray(points, dtype=np.float64) * SCALE).astype(np.int64)


def to_points(units: I64 | int) -> F64:
    """Integer solver units → points."""
    return np.asarray(units, dtype=np.float64) / SCALE


def distance_km(cos: F64) -> F64:
    """Great-circle distance from the dot product of two unit vectors."""
    return EARTH_RADIUS_KM * np.arccos(np.clip(cos, -1.0, 1.0))


def best_shared_level(c: Compiled, si: Index, oi: Index) -> I64:
    """The highest level (1–7) both speak in a language that satisfies the offer, else 0."""
    return np.asarray(c.tables.language(si, oi), dtype=np.int64)


@cache
def level_mask(words: int, languages: int, level: int) -> npt.NDArray[np.uint64]:
    """Bits of ``level`` in every language (the thermometer layout of compiled.Vocab)."""
    mask = np.zeros(words, dtype=np.uint64)
    for k in range(languages):
        bit = k * LEVELS + level - 1
        mask[bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return mask


def skill_match(c: Compiled, si: Index, oi: Index) -> F64:
    """Share of the offer's skills the seeker has (0 when the offer names none)."""
    return np.asarray(c.tables.skills(si, oi), dtype=np.float64)


def distance_component(c: Compiled, si: Index, oi: Index, cos: F64, scale_km: float) -> F64:
    """1 at the same place, 0 at the pair's travel limit (or ``scale_km`` without a limit)."""
    limit = np.minimum(c.seekers.people.radius[si], c.offers.people.radius[oi])
    limit = np.where(np.isfinite(limit) & (limit > 0), limit, scale_km)
    located = c.seekers.people.has_location[si] & c.offers.people.has_location[oi]
    return np.where(located, np.clip(1.0 - distance_km(cos) / limit, 0.0, 1.0), 0.0)


def availability_component(c: Compiled, si: Index, oi: Index) -> F64:
    """1 when they share at least twice the hours they need, less for a tight fit."""
    hours = c.tables.hours(si, oi)
    return np.clip(hours / (2.0 * np.maximum(load_hours(c, si, oi), 0.5)), 0.0, 1.0)


def components(c: Compiled, si: Index, oi: Index, cos: F64) -> dict[str, F64]:
    """Every component (in [0, 1]) for the pairs (si, oi); ``cos`` from :func:`rules.dot`."""
    rating = c.offers.rating[oi]
    return {
        "skill": skill_match(c, si, oi),
        "language": (best_shared_level(c, si, oi) - 1).clip(min=0) / (LEVELS - 1),
        "distance": distance_component(c, si, oi, cos, c.problem.settings.distance_scale_km),
        "availability": availability_component(c, si, oi),
        "waiting": np.minimum(c.seekers.waiting_days[si] / WAITING_FULL_DAYS, 1.0),
        "rating": np.where(np.isnan(rating), UNRATED, (rating - 1.0) / 4.0),
    }


def points(parts: dict[str, F64], weights: Weights) -> F64:
    """The weighted sum of components plus the base value of a match, in points."""
    total: F64 = np.full(np.shape(parts["skill"]), weights.base, dtype=np.float64)
    for name in COMPONENTS:
        total = total + getattr(weights, name) * parts[name]
    return total


def score_units(c: Compiled, si: Index, oi: Index, cos: F64) -> I64:
    """Integer scores of the pairs (si, oi) — what the solvers maximise."""
    return to_int(points(components(c, si, oi, cos), c.problem.settings.weights))
