"""A spatial grid on latitude/longitude, so candidate search looks only at nearby offers.

Cells are ``cell_km`` tall; their width in longitude is widened by the smallest cos(latitude)
among the located people, so that a cell never spans fewer km than ``cell_km``. The lookup is
exact: two points at great-circle distance d differ by at most d/R in latitude and by at most
2·asin(sin(d/2R) / cos φ_max) in longitude (from the haversine formula), so no pair within reach
is missed. The grid does not wrap at ±180° longitude, which German data never crosses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from matching.compiled import F64, I64
from matching.geo import EARTH_RADIUS_KM

# Cell keys pack (row, column) into one int64.
_COLUMNS = 1 << 32


@dataclass(frozen=True)
class Grid:
    """Cell geometry shared by seekers and offers."""

    cell_lat: float
    cell_lon: float
    cos_min: float

    def keys(self, lat: F64, lon: F64) -> I64:
        """The cell key of every point."""
        row = np.floor(np.radians(lat) / self.cell_lat).astype(np.int64)
        col = np.floor(np.radians(lon) / self.cell_lon).astype(np.int64)
        return row * _COLUMNS + col + _COLUMNS // 2

    def neighbours(self, key: int, reach_km: float) -> list[int]:
        """Keys of every cell that can hold a point within ``reach_km`` of cell ``key``."""
        row, col = divmod(key - _COLUMNS // 2, _COLUMNS)
        if col >= _COLUMNS // 2:
            row, col = row + 1, col - _COLUMNS
        angle = reach_km / EARTH_RADIUS_KM
        rows = math.ceil(angle / self.cell_lat)
        ratio = min(1.0, math.sin(angle / 2) / self.cos_min)
        cols = math.ceil(2 * math.asin(ratio) / self.cell_lon)
        return [
            (row + dr) * _COLUMNS + col + dc + _COLUMNS // 2
            for dr in range(-rows, rows + 1)
            for dc in range(-cols, cols + 1)
        ]


def make_grid(lat: F64, radii: F64) -> Grid:
    """A grid whose cells are about the typical finite travel radius (2–200 km).

    Smaller cells test fewer pairs that are out of reach, larger ones make fewer, bigger numpy
    blocks; at the radii of municipal work (5–50 km) the radius itself is the better trade.
    """
    finite = radii[np.isfinite(radii) & (radii > 0)]
    cell_km = float(np.clip(np.median(finite), 2.0, 200.0)) if finite.size else 200.0
    max_lat = float(np.max(np.abs(lat))) if lat.size else 0.0
    cos_min = max(math.cos(math.radians(min(max_lat, 89.0))), 0.02)
    cell_lat = cell_km / EARTH_RADIUS_KM
    return Grid(cell_lat, cell_lat / cos_min, cos_min)
