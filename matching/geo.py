"""Great-circle geometry and the shipped town table (postcode → coordinates)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

#: Mean Earth radius in km (IUGG), the usual radius for great-circle distances.
EARTH_RADIUS_KM = 6371.0088

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Town:
    """A German town with its main postcode, district and coordinates."""

    name: str
    region: str
    postcode: str
    lat: float
    lon: float
    population_k: float


@cache
def towns() -> tuple[Town, ...]:
    """The towns shipped with the package: Landkreis Osnabrück, its neighbours, big cities."""
    text = resources.files("matching").joinpath("towns.json").read_text("utf-8")
    return tuple(Town(**row) for row in json.loads(text))


@cache
def _by_postcode() -> dict[str, tuple[Town, ...]]:
    served: dict[str, list[Town]] = {}
    for town in towns():
        served.setdefault(town.postcode, []).append(town)
    # Most populous first (then by name): the rule for a postcode given without its town.
    return {
        code: tuple(sorted(group, key=lambda t: (-t.population_k, t.name)))
        for code, group in served.items()
    }


def towns_for_postcode(postcode: str) -> tuple[Town, ...]:
    """Every shipped town served by this postcode, most populous first (empty when unknown).

    Small municipalities share a postcode (49577: Ankum, Eggermühlen, Kettenkamp).
    """
    return _by_postcode().get(postcode.strip(), ())


def town_for_postcode(postcode: str, town: str | None = None) -> Town | None:
    """The shipped town with this postcode, or ``None`` when the table does not know it.

    With ``town`` (its name, any case), the town of that name served by the postcode. Without
    it, a postcode shared by several towns stands for the **most populous** of them — where
    most of the people with that postcode live; callers must say that the town was assumed.
    """
    served = towns_for_postcode(postcode)
    if town is None:
        return served[0] if served else None
    wanted = town.strip().casefold()
    return next((t for t in served if t.name.casefold() == wanted), None)


def nearest_town(lat: float, lon: float) -> Town:
    """The shipped town closest to a point (used to aggregate capacity advice by town)."""
    table = towns()
    lats = np.array([t.lat for t in table])
    lons = np.array([t.lon for t in table])
    distances = haversine_km(np.full_like(lats, lat), np.full_like(lons, lon), lats, lons)
    return table[int(np.argmin(distances))]


def unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Points on the unit sphere, shape (n, 3); the dot product of two is cos(angle)."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=1)


def haversine_km(
    lat1: FloatArray, lon1: FloatArray, lat2: FloatArray, lon2: FloatArray
) -> FloatArray:
    """Great-circle distance in km, element-wise (haversine: accurate for short distances)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlam = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), np.float64)


def cos_threshold(radius_km: FloatArray) -> FloatArray:
    """cos(radius / R): two unit vectors are within the radius iff their dot product ≥ this.

    Infinite radii (no travel limit) give -2, which every dot product passes, including the
    0 of a person without a location.
    """
    angle = np.asarray(radius_km, dtype=np.float64) / EARTH_RADIUS_KM
    out = np.cos(np.minimum(angle, np.pi))
    return np.where(np.isfinite(angle) & (angle < np.pi), out, -2.0)
