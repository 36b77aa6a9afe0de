"""Turn JSON-like data into a :class:`~matching.problem.Problem`, collecting every error.

Each error names its place in the file as a JSONPath (``$.seekers[3].languages.arabisch``), so
that an office worker can find and fix it; nothing is raised until the whole file was read.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from matching.availability import parse_interval
from matching.geo import town_for_postcode, towns_for_postcode
from matching.levels import Level, parse_level
from matching.problem import (
    KINDS,
    LanguageSkill,
    Location,
)
from matching.taxonomy.languages import normalise_language
from matching.taxonomy.skills import NormalisedValue, normalise_skill

T = TypeVar("T")


@dataclass(frozen=True)
class Issue:
    """One problem with the input: where it is and what is wrong."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ProblemError(ValueError):
    """The input is not a valid problem; ``issues`` lists every error found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass
class Reader:
    """Reads typed fields from a dict and remembers what was wrong, with its place."""

    issues: list[Issue] = field(default_factory=list)

    def fail(self, place: str, message: str) -> None:
        self.issues.append(Issue(place, message))

    def obj(self, value: object, place: str, known: Iterable[str]) -> Mapping[str, Any]:
        # ``type(...) is dict`` first: JSON gives dicts, and the ABC check is slow.
        if type(value) is not dict and not isinstance(value, Mapping):
            self.fail(place, "must be an object")
            return {}
        for key in value:
            if key not in known:
                self.fail(f"{place}.{key}", "unknown field")
        return value

    def get(
        self, data: Mapping[str, Any], key: str, place: str, conv: Callable[[Any], T], default: T
    ) -> T:
        value = data.get(key)
        if value is None:
            return default
        try:
            return conv(value)
        except (TypeError, ValueError) as error:
            self.fail(f"{place}.{key}", str(error))
            return default


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError("must be a non-empty string")
    return value.strip()


def _number(value: Any) -> float:
    kind = type(value)
    if kind is float and value == value:  # noqa: PLR0124 (NaN is the one float unequal to itself)
        return float(value)
    if kind is int:
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise TypeError("must be a number")
    return float(value)


def _non_negative(value: Any) -> float:
    number = _number(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("must be a whole number ≥ 0")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("must be true or false")
    return value


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2025-12-31") from None


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if value not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return str(value)

    return convert


def _level(value: Any) -> Level:
    return parse_level(_text(value))


# The canonical spellings, read without any conversion (the common case in large files).
_LEVEL_OF = {level.label: level for level in Level}


def _items(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("must be a list")
    return value


def read_skills(r: Reader, data: Mapping[str, Any], place: str) -> tuple[NormalisedValue, ...]:
    texts: list[Any] = r.get(data, "skills", place, _items, [])
    skills = []
    for i, text in enumerate(texts):
        if isinstance(text, str) and text.strip():
            skills.append(normalise_skill(text))
        else:
            r.fail(f"{place}.skills[{i}]", "must be a non-empty string")
    return tuple(skills)


def read_languages(
    r: Reader, data: Mapping[str, Any], key: str, place: str
) -> tuple[LanguageSkill, ...]:
    raw = data.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        r.fail(f"{place}.{key}", 'must be an object like {"ar": "native", "de": "A2"}')
        return ()
    found: dict[str, LanguageSkill] = {}
    for name, value in raw.items():
        language = normalise_language(str(name))
        level = _LEVEL_OF.get(value) if isinstance(value, str) else None
        if level is None:
            level = r.get(raw, name, f"{place}.{key}", _level, None)
        if language.code is None:
            r.fail(f"{place}.{key}.{name}", f"unknown language {name!r}")
        elif level is not None:
            # The same language named twice ("Farsi" and "fa") keeps the higher level.
            old = found.get(language.code)
            if old is None or old.level < level:
                found[language.code] = LanguageSkill(language.code, level, str(name))
    return tuple(found.values())


def read_location(r: Reader, data: Mapping[str, Any], place: str) -> Location | None:
    raw = data.get("location")
    if raw is None:
        return None
    spot = f"{place}.location"
    loc = r.obj(raw, spot, ("lat", "lon", "postcode", "town"))
    if "postcode" in loc and "lat" not in loc:
        return _postcode_location(r, loc, spot)
    if "lat" not in loc or "lon" not in loc:
        r.fail(spot, "needs lat and lon, or a postcode")
        return None
    lat = r.get(loc, "lat", spot, _number, math.nan)
    lon = r.get(loc, "lon", spot, _number, math.nan)
    if not -90 <= lat <= 90:
        r.fail(f"{spot}.lat", "must be between -90 and 90")
    if not -180 <= lon <= 180:
        r.fail(f"{spot}.lon", "must be between -180 and 180")
    postcode = r.get(loc, "postcode", spot, _text, None)
    town = r.get(loc, "town", spot, _text, None)
    return Location(lat, lon, postcode, town) if math.isfinite(lat + lon) else None


def _postcode_location(r: Reader, loc: Mapping[str, Any], spot: str) -> Location | None:
    """A postcode, with the town when several towns share it (else the most populous)."""
    code = r.get(loc, "postcode", spot, _text, "")
    name = r.get(loc, "town", spot, _text, None)
    served = towns_for_postcode(code)
    if not served:
        if code:
            r.fail(f"{spot}.postcode", f"postcode {code!r} is not in the town table; give lat/lon")
        return None
    town = town_for_postcode(code, name)
    if town is None:
        names = ", ".join(t.name for t in served)
        r.fail(f"{spot}.town", f"{name!r} is not served by postcode {code} ({names})")
        return None
    assumed = name is None and len(served) > 1
    return Location(town.lat, town.lon, code, town.name, assumed)


def read_availability(
    r: Reader, data: Mapping[str, Any], place: str
) -> tuple[tuple[int, int], ...] | None:
    texts = r.get(data, "availability", place, _items, None)
    if texts is None:
        return None
    slots = []
    for i, text in enumerate(texts):
        try:
            slots.append(parse_interval(_text(text)))
        except (TypeError, ValueError) as error:
            r.fail(f"{place}.availability[{i}]", str(error))
    return tuple(slots)


def read_wants(r: Reader, data: Mapping[str, Any], place: str) -> tuple[str, ...]:
    wants = r.get(data, "wants", place, _items, list(KINDS))
    for i, kind in enumerate(wants):
        if kind not in KINDS:
            r.fail(f"{place}.wants[{i}]", f"{kind!r} is not one of {', '.join(KINDS)}")
    if not wants:
        r.fail(f"{place}.wants", "must name at least one kind")
    return tuple(dict.fromkeys(k for k in wants if k in KINDS))


def read_ids(r: Reader, data: Mapping[str, Any], key: str, place: str) -> tuple[str, ...]:
    items: list[Any] = r.get(data, key, place, _items, [])
    ids = []
    for i, item in enumerate(items):
        if isinstance(item, str) and item:
            ids.append(item)
        else:
            r.fail(f"{place}.{key}[{i}]", "must be an id (a non-empty string)")
    return tuple(ids)


def read_id(r: Reader, data: Mapping[str, Any], place: str) -> str:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value:
        r.fail(f"{place}.id", "missing (every entry needs an id)")
        return ""
    return value
