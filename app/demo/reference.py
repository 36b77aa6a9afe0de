"""The demo's reference data (real towns of Landkreis Osnabrück, names, employers, advisers)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def district_towns() -> list[dict[str, Any]]:
    return [town for town in load("towns")["towns"] if town.get("in_district")]


def city_of_osnabrueck() -> dict[str, Any]:
    return next(town for town in load("towns")["towns"] if town.get("kreisfrei"))


def origin_groups() -> list[dict[str, Any]]:
    return load("language_mix")["groups"]


def names(group: str) -> dict[str, list[str]]:
    return load("names")["groups"][group]


def skills_of(group: str) -> dict[str, Any]:
    return load("skills_by_origin")["groups"][group]
