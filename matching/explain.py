"""Why a pair was proposed: points per component and translatable reasons.

Reasons are message keys with parameters (``shared_language{lang=ar,level=C2}``) that the web
application translates; the numbers come from the same vectorised components the solver used.
"""

from __future__ import annotations

import numpy as np

from matching.availability import overlap_hours
from matching.compiled import I32, Compiled, required_languages
from matching.levels import Level
from matching.problem import KINDS, Offer, Seeker
from matching.result import Match, Reason
from matching.rules import dot, load_hours
from matching.scoring import COMPONENTS, components, distance_km
from matching.taxonomy.languages import comparison_code


def shared_language(c: Compiled, seeker: Seeker, offer: Offer) -> tuple[str, Level] | None:
    """The language (seeker's code) and level the pair best talks in, under the language rule."""
    required = required_languages(offer, c.problem)
    spoken = {comparison_code(s.code): s.level for s in offer.languages} or {"de": Level.NATIVE}
    best: tuple[str, Level] | None = None
    for skill in sorted(seeker.languages, key=lambda s: s.code):
        code = comparison_code(skill.code)
        if code in required and skill.level >= required[code]:
            level = (
                skill.level
                if offer.kind == "job"
                else min(skill.level, spoken.get(code, skill.level))
            )
            if best is None or level > best[1]:
                best = (skill.code, Level(level))
    return best


def _reasons(c: Compiled, s: int, o: int, cos: float) -> list[Reason]:
    seeker, offer = c.problem.seekers[s], c.problem.offers[o]
    reasons = []
    language = shared_language(c, seeker, offer)
    if language is not None:
        reasons.append(Reason("shared_language", {"lang": language[0], "level": language[1].label}))
    if seeker.location is not None and offer.location is not None:
        reasons.append(
            Reason("distance_km", {"km": round(float(distance_km(np.array([cos]))[0]), 1)})
        )
    offer_skills = {v.id: v.label for v in offer.skills if v.id is not None}
    shared = sorted({offer_skills[v.id] for v in seeker.skills if v.id in offer_skills})
    if shared:
        reasons.append(Reason("skill_match", {"skills": shared}))
    if seeker.availability is not None or offer.availability is not None:
        si, oi = np.array([s]), np.array([o])
        hours = float(overlap_hours(c.seekers.people.avail[si], c.offers.people.avail[oi])[0])
        need = float(load_hours(c, si, oi)[0])
        reasons.append(Reason("common_time", {"hours": hours, "needed": need}))
    if seeker.waiting_days > 0:
        reasons.append(Reason("waiting_days", {"days": seeker.waiting_days}))
    if offer.rating is not None:
        reasons.append(Reason("offer_rating", {"stars": offer.rating}))
    return reasons


def explain_pairs(c: Compiled, seekers: I32, offers: I32) -> list[Match]:
    """Matches with components (points each contributes) and reasons, for scored problems."""
    cos = dot(c, seekers, offers)
    parts = components(c, seekers, offers, cos)
    weights = c.problem.settings.weights
    matches = []
    for k, (s, o) in enumerate(zip(seekers.tolist(), offers.tolist(), strict=True)):
        points = {
            name: round(getattr(weights, name) * float(parts[name][k]), 2) for name in COMPONENTS
        }
        points["base"] = weights.base
        offer = c.problem.offers[o]
        matches.append(
            Match(
                seeker=c.problem.seekers[s].id,
                offer=offer.id,
                kind=offer.kind,
                score=round(sum(points.values()), 2),
                components=points,
                reasons=tuple(_reasons(c, s, o, float(cos[k]))),
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


__all__ = ["KINDS", "explain_given", "explain_match", "explain_pairs", "shared_language"]
