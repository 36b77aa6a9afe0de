"""Why a pair was proposed: points per component and translatable reasons.

Reasons are message keys with parameters (``shared_language{lang=ar,level=C2}``) that the web
application translates; the numbers come from the same vectorised components the solver used.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from matching.availability import overlap_hours
from matching.compiled import F64, I32, I64, LEVELS, Bool, Compiled
from matching.levels import Level
from matching.problem import KINDS, Offer, Problem, Seeker
from matching.result import Match, Reason
from matching.rules import dot, load_hours
from matching.scoring import (
    COMPONENTS,
    best_shared_level,
    components,
    distance_km,
    level_mask,
    points,
    to_int,
    to_points,
)
from matching.taxonomy.languages import comparison_code, has_variants


def best_language(c: Compiled, si: I32, oi: I32) -> tuple[I64, I64]:
    """Per pair: index (into the vocabulary) and level of the best shared language, -1/0 if none.

    Among the languages at the best shared level, the first in the vocabulary is named.
    """
    level = best_shared_level(c, si, oi)
    shared = np.bitwise_and(c.seekers.people.lang[si], c.offers.speak[oi])
    lang = np.full(si.size, -1, dtype=np.int64)
    n_langs = len(c.vocab.languages)
    for lv in range(1, LEVELS + 1):
        rows = np.flatnonzero(level == lv)
        bits = np.bitwise_and(shared[rows], level_mask(c.vocab.lang_words, n_langs, lv))
        for w in range(bits.shape[1] - 1, -1, -1):
            word = bits[:, w]
            hit = word != 0
            # The lowest set bit of a word is word & -word; its log2 is exact for a power of two.
            low = np.bitwise_and(word[hit], ~word[hit] + np.uint64(1))
            lang[rows[hit]] = (np.log2(low.astype(np.float64)).astype(np.int64) + 64 * w) // LEVELS
    return lang, level


@dataclass(frozen=True)
class _Facts:
    """Numbers behind the reasons, computed for all matches at once."""

    km: F64
    hours: F64
    need: F64
    lang: I64
    level: I64
    skill: Bool


def _facts(c: Compiled, si: I32, oi: I32, cos: F64, skill: F64) -> _Facts:
    lang, level = best_language(c, si, oi)
    hours = overlap_hours(c.seekers.people.avail[si], c.offers.people.avail[oi])
    # The skill component is positive exactly when the two share a skill.
    return _Facts(distance_km(cos), hours, load_hours(c, si, oi), lang, level, skill > 0)


_LEVEL_LABELS = {int(level): level.label for level in Level}


def _own_code(seeker: Seeker, code: str) -> str:
    """The code the seeker gave for the shared language ``code`` (Dari, not Persian): of the
    names in that alias group, the one with the highest level, which is the level that counted
    (the first one written among equals)."""
    if not has_variants(code):
        return code
    mine = [x for x in seeker.languages if comparison_code(x.code) == code]
    return max(mine, key=lambda x: x.level).code if mine else code


class _Interned(dict[Any, Reason]):
    """Reasons of one key by their values: equal reasons are one object, built once.

    A seeker's waiting time, an offer's rating, a language at a level, a distance or a common
    time recur across thousands of matches, and building each anew was most of the time spent
    explaining a large round. ``reasons[value]`` (one parameter) or ``reasons[a, b]`` (several)
    is a plain dict lookup; only a value not seen yet builds its reason. Reasons are values:
    nobody changes them (the app copies their parameters). Values equal in Python share one
    reason (4 and 4.0): within one problem each parameter comes in one type.
    """

    def __init__(self, key: str, *names: str) -> None:
        super().__init__()
        self._key, self._names = key, names

    def __missing__(self, values: Any) -> Reason:
        given = values if len(self._names) > 1 else (values,)
        made = self[values] = Reason(self._key, dict(zip(self._names, given, strict=True)))
        return made


def _reason_rows(
    people: list[Seeker], places: list[Offer], facts: _Facts, codes: list[str], towns_assumed: bool
) -> list[tuple[Reason, ...]]:
    """Each pair's reasons in the order language, distance, skills, common time, waiting time,
    rating (then any town assumed for a postcode), built one kind of reason at a time for all
    pairs (None where a pair has no such reason)."""
    waiting, rating = _Interned("waiting_days", "days"), _Interned("offer_rating", "stars")
    columns = [
        _language_column(people, facts, codes),
        _distance_column(people, places, facts),
        _skills_column(people, places, facts),
        _time_column(people, places, facts),
        [waiting[p.waiting_days] if p.waiting_days > 0 else None for p in people],
        [None if p.rating is None else rating[p.rating] for p in places],
    ]
    # A Reason is always true, so filter(None, …) keeps exactly the reasons a pair has.
    rows = [tuple(filter(None, row)) for row in zip(*columns, strict=True)]
    # Assumed towns are rare: only then is each pair asked about them.
    if towns_assumed:
        rows = [(*row, *_assumptions(s, o)) for row, s, o in zip(rows, people, places, strict=True)]
    return rows


def _language_column(people: list[Seeker], facts: _Facts, codes: list[str]) -> list[Reason | None]:
    variants = [has_variants(code) for code in codes]
    shared = _Interned("shared_language", "lang", "level")
    return [
        None
        if lang < 0
        # Name the language as the seeker wrote it (Dari, not the shared code for Persian).
        else shared[
            _own_code(seeker, codes[lang]) if variants[lang] else codes[lang],
            _LEVEL_LABELS[level],
        ]
        for seeker, lang, level in zip(
            people, facts.lang.tolist(), facts.level.tolist(), strict=True
        )
    ]


def _distance_column(
    people: list[Seeker], places: list[Offer], facts: _Facts
) -> list[Reason | None]:
    distance = _Interned("distance_km", "km")
    return [
        distance[round(km, 1)] if s.location is not None and o.location is not None else None
        for s, o, km in zip(people, places, facts.km.tolist(), strict=True)
    ]


def _skills_column(people: list[Seeker], places: list[Offer], facts: _Facts) -> list[Reason | None]:
    labels_of: dict[int, dict[str, str]] = {}
    column: list[Reason | None] = []
    for seeker, offer, skill in zip(people, places, facts.skill.tolist(), strict=True):
        if not skill:
            column.append(None)
            continue
        labels = labels_of.get(id(offer))
        if labels is None:
            labels = labels_of[id(offer)] = {
                v.id: v.label for v in offer.skills if v.id is not None
            }
        shared = sorted({labels[v.id] for v in seeker.skills if v.id in labels})
        column.append(Reason("skill_match", {"skills": shared}))
    return column


def _time_column(people: list[Seeker], places: list[Offer], facts: _Facts) -> list[Reason | None]:
    common = _Interned("common_time", "hours", "needed")
    return [
        common[hours, need] if s.availability is not None or o.availability is not None else None
        for s, o, hours, need in zip(
            people, places, facts.hours.tolist(), facts.need.tolist(), strict=True
        )
    ]


def _assumptions(seeker: Seeker, offer: Offer) -> list[Reason]:
    """A town chosen for a postcode shared by several towns is never assumed silently."""
    return [
        Reason(
            "postcode_town_assumed",
            {"side": side, "postcode": where.postcode, "town": where.town},
        )
        for side, where in (("seeker", seeker.location), ("offer", offer.location))
        if where is not None and where.town_assumed
    ]


def assumed_towns(problem: Problem) -> list[dict[str, str | None]]:
    """Everyone whose town was assumed from a shared postcode (listed in the result's stats)."""
    people = [("seeker", p) for p in problem.seekers] + [("offer", p) for p in problem.offers]
    return [
        {"side": side, "id": p.id, "postcode": p.location.postcode, "town": p.location.town}
        for side, p in people
        if p.location is not None and p.location.town_assumed
    ]


def explain_pairs(
    c: Compiled, seekers: I32, offers: I32, towns_assumed: bool | None = None
) -> list[Match]:
    """Matches with components (points each contributes) and reasons, for scored problems.

    ``towns_assumed``: whether anyone's town was assumed from a shared postcode, when the caller
    knows already (None: find out).
    """
    if towns_assumed is None:
        towns_assumed = bool(assumed_towns(c.problem))
    cos = dot(c, seekers, offers)
    parts = components(c, seekers, offers, cos)
    facts = _facts(c, seekers, offers, cos, parts["skill"])
    weights = c.problem.settings.weights
    scaled = {
        name: np.round(getattr(weights, name) * parts[name], 2).tolist() for name in COMPONENTS
    }
    # The score is the solver's own (rounded once, in integer units), so that the matches add
    # up to the objective exactly; the rounded components may differ from it by a cent.
    scores = to_points(to_int(points(parts, weights))).tolist()
    people = [c.problem.seekers[s] for s in seekers.tolist()]
    places = [c.problem.offers[o] for o in offers.tolist()]
    reasons = _reason_rows(people, places, facts, list(c.vocab.languages), towns_assumed)
    # The points of each component, then the base, which every pair gets whole.
    names = (*COMPONENTS, "base")
    columns = [scaled[name] for name in COMPONENTS]
    # Each row is the components, then the base: as long as the names (checking it per row
    # would cost a fifth of building the dicts).
    points_of = [
        dict(zip(names, row, strict=False))
        for row in zip(*columns, repeat(weights.base), strict=False)
    ]
    # Per pair only the objects are built; every number comes as a list from the arrays above.
    return [
        Match(seeker.id, offer.id, offer.kind, score, parts_of, why)
        for seeker, offer, score, parts_of, why in zip(
            people, places, scores, points_of, reasons, strict=True
        )
    ]


def explain_given(c: Compiled, seekers: I32, offers: I32, scores: list[float]) -> list[Match]:
    """Matches in ``pairs`` mode: the score was given, so it is the only component."""
    return [
        Match(
            seeker=c.problem.seekers[s].id,
            offer=c.problem.offers[o].id,
            kind=c.problem.offers[o].kind,
            score=score,
            components={"given": score},
            reasons=(Reason("given_score", {"score": score}),),
        )
        for s, o, score in zip(seekers.tolist(), offers.tolist(), scores, strict=True)
    ]


def explain_match(c: Compiled, seeker: int, offer: int) -> Match:
    """The breakdown of any single pair (also one that was not proposed)."""
    return explain_pairs(c, np.array([seeker], dtype=np.int32), np.array([offer], dtype=np.int32))[
        0
    ]


__all__ = [
    "KINDS",
    "assumed_towns",
    "best_language",
    "explain_given",
    "explain_match",
    "explain_pairs",
]
