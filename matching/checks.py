"""check_validity(problem, result): an independent, plain-Python audit of a result.

It re-implements every hard rule pair by pair (no numpy, no shared code with the vectorised
rules or with the compiled problem) so that tests and the benchmark can catch a rule the fast path
got wrong. It shares only *data*: the table of language aliases (``SAME_LANGUAGE``), which is the
specification of which codes count as one language.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from matching.availability import SLOT_MINUTES
from matching.geo import EARTH_RADIUS_KM
from matching.levels import Level
from matching.problem import (
    ADULT_AGE,
    CONTACT_KINDS,
    MIN_WORKING_AGE,
    WORK_KINDS,
    LanguageSkill,
    Location,
    Offer,
    Problem,
    Seeker,
)
from matching.result import Result
from matching.taxonomy.languages import SAME_LANGUAGE

# Distances within this many km of a radius count as inside (float rounding of two formulas).
_TOLERANCE_KM = 1e-6


def _km(a: Location, b: Location) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def _slots(intervals: tuple[tuple[int, int], ...] | None) -> set[int]:
    if intervals is None:
        return set(range(7 * 24 * 60 // SLOT_MINUTES))
    return {slot for start, end in intervals for slot in range(start, end)}


def broken_rule(problem: Problem, seeker: Seeker, offer: Offer) -> str | None:
    """The first hard rule the pair breaks (same reason keys as the fast path), else None."""
    today = problem.settings.reference_date
    limit = min(seeker.max_km, offer.max_km)
    checks = [
        ("kind_not_wanted", offer.kind in seeker.wants),
        ("too_far", _reach_ok(seeker, offer, limit)),
        ("outside_residence_region", seeker.region is None or seeker.region == offer.region),
        ("no_shared_language", _language_ok(problem, seeker, offer)),
        (
            "under_working_age",
            offer.kind not in WORK_KINDS or seeker.age is None or seeker.age >= MIN_WORKING_AGE,
        ),
        (
            "no_right_to_work",
            offer.kind != "job" or seeker.work_status in problem.settings.work_statuses,
        ),
        (
            "no_good_conduct_certificate",
            not (_minor(seeker) and offer.kind in CONTACT_KINDS)
            or (offer.good_conduct_until is not None and offer.good_conduct_until >= today),
        ),
        (
            "mentor_gender_mismatch",
            offer.kind != "mentor" or seeker.mentor_gender in (None, offer.gender),
        ),
        ("no_common_time", _time_ok(seeker, offer)),
        ("rejected_before", offer.id not in seeker.rejected),
    ]
    return next((name for name, ok in checks if not ok), None)


def _minor(seeker: Seeker) -> bool:
    return seeker.minor or (seeker.age is not None and seeker.age < ADULT_AGE)


def _reach_ok(seeker: Seeker, offer: Offer, limit: float) -> bool:
    if math.isinf(limit):
        return True
    if seeker.location is None or offer.location is None:
        return False
    return _km(seeker.location, offer.location) <= limit + _TOLERANCE_KM


def _levels(skills: tuple[LanguageSkill, ...]) -> dict[str, int]:
    """The best level per language, aliases (Dari, Farsi) read as one language."""
    best: dict[str, int] = {}
    for skill in skills:
        code = SAME_LANGUAGE.get(skill.code.lower(), skill.code.lower())
        best[code] = max(best.get(code, 0), int(skill.level))
    return best


def _language_ok(problem: Problem, seeker: Seeker, offer: Offer) -> bool:
    mine = _levels(seeker.languages)
    floor = problem.settings.min_level[offer.kind]
    if offer.kind == "job":
        # A job tests the seeker alone against what the workplace needs (default: German).
        needed = _levels(offer.min_language) or {"de": int(floor)}
        return any(mine.get(code, 0) >= level for code, level in needed.items())
    theirs = _levels(offer.languages) or {"de": int(Level.NATIVE)}
    needed = _levels(offer.min_language) or dict.fromkeys(theirs, int(floor))
    return any(
        min(mine.get(code, 0), theirs.get(code, 0)) >= level for code, level in needed.items()
    )


def _time_ok(seeker: Seeker, offer: Offer) -> bool:
    if seeker.availability is None and offer.availability is None:
        return True
    shared = len(_slots(seeker.availability) & _slots(offer.availability)) * SLOT_MINUTES / 60
    return shared >= max(seeker.hours, offer.session_hours) - 1e-9


def check_validity(problem: Problem, result: Result) -> list[str]:
    """Every violated rule or capacity in ``result``; an empty list means the result is valid."""
    seekers = {s.id: s for s in problem.seekers}
    offers = {o.id: o for o in problem.offers}
    given = {(p.seeker, p.offer): p for p in problem.pairs or ()}
    errors: list[str] = []
    per_kind = Counter((m.seeker, m.kind) for m in result.matches)
    errors += [f"seeker {s} has {n} matches of kind {k}" for (s, k), n in per_kind.items() if n > 1]
    used = Counter(m.offer for m in result.matches)
    errors += [
        f"offer {o} used {n} times, capacity {offers[o].capacity}"
        for o, n in used.items()
        if n > offers[o].capacity
    ]
    hours: dict[str, float] = defaultdict(float)
    for m in result.matches:
        seeker, offer = seekers[m.seeker], offers[m.offer]
        if problem.pairs is not None:
            if (m.seeker, m.offer) not in given:
                errors.append(f"pair {m.seeker}–{m.offer} was not given")
            hours[m.offer] += given[(m.seeker, m.offer)].load if (m.seeker, m.offer) in given else 0
            continue
        rule = broken_rule(problem, seeker, offer)
        if rule is not None:
            errors.append(f"pair {m.seeker}–{m.offer} breaks {rule}")
        hours[m.offer] += max(seeker.hours, offer.session_hours)
    for o, h in hours.items():
        budget = offers[o].hours
        if budget is not None and h > budget + 1e-9:
            errors.append(f"offer {o} gives {h} h, budget {budget}")
    return errors + _side_constraint_errors(problem, result, offers, seekers)


def _side_constraint_errors(
    problem: Problem, result: Result, offers: dict[str, Offer], seekers: dict[str, Seeker]
) -> list[str]:
    errors = []
    for quota in problem.settings.quotas:
        n = sum(
            1
            for m in result.matches
            if getattr(offers[m.offer], quota.field) == quota.value and quota.kind in (None, m.kind)
        )
        if n > quota.max:
            errors.append(f"quota {quota.field}={quota.value} has {n} matches, max {quota.max}")
    rule = problem.settings.longest_waiting
    if rule is not None and result.matches:
        waited = sum(1 for m in result.matches if seekers[m.seeker].waiting_days >= rule.days)
        if waited * 1000 < round(rule.min_share * 1000) * len(result.matches):
            errors.append(f"only {waited} of {len(result.matches)} matches for long waiters")
    placed = {m.seeker for m in result.matches}
    cohorts: dict[str, set[bool]] = defaultdict(set)
    for s in problem.seekers:
        if s.cohort is not None:
            cohorts[s.cohort].add(s.id in placed)
    errors += [
        f"cohort {c} is placed only in part" for c, states in cohorts.items() if len(states) > 1
    ]
    return errors
