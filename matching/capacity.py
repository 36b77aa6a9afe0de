"""Where more capacity would help: marginal values per offer and by kind × language × town,
and the unmet requests grouped by cause."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from matching.compiled import I32, I64, Compiled
from matching.geo import towns, unit_vectors
from matching.problem import KINDS, LanguageSkill
from matching.result import GroupAdvice, OfferValue, Unmatched
from matching.scoring import to_points
from matching.taxonomy.languages import comparison_code

NO_TOWN = "-"


def nearest_towns(xyz: np.ndarray, located: np.ndarray) -> list[str]:
    """Name of the nearest shipped town for each point (``-`` without a location)."""
    table = towns()
    town_xyz = unit_vectors(np.array([t.lat for t in table]), np.array([t.lon for t in table]))
    names = np.array([t.name for t in table], dtype=object)
    nearest = np.argmax(xyz @ town_xyz.T, axis=1) if len(xyz) else np.array([], dtype=int)
    return [
        str(names[k]) if ok else NO_TOWN
        for k, ok in zip(nearest.tolist(), located.tolist(), strict=True)
    ]


def offer_values(c: Compiled, values: I64) -> list[OfferValue]:
    """Offers whose next unit of capacity is worth something, most valuable first."""
    order = np.lexsort((np.arange(values.size), -values))
    order = order[values[order] > 0]
    offers = c.problem.offers
    return [
        OfferValue(offers[o].id, offers[o].kind, value)
        for o, value in zip(order.tolist(), to_points(values[order]).tolist(), strict=True)
    ]


def _languages(skills: tuple[LanguageSkill, ...], same: dict[str, str]) -> set[str]:
    """The comparison codes of these languages (``same`` caches code → comparison code)."""
    found = set()
    for skill in skills:
        code = same.get(skill.code)
        if code is None:
            code = same[skill.code] = comparison_code(skill.code)
        found.add(code)
    return found


def group_advice(
    c: Compiled, values: I64, unmet_nodes: I32, node_seeker: I32, node_kind: np.ndarray
) -> list[GroupAdvice]:
    """Aggregate offer values and unmet requests by kind × language × town."""
    offer_town = nearest_towns(c.offers.people.xyz, c.offers.people.has_location)
    best: dict[tuple[str, str, str], int] = defaultdict(int)
    count: Counter[tuple[str, str, str]] = Counter()
    same: dict[str, str] = {}
    for offer, town, value in zip(c.problem.offers, offer_town, values.tolist(), strict=True):
        for lang in _languages(offer.languages, same) or {"de"}:
            key = (offer.kind, lang, town)
            best[key] = max(best[key], value)
            count[key] += 1
    unmet: Counter[tuple[str, str, str]] = Counter()
    seekers = node_seeker[unmet_nodes]
    seeker_town = nearest_towns(
        c.seekers.people.xyz[seekers], c.seekers.people.has_location[seekers]
    )
    for s, k, town in zip(
        seekers.tolist(), node_kind[unmet_nodes].tolist(), seeker_town, strict=True
    ):
        for lang in _languages(c.problem.seekers[s].languages, same):
            unmet[(KINDS[k], lang, town)] += 1
    keys = [k for k in set(best) | set(unmet) if best.get(k, 0) > 0 or unmet[k] > 0]
    advice = [
        GroupAdvice(
            kind,
            lang,
            town,
            float(to_points(best.get((kind, lang, town), 0))),
            unmet[(kind, lang, town)],
            count[(kind, lang, town)],
        )
        for kind, lang, town in keys
    ]
    return sorted(advice, key=lambda a: (-a.value, -a.unmet, a.kind, a.language, a.town))


def unmet_by_cause(unmatched: list[Unmatched]) -> dict[str, dict[str, int]]:
    """kind → {cause → number of requests}; cause is the rule, or ``lost_to_better_pair``."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for item in unmatched:
        table[item.kind][item.cause or item.reason] += 1
    return {kind: dict(sorted(causes.items())) for kind, causes in sorted(table.items())}
