"""Read a whole problem (seekers, offers, settings, pairs) from JSON-like data."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from matching.problem import (
    ADULT_AGE,
    GENDERS,
    KINDS,
    WORK_STATUSES,
    CurrentPair,
    LongestWaiting,
    Offer,
    Pair,
    Problem,
    Quota,
    Seeker,
    Settings,
    Weights,
)
from matching.validation import (
    MAX_COUNT,
    MAX_HOURS_BUDGET,
    MAX_PAIR_SCORE,
    MAX_WEEK_HOURS,
    MAX_WEIGHT,
    Issue,
    ProblemError,
    Reader,
    _at_most,
    _choice,
    _count,
    _date,
    _flag,
    _items,
    _level,
    _non_negative,
    _number,
    _text,
    read_availability,
    read_id,
    read_ids,
    read_languages,
    read_location,
    read_skills,
    read_wants,
    shown,
)

SEEKER_FIELDS = (
    "id", "wants", "skills", "languages", "location", "max_km", "availability", "hours", "minor",
    "age", "gender", "mentor_gender", "work_status", "region", "waiting_days", "cohort", "rejected",
)  # fmt: skip
OFFER_FIELDS = (
    "id", "kind", "skills", "languages", "min_language", "location", "max_km", "availability",
    "capacity", "session_hours", "hours", "good_conduct_until", "gender", "region", "organisation",
    "rating",
)  # fmt: skip
SETTINGS_FIELDS = (
    "weights", "min_level", "distance_scale_km", "work_statuses", "quotas", "longest_waiting",
    "time_limit", "reference_date", "stable",
)  # fmt: skip
PROBLEM_FIELDS = ("seekers", "offers", "settings", "pairs", "current")
# Converters built once, not once per entry.
_GENDER, _WORK_STATUS, _KIND = _choice(GENDERS), _choice(WORK_STATUSES), _choice(KINDS)
_WEEK_HOURS = _at_most(MAX_WEEK_HOURS, "the hours of a week")
_BUDGET_HOURS = _at_most(MAX_HOURS_BUDGET, "hours a week")
_WEIGHT = _at_most(MAX_WEIGHT, "points")
#: Longest CP-SAT time limit accepted, in seconds (a day).
MAX_TIME_LIMIT = 86_400.0
_TIME_LIMIT = _at_most(MAX_TIME_LIMIT, "seconds in a day")


def _radius(value: Any) -> float:
    return _non_negative(value)


#: Oldest age accepted (generous: the web app takes birth dates from 1900 on); anything above is
#: a typing error, such as a year of birth typed as the age.
MAX_AGE = 150


def _age(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AGE:
        raise ValueError(
            f"{shown(value)} is not an age: a whole number of years from 0 to {MAX_AGE}"
        )
    return value


def _check_minor(r: Reader, seeker: Seeker, given: Any, place: str) -> None:
    """An explicit ``minor`` must agree with a known age (a minor is under 18)."""
    if isinstance(given, bool) and seeker.age is not None and given != (seeker.age < ADULT_AGE):
        flag = "true" if given else "false"
        r.fail(
            f"{place}.minor", f"{flag} contradicts age {seeker.age} (a minor is under {ADULT_AGE})"
        )


def read_seeker(r: Reader, raw: object, place: str) -> Seeker:
    d = r.obj(raw, place, SEEKER_FIELDS)
    seeker = _seeker(r, d, place)
    _check_minor(r, seeker, d.get("minor"), place)
    return seeker


def _seeker(r: Reader, d: Mapping[str, Any], place: str) -> Seeker:
    return Seeker(
        id=read_id(r, d, place),
        wants=read_wants(r, d, place),
        skills=read_skills(r, d, place),
        languages=read_languages(r, d, "languages", place),
        location=read_location(r, d, place),
        max_km=r.get(d, "max_km", place, _radius, math.inf),
        availability=read_availability(r, d, place),
        hours=r.get(d, "hours", place, _WEEK_HOURS, 1.0),
        minor=r.get(d, "minor", place, _flag, False),
        age=r.get(d, "age", place, _age, None),
        gender=r.get(d, "gender", place, _GENDER, None),
        mentor_gender=r.get(d, "mentor_gender", place, _GENDER, None),
        work_status=r.get(d, "work_status", place, _WORK_STATUS, "unknown"),
        region=r.get(d, "region", place, _text, None),
        waiting_days=r.get(d, "waiting_days", place, _count, 0),
        cohort=r.get(d, "cohort", place, _text, None),
        rejected=read_ids(r, d, "rejected", place),
    )


def _rating(value: Any) -> float:
    number = _number(value)
    if not 1 <= number <= 5:
        raise ValueError("must be between 1 and 5 (average stars)")
    return number


def read_offer(r: Reader, raw: object, place: str) -> Offer:
    d = r.obj(raw, place, OFFER_FIELDS)
    capacity = r.get(d, "capacity", place, _count, 1)
    return Offer(
        id=read_id(r, d, place),
        kind=r.get(d, "kind", place, _KIND, "mentor"),
        skills=read_skills(r, d, place),
        languages=read_languages(r, d, "languages", place),
        min_language=read_languages(r, d, "min_language", place),
        location=read_location(r, d, place),
        max_km=r.get(d, "max_km", place, _radius, math.inf),
        availability=read_availability(r, d, place),
        capacity=capacity,
        session_hours=r.get(d, "session_hours", place, _WEEK_HOURS, 1.0),
        hours=r.get(d, "hours", place, _BUDGET_HOURS, None),
        good_conduct_until=r.get(d, "good_conduct_until", place, _date, None),
        gender=r.get(d, "gender", place, _GENDER, None),
        region=r.get(d, "region", place, _text, None),
        organisation=r.get(d, "organisation", place, _text, None),
        rating=r.get(d, "rating", place, _rating, None),
    )


def read_weights(r: Reader, raw: object, place: str) -> Weights:
    names = tuple(f.name for f in fields(Weights))
    d = r.obj(raw, place, names)
    defaults = Weights()
    values = {n: r.get(d, n, place, _WEIGHT, getattr(defaults, n)) for n in names}
    return Weights(**values)


def read_quota(r: Reader, raw: object, place: str) -> Quota:
    d = r.obj(raw, place, ("field", "value", "max", "kind"))
    for key in ("field", "value", "max"):
        if key not in d:
            r.fail(f"{place}.{key}", "missing")
    return Quota(
        field=r.get(d, "field", place, _choice(("region", "organisation")), "region"),
        value=r.get(d, "value", place, _text, ""),
        max=r.get(d, "max", place, _count, 0),
        kind=r.get(d, "kind", place, _KIND, None),
    )


def _share(value: Any) -> float:
    number = _number(value)
    if not 0 <= number <= 1:
        raise ValueError("must be a share between 0 and 1")
    return number


def read_settings(r: Reader, raw: object, place: str) -> Settings:
    d = r.obj(raw, place, SETTINGS_FIELDS)
    base = Settings()
    levels = dict(base.min_level)
    spot = f"{place}.min_level"
    for kind in r.obj(d.get("min_level", {}), spot, KINDS):
        levels[kind] = r.get(d["min_level"], kind, spot, _level, levels[kind])
    waiting = None
    if d.get("longest_waiting") is not None:
        spot = f"{place}.longest_waiting"
        w = r.obj(d["longest_waiting"], spot, ("min_share", "days"))
        waiting = LongestWaiting(
            r.get(w, "min_share", spot, _share, 0.0), r.get(w, "days", spot, _count, 0)
        )
    quotas: list[Any] = r.get(d, "quotas", place, _items, [])
    statuses = r.get(d, "work_statuses", place, _items, list(base.work_statuses))
    for i, status in enumerate(statuses):
        if status not in WORK_STATUSES:
            r.fail(f"{place}.work_statuses[{i}]", f"{shown(status)} is not one of {WORK_STATUSES}")
    return Settings(
        weights=read_weights(r, d.get("weights", {}), f"{place}.weights"),
        min_level=levels,
        distance_scale_km=r.get(d, "distance_scale_km", place, _non_negative, 50.0) or 50.0,
        work_statuses=tuple(s for s in statuses if s in WORK_STATUSES),
        quotas=tuple(read_quota(r, q, f"{place}.quotas[{i}]") for i, q in enumerate(quotas)),
        longest_waiting=waiting,
        time_limit=r.get(d, "time_limit", place, _TIME_LIMIT, base.time_limit),
        reference_date=r.get(d, "reference_date", place, _date, base.reference_date),
        stable=r.get(d, "stable", place, _flag, False),
    )


def read_pair(r: Reader, raw: object, place: str) -> Pair:
    d = r.obj(raw, place, ("seeker", "offer", "score", "load"))
    for key in ("seeker", "offer", "score"):
        if key not in d:
            r.fail(f"{place}.{key}", "missing")
    return Pair(
        seeker=r.get(d, "seeker", place, _pair_id, ""),
        offer=r.get(d, "offer", place, _pair_id, ""),
        score=r.get(d, "score", place, _pair_score, 0.0),
        load=r.get(d, "load", place, _WEEK_HOURS, 1.0),
    )


def read_current(r: Reader, raw: object, place: str) -> CurrentPair:
    d = r.obj(raw, place, ("seeker", "offer", "kind"))
    for key in ("seeker", "offer", "kind"):
        if key not in d:
            r.fail(f"{place}.{key}", "missing")
    return CurrentPair(
        seeker=r.get(d, "seeker", place, _pair_id, ""),
        offer=r.get(d, "offer", place, _pair_id, ""),
        kind=r.get(d, "kind", place, _KIND, ""),
    )


def _check_current(r: Reader, problem: Problem) -> None:
    """One current pair per seeker and kind, of the offer's own kind.

    Ids that are no longer listed are not errors: the person or offer left since the last round,
    and the result says so (``seeker_gone``, ``offer_gone``).
    """
    kinds = {o.id: o.kind for o in problem.offers}
    seen: dict[tuple[str, str], int] = {}
    for i, pair in enumerate(problem.current):
        key = (pair.seeker, pair.kind)
        if key in seen:
            r.fail(
                f"$.current[{i}]",
                f"second {pair.kind} pair of seeker {pair.seeker!r} "
                f"(first at $.current[{seen[key]}])",
            )
        seen.setdefault(key, i)
        if pair.offer in kinds and pair.kind and kinds[pair.offer] != pair.kind:
            r.fail(f"$.current[{i}].kind", f"offer {pair.offer!r} is a {kinds[pair.offer]} offer")


def _pair_id(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_COUNT:
        return str(value)
    return _text(value)


def _pair_score(value: Any) -> float:
    number = _number(value)
    if abs(number) > MAX_PAIR_SCORE:
        raise ValueError(f"must be between -{MAX_PAIR_SCORE:g} and {MAX_PAIR_SCORE:g} points")
    return number


def _check_ids(r: Reader, entries: Sequence[Seeker | Offer], key: str) -> set[str]:
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.id in seen:
            r.fail(
                f"$.{key}[{i}].id",
                f"duplicate id {entry.id!r} (first at $.{key}[{seen[entry.id]}])",
            )
        elif entry.id:
            seen[entry.id] = i
    return set(seen)


def _check_references(r: Reader, problem: Problem, seekers: set[str], offers: set[str]) -> None:
    for i, pair in enumerate(problem.pairs or ()):
        if pair.seeker and pair.seeker not in seekers:
            r.fail(f"$.pairs[{i}].seeker", f"unknown seeker id {pair.seeker!r}")
        if pair.offer and pair.offer not in offers:
            r.fail(f"$.pairs[{i}].offer", f"unknown offer id {pair.offer!r}")
    for i, seeker in enumerate(problem.seekers):
        for j, offer in enumerate(seeker.rejected):
            if offer not in offers:
                r.fail(f"$.seekers[{i}].rejected[{j}]", f"unknown offer id {offer!r}")
    _check_duplicate_pairs(r, problem)


def _check_duplicate_pairs(r: Reader, problem: Problem) -> None:
    seen: dict[tuple[str, str], int] = {}
    for i, pair in enumerate(problem.pairs or ()):
        key = (pair.seeker, pair.offer)
        if key in seen:
            r.fail(f"$.pairs[{i}]", f"duplicate pair (first at $.pairs[{seen[key]}])")
        seen[key] = i


def _entries(r: Reader, d: Mapping[str, Any], key: str) -> list[Any]:
    if key not in d:
        r.fail(f"$.{key}", "missing")
        return []
    return r.get(d, key, "$", _items, [])


def parse_problem(data: object) -> Problem:
    """Build a :class:`Problem` from parsed JSON; raises :class:`ProblemError` listing all errors.

    Languages, skills and postcodes are normalised here, so the problem holds ISO codes, taxonomy
    ids and coordinates, each with the user's original words.
    """
    r = Reader()
    d = r.obj(data, "$", PROBLEM_FIELDS)
    seekers = tuple(
        read_seeker(r, s, f"$.seekers[{i}]") for i, s in enumerate(_entries(r, d, "seekers"))
    )
    offers = tuple(
        read_offer(r, o, f"$.offers[{i}]") for i, o in enumerate(_entries(r, d, "offers"))
    )
    settings = read_settings(r, d.get("settings") or {}, "$.settings")
    pairs = None
    if d.get("pairs") is not None:
        raw_pairs: list[Any] = r.get(d, "pairs", "$", _items, [])
        pairs = tuple(read_pair(r, p, f"$.pairs[{i}]") for i, p in enumerate(raw_pairs))
    raw_current: list[Any] = r.get(d, "current", "$", _items, [])
    current = tuple(read_current(r, p, f"$.current[{i}]") for i, p in enumerate(raw_current))
    problem = Problem(seekers, offers, settings, pairs, current)
    _check_current(r, problem)
    _check_references(
        r, problem, _check_ids(r, seekers, "seekers"), _check_ids(r, offers, "offers")
    )
    if r.issues:
        raise ProblemError(r.issues)
    return problem


__all__ = ["Issue", "ProblemError", "parse_problem"]
