"""Why a request has no candidate at all: the first hard rule that leaves no offer standing."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from matching.candidates import Nodes, block_ranges
from matching.compiled import I32, I64, Compiled
from matching.rules import RULES

#: Pairs evaluated at once while diagnosing.
_CHUNK_PAIRS = 1 << 20
NO_OFFER_OF_KIND = "no_offer_of_kind"
_ORDER = [rule.reason for rule in RULES[1:]]


def diagnose(c: Compiled, nodes: Nodes, rows: I32, depth: I64 | None = None) -> dict[int, str]:
    """For request nodes without candidates: node → reason key of the rule that emptied it.

    Offers of the kind outside the grid neighbourhood are out of reach anyway, so only the
    neighbourhood is examined; a node that meets no offer there failed on ``too_far``.
    ``depth`` is what candidate generation already found per node (then nothing is evaluated
    again); without it the rules are run here.
    """
    furthest: dict[int, int] = defaultdict(int)
    if depth is not None:
        furthest.update(zip(rows.tolist(), depth[rows].tolist(), strict=True))
    else:
        for group, cols, _ in block_ranges(c, nodes, rows, _CHUNK_PAIRS):
            for node, found in _depths(c, nodes, group, cols).items():
                furthest[node] = max(furthest[node], found)
    open_kinds = set(c.offers.kind[c.offers.capacity > 0].tolist())
    causes = {}
    for node, kind in zip(rows.tolist(), nodes.kind[rows].tolist(), strict=True):
        if kind not in open_kinds:
            causes[node] = NO_OFFER_OF_KIND
        else:
            causes[node] = _ORDER[min(furthest.get(node, 0), len(_ORDER) - 1)]
    return causes


def _depths(c: Compiled, nodes: Nodes, rows: I32, offers: I32) -> dict[int, int]:
    """How many rules (in order) at least one offer survives, per node.

    After each rule only the nodes and offers with a surviving pair go on (most fall at the
    distance or the language): the next rules cannot raise the depth of the others.
    """
    depth = np.zeros(rows.size, dtype=np.int64)
    live = np.arange(rows.size)
    si = nodes.seeker[rows][:, None]
    alive = np.ones((rows.size, offers.size), dtype=bool)
    for level, rule in enumerate(RULES[1:], start=1):
        alive &= rule.check(c, si, offers[None, :])
        has_row, has_col = alive.any(axis=1), alive.any(axis=0)
        depth[live[has_row]] = level
        if not has_row.any():
            break
        if not (has_row.all() and has_col.all()):
            live, si, offers = live[has_row], si[has_row], offers[has_col]
            alive = alive[np.ix_(has_row, has_col)]
    return dict(zip(rows.tolist(), depth.tolist(), strict=True))
