"""Where more capacity would help: marginal values per offer and by kind × language × town,
and the unmet requests grouped by cause."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

import numpy as np

from matching.compiled import I32, I64, LEVELS, Bool, Compiled, default_offer_languages
from matching.geo import FloatArray, towns, unit_vectors
from matching.problem import KINDS
from matching.result import GroupAdvice, OfferValue, Unmatched
from matching.scoring import to_points
from matching.taxonomy.languages import comparison_code

NO_TOWN = "-"
#: Multiply-adds in one matrix product that OpenBLAS still does in the calling thread.
_ONE_THREAD_PRODUCT = 1 << 17


@cache
def _town_table() -> tuple[FloatArray, tuple[str, ...], I64]:
    """The shipped towns' points, their distinct names (sorted) and each town's name index.

    Towns of one name are one place to the advice."""
    table = towns()
    points = unit_vectors(np.array([t.lat for t in table]), np.array([t.lon for t in table]))
    names, of_town = np.unique(np.array([t.name for t in table], dtype=object), return_inverse=True)
    return points, tuple(map(str, names)), of_town.reshape(-1).astype(np.int64)


def nearest_towns(xyz: np.ndarray, located: np.ndarray) -> tuple[list[str], I64]:
    """The names of the shipped towns (sorted, then ``-`` for no location) and, for each point,
    the index of its name: the nearest town's, or ``-``'s without a location."""
    points, names, of_town = _town_table()
    # In slices: OpenBLAS hands a product of more than about 2^18 multiply-adds to worker
    # threads, which then spin on the other core for a while; for this small product (10k
    # points × 131 towns) that cost several times its own CPU time (0.1–0.25 s per 10k round)
    # and would take a core from a web worker.
    rows = max(1, _ONE_THREAD_PRODUCT // points.size)
    nearest = np.concatenate(
        [
            np.argmax(xyz[start : start + rows] @ points.T, axis=1)
            for start in range(0, len(xyz), rows)
        ]
        or [np.array([], dtype=np.int64)]
    )
    return [*names, NO_TOWN], np.where(located, of_town[nearest], len(names)).astype(np.int64)


def offer_values(c: Compiled, values: I64) -> list[OfferValue]:
    """Offers whose next unit of capacity is worth something, most valuable first."""
    order = np.lexsort((np.arange(values.size), -values))
    order = order[values[order] > 0]
    offers = c.problem.offers
    return [
        OfferValue(offers[o].id, offers[o].kind, value)
        for o, value in zip(order.tolist(), to_points(values[order]).tolist(), strict=True)
    ]


def group_advice(
    c: Compiled, values: I64, unmet_nodes: I32, node_seeker: I32, node_kind: np.ndarray
) -> list[GroupAdvice]:
    """Aggregate offer values and unmet requests by kind × language × town.

    Each group is one integer key (kind, language, town), so that the offers and the unmet
    requests are grouped by numpy (a Python loop over every offer and request took half the
    time of explaining a 10k round).
    """
    languages = list(c.vocab.languages)
    town_names, offer_town = nearest_towns(c.offers.people.xyz, c.offers.people.has_location)
    n_langs, n_towns = len(languages), len(town_names)

    def key(kind: np.ndarray, lang: np.ndarray, town: np.ndarray) -> I64:
        return np.asarray((kind.astype(np.int64) * n_langs + lang) * n_towns + town, np.int64)

    # The offers' own languages (German when an offer names none), as (offer, language) rows.
    offer_rows, offer_langs = _offer_languages(c)
    offer_keys = key(c.offers.kind[offer_rows], offer_langs, offer_town[offer_rows])
    groups, inverse = np.unique(offer_keys, return_inverse=True)
    best = np.zeros(groups.size, dtype=np.int64)
    np.maximum.at(best, inverse, values[offer_rows])
    count = np.bincount(inverse, minlength=groups.size)
    # The unmet requests, once per language their seeker speaks.
    seekers = node_seeker[unmet_nodes]
    _, seeker_town = nearest_towns(
        c.seekers.people.xyz[seekers], c.seekers.people.has_location[seekers]
    )
    speaks = _speaks(c.seekers.people.lang[seekers], n_langs)
    rows, langs = np.nonzero(speaks)
    unmet_groups, unmet = np.unique(
        key(node_kind[unmet_nodes][rows], langs, seeker_town[rows]), return_counts=True
    )
    everything = np.union1d(groups[best > 0], unmet_groups)
    value = _lookup(groups, best, everything)
    unmet_here = _lookup(unmet_groups, unmet, everything)
    kind, lang, town = (
        everything // (n_langs * n_towns),
        everything // n_towns % n_langs,
        everything % n_towns,
    )
    # Most valuable first, then most unmet requests, then by kind, language and town name.
    order = np.lexsort(
        (
            _ranks(town_names)[town],
            _ranks(languages)[lang],
            _ranks(KINDS)[kind],
            -unmet_here,
            -value,
        )
    )
    return [
        GroupAdvice(KINDS[k], languages[lg], town_names[t], points, u, n)
        for k, lg, t, points, u, n in zip(
            kind[order].tolist(),
            lang[order].tolist(),
            town[order].tolist(),
            to_points(value[order]).astype(np.float64).tolist(),
            unmet_here[order].tolist(),
            _lookup(groups, count, everything)[order].tolist(),
            strict=True,
        )
    ]


def _ranks(names: Sequence[str]) -> I64:
    """Each name's place in alphabetical order."""
    ranks = np.empty(len(names), dtype=np.int64)
    ranks[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(len(names))
    return ranks


def _lookup(keys: I64, values: np.ndarray, wanted: I64) -> I64:
    """``values`` at each of ``wanted`` among the sorted ``keys``, 0 where it is not there."""
    at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
    found = keys[at] == wanted if keys.size else np.zeros(wanted.size, dtype=bool)
    return np.where(found, values[at] if keys.size else 0, 0).astype(np.int64)


def _offer_languages(c: Compiled) -> tuple[I64, I64]:
    """(offer, language) for every language each offer names (German when it names none)."""
    offers = c.problem.offers
    own = [default_offer_languages(offer) for offer in offers]
    rows = np.repeat(np.arange(len(offers), dtype=np.int64), [len(x) for x in own])
    codes = [x.code for languages in own for x in languages]
    index = {code: c.vocab.languages[comparison_code(code)] for code in set(codes)}
    # An offer naming two aliases of one language (Farsi and Dari) counts once for it.
    n_langs = len(c.vocab.languages)
    pairs = np.unique(rows * n_langs + np.array([index[code] for code in codes], dtype=np.int64))
    return pairs // n_langs, pairs % n_langs


def _speaks(lang_bits: np.ndarray, n_langs: int) -> Bool:
    """Whether each person speaks each language at all: the bit of its lowest level (A1)."""
    bit = np.arange(n_langs) * LEVELS
    words = lang_bits[:, bit // 64]
    return np.asarray((words >> (bit % 64).astype(np.uint64)) & np.uint64(1), dtype=bool)


def unmet_by_cause(unmatched: list[Unmatched]) -> dict[str, dict[str, int]]:
    """kind → {cause → number of requests}; cause is the rule, or ``lost_to_better_pair``."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for item in unmatched:
        table[item.kind][item.cause or item.reason] += 1
    return {kind: dict(sorted(causes.items())) for kind, causes in sorted(table.items())}
