"""Why a request has no candidate at all: the first hard rule that leaves no offer standing."""

from __future__ import annotations

import numpy as np

from matching.candidates import Nodes
from matching.compiled import I32, Compiled
from matching.rules import RULES

#: Pairs evaluated at once while diagnosing.
_CHUNK_PAIRS = 1 << 20
NO_OFFER_OF_KIND = "no_offer_of_kind"


def diagnose(c: Compiled, nodes: Nodes, rows: I32) -> dict[int, str]:
    """For request nodes without candidates: node → reason key of the rule that emptied it."""
    causes: dict[int, str] = {}
    for kind in np.unique(nodes.kind[rows]).tolist():
        mine = rows[nodes.kind[rows] == kind]
        offers = np.flatnonzero((c.offers.kind == kind) & (c.offers.capacity > 0)).astype(np.int32)
        if offers.size == 0:
            causes.update(dict.fromkeys(mine.tolist(), NO_OFFER_OF_KIND))
            continue
        step = max(1, _CHUNK_PAIRS // offers.size)
        for start in range(0, mine.size, step):
            causes.update(_diagnose_chunk(c, nodes, mine[start : start + step], offers))
    return causes


def _diagnose_chunk(c: Compiled, nodes: Nodes, rows: I32, offers: I32) -> dict[int, str]:
    si = nodes.seeker[rows][:, None]
    alive = np.ones((rows.size, offers.size), dtype=bool)
    cause = np.full(rows.size, "", dtype=object)
    for rule in RULES[1:]:
        alive &= rule.check(c, si, offers[None, :])
        emptied = (cause == "") & ~alive.any(axis=1)
        cause[emptied] = rule.reason
    # Candidates that all scored 0 (possible only with all weights at 0) are not proposed.
    cause[cause == ""] = "no_positive_score"
    return dict(zip(rows.tolist(), cause.tolist(), strict=True))
