"""Why a pair was proposed: points per component and translatable reasons.

Reasons are message keys with parameters (``shared_language{lang=ar,level=C2}``) that the web
application translates; the numbers come from the same vectorised components the solver used.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _reasons(
    seeker: Seeker, offer: Offer, fact: tuple[int, int, float, bool, float, float], codes: list[str]
) -> list[Reason]:
    """The reasons for one pair; ``fact`` is its (language, level, km, skill, hours, needed)."""
    lang, level, km, skill, hours, need = fact
    reasons = []
    if lang >= 0:
        # Name the language as the seeker wrote it (Dari, not the shared code for Persian).
        own = _own_code(seeker, codes[lang])
        reasons.append(Reason("shared_language", {"lang": own, "level": _LEVEL_LABELS[level]}))
    if seeker.location is not None and offer.location is not None:
        reasons.append(Reason("distance_km", {"km": round(km, 1)}))
    if skill:
        offer_skills = {v.id: v.label for v in offer.skills if v.id is not None}
        shared = sorted({offer_skills[v.id] for v in seeker.skills if v.id in offer_skills})
        reasons.append(Reason("skill_match", {"skills": shared}))
    if seeker.availability is not None or offer.availability is not None:
        reasons.append(Reason("common_time", {"hours": hours, "needed": need}))
    if seeker.waiting_days > 0:
        reasons.append(Reason("waiting_days", {"days": seeker.waiting_days}))
    if offer.rating is not None:
        reasons.append(Reason("offer_rating", {"stars": offer.rating}))
    return reasons


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


def explain_pairs(c: Compiled, seekers: I32, offers: I32) -> list[Match]:
    """Matches with components (points each contributes) and reasons, for scored problems."""
    cos = dot(c, seekers, offers)
    parts = components(c, seekers, offers, cos)
    facts = _facts(c, seekers, offers, cos, parts["skill"])
    codes = list(c.vocab.languages)
    weights = c.problem.settings.weights
    scaled = {
        name: np.round(getattr(weights, name) * parts[name], 2).tolist() for name in COMPONENTS
    }
    # The score is the solver's own (rounded once, in integer units), so that the matches add
    # up to the objective exactly; the rounded components may differ from it by a cent.
    scores = to_points(to_int(points(parts, weights))).tolist()
    # Per pair only the objects are built; every number comes as a list from the arrays above.
    facts_rows = zip(
        facts.lang.tolist(),
        facts.level.tolist(),
        facts.km.tolist(),
        facts.skill.tolist(),
        facts.hours.tolist(),
        facts.need.tolist(),
        strict=True,
    )
    seekers_all, offers_all = c.problem.seekers, c.problem.offers
    # Assumed towns are rare: only then is each pair asked about them.
    assumed = bool(assumed_towns(c.problem))
    names = list(COMPONENTS)
    columns = [scaled[name] for name in names]
    base = weights.base
    matches = []
    for s, o, score, fact, *shares in zip(
        seekers.tolist(), offers.tolist(), scores, facts_rows, *columns, strict=True
    ):
        seeker, offer = seekers_all[s], offers_all[o]
        reasons = _reasons(seeker, offer, fact, codes)
        if assumed:
            reasons += _assumptions(seeker, offer)
        points_of = dict(zip(names, shares, strict=True))
        points_of["base"] = base
        matches.append(
            Match(
                seeker=seeker.id,
                offer=offer.id,
                kind=offer.kind,
                score=score,
                components=points_of,
                reasons=tuple(reasons),
            )
        )
    return matches


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
