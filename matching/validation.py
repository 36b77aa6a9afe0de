"""Turn JSON-like data into a :class:`~matching.problem.Problem`, collecting every error.

Each error names its place in the file as a JSONPath (``$.seekers[3].languages.arabisch``), so
that an office worker can find and fix it; nothing is raised until the whole file was read.
"""

from __future__ import annotations

import math
import reprlib
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

#: Input limits, stated in ``problem.schema.json``. Beyond them a value is refused with its place:
#: scores and hours are scaled to 64-bit integers for the solvers, texts are compared by
#: similarity (a 10 MB language name would take minutes), and a count beyond any real office is
#: a typing error.
MAX_TEXT = 200
MAX_COUNT = 1_000_000_000
#: Hours in a week: what one seeker needs, one session takes, or one given pair loads.
MAX_WEEK_HOURS = 168.0
#: An offer's weekly hour budget over all its matches.
MAX_HOURS_BUDGET = 1_000_000.0
#: A weight (points a component is worth at its best, or the base of a match).
MAX_WEIGHT = 10_000.0
#: A given pair score in ``pairs`` mode, either sign.
MAX_PAIR_SCORE = 1_000_000.0

_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother = 2, 60, 60


def shown(value: object) -> str:
    """A short repr for messages: long texts cut, deep nesting elided (never a RecursionError)."""
    return _SHOWN.repr(value)


def short(name: str) -> str:
    """A key as part of a place in the file, cut when it is absurdly long."""
    return name if len(name) <= MAX_TEXT else f"{name[:60]}…"


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
                self.fail(f"{place}.{short(str(key))}", "unknown field")
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
    if len(value) > MAX_TEXT:
        raise ValueError(f"must be at most {MAX_TEXT} characters long")
    return value.strip()


def _number(value: Any) -> float:
    kind = type(value)
    if kind is float and math.isfinite(value):
        return float(value)
    if kind is int and abs(value) <= MAX_COUNT:
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("must be a number")
    # NaN and Infinity (which Python's json reads), and integers beyond any float.
    number = float(value) if isinstance(value, float) or abs(value) < 2**1000 else math.inf
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number


def _non_negative(value: Any) -> float:
    number = _number(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("must be a whole number ≥ 0")
    if value > MAX_COUNT:
        raise ValueError(f"must be at most {MAX_COUNT:,}")
    return value


def _at_most(high: float, unit: str) -> Callable[[Any], float]:
    """A non-negative number up to ``high`` (``unit`` says what the limit is)."""

    def convert(value: Any) -> float:
        number = _non_negative(value)
        if number > high:
            raise ValueError(f"must be at most {high:g} ({unit})")
        return number

    return convert


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("must be true or false")
    return value


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        raise ValueError(f"{shown(value)} is not a date like 2025-12-31") from None


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if value not in options:
            raise ValueError(f"{shown(value)} is not one of {', '.join(options)}")
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
        try:
            skills.append(normalise_skill(_text(text)))
        except (TypeError, ValueError) as error:
            r.fail(f"{place}.skills[{i}]", str(error))
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
        if len(str(name)) > MAX_TEXT:
            r.fail(f"{place}.{key}.{short(str(name))}", f"longer than {MAX_TEXT} characters")
            continue
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
            r.fail(f"{place}.wants[{i}]", f"{shown(kind)} is not one of {', '.join(KINDS)}")
    if not wants:
        r.fail(f"{place}.wants", "must name at least one kind")
    return tuple(dict.fromkeys(k for k in wants if k in KINDS))


def read_ids(r: Reader, data: Mapping[str, Any], key: str, place: str) -> tuple[str, ...]:
    items: list[Any] = r.get(data, key, place, _items, [])
    ids = []
    for i, item in enumerate(items):
        if isinstance(item, str) and item and len(item) <= MAX_TEXT:
            ids.append(item)
        else:
            r.fail(f"{place}.{key}[{i}]", f"must be an id (a string of 1 to {MAX_TEXT} characters)")
    return tuple(ids)


def read_id(r: Reader, data: Mapping[str, Any], place: str) -> str:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_COUNT:
        return str(value)
    if not isinstance(value, str) or not value:
        r.fail(f"{place}.id", "missing (every entry needs an id)")
        return ""
    if len(value) > MAX_TEXT:
        r.fail(f"{place}.id", f"must be at most {MAX_TEXT} characters long")
        return ""
    return value
