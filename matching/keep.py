"""Calm between rounds: keep the pairs of earlier rounds wherever an optimal answer allows.

A problem may list ``current`` pairs (proposed or agreed before). The solver maximises, in this
order, the total score and then the number of current pairs kept. Both are integers, so the order
is exact with one objective: every arc's score is multiplied by ``scale`` = (number of current
arcs + 1) and a current arc gets one unit more. Any answer with a higher total is ahead by at
least ``scale`` units, more than all keep units together, so the total is never traded for
calm; among answers with the best total, the one keeping most current pairs wins. Scores are
divided back (``score // scale``) before anything is reported.

Each current pair that is not kept is listed with why (``Moved.reason``): the seeker or the
offer is gone, the seeker no longer wants the kind, a hard rule is no longer met (the rule's
name), the offer has fewer places than current pairs (``capacity_lowered``), there was no given
pair (pairs mode), or a better total needed the change (``better_total``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from matching.candidates import Nodes, filtered
from matching.compiled import I32, I64, Bool, Compiled
from matching.instance import Instance
from matching.problem import KINDS
from matching.result import Moved
from matching.rules import exclusion_reason, load_hours

SEEKER_GONE = "seeker_gone"
OFFER_GONE = "offer_gone"
KIND_NOT_WANTED = "kind_not_wanted"
CAPACITY_LOWERED = "capacity_lowered"
NO_PAIR_GIVEN = "no_pair_given"
BETTER_TOTAL = "better_total"
#: OR-Tools' min-cost flow scales costs by about the number of nodes; stay well below 2^63.
_COST_LIMIT = 2**61


@dataclass(frozen=True)
class Wanted:
    """The current pairs as arc keys (node × offers + offer), computed once per solve.

    ``keys`` follows ``problem.current`` (None where the seeker, the offer or the request is
    gone); ``present`` holds the keys that exist.
    """

    present: I64
    keys: tuple[int | None, ...]


def wanted(c: Compiled, nodes: Nodes) -> Wanted:
    """Where each current pair would sit among the arcs of ``nodes`` (the requests)."""
    problem = c.problem
    if not problem.current:
        return Wanted(np.array([], dtype=np.int64), ())
    seekers = {s.id: i for i, s in enumerate(problem.seekers)}
    offers = {o.id: j for j, o in enumerate(problem.offers)}
    node_of = {
        (s, k): n
        for n, (s, k) in enumerate(zip(nodes.seeker.tolist(), nodes.kind.tolist(), strict=True))
    }
    keys: list[int | None] = []
    for pair in problem.current:
        s, o = seekers.get(pair.seeker), offers.get(pair.offer)
        node = None if s is None else node_of.get((s, KINDS.index(pair.kind)))
        keys.append(None if node is None or o is None else node * len(offers) + o)
    present = np.array([k for k in keys if k is not None], dtype=np.int64)
    return Wanted(present, tuple(keys))


def _arc_keys(c: Compiled, node: I32, offer: I32) -> I64:
    return np.asarray(node.astype(np.int64) * len(c.problem.offers) + offer, dtype=np.int64)


def current_mask(c: Compiled, inst: Instance, want: Wanted) -> Bool:
    """Which arcs of the instance are current pairs."""
    if not c.problem.current:
        return np.zeros(inst.node.size, dtype=bool)
    return np.isin(_arc_keys(c, inst.node, inst.offer), want.present)


def with_current(c: Compiled, inst: Instance, want: Wanted) -> Instance:
    """The instance with every current pair that is still a candidate, even one pruned away.

    Pruning keeps each request's best k; a current pair outside them must still be there to be
    kept (the dual check cannot find it: it prices scores, not keeping).
    """
    present = want.present
    if not c.problem.current or c.problem.pairs is not None or present.size == 0:
        return inst
    missing = present[~np.isin(present, _arc_keys(c, inst.node, inst.offer))]
    if missing.size == 0:
        return inst
    rows = np.unique(missing // len(c.problem.offers)).astype(np.int32)
    extra = filtered(c, inst.nodes, rows, lambda b: np.isin(_arc_keys(c, b.node, b.offer), missing))
    if len(extra) == 0:
        return inst
    load = load_hours(c, inst.nodes.seeker[extra.node], extra.offer)
    return inst.with_arcs(extra.node, extra.offer, extra.score, load)[0]


def keep_scale(inst: Instance, keep: Bool) -> int:
    """The factor that makes keeping a tie-breaker after the total (1: nothing to keep).

    Falls back to 1 (no preference) if the scaled costs could overflow OR-Tools' arithmetic;
    within the documented limits of scores and sizes this does not happen.
    """
    scale = int(keep.sum()) + 1
    if scale == 1 or inst.score.size == 0:
        return 1
    biggest = int(np.abs(inst.score).max()) * scale + 1
    nodes = inst.n_nodes + inst.capacity.size + 2
    return scale if biggest * nodes < _COST_LIMIT else 1


def scaled(inst: Instance, scale: int, keep: Bool) -> Instance:
    """Scores times ``scale``, plus one unit on current arcs."""
    if scale == 1:
        return inst
    return replace(inst, score=inst.score * scale + keep.astype(np.int64))


def unscaled(inst: Instance, scale: int) -> Instance:
    """Scores back in points units (the keep unit is below ``scale``, so floor division)."""
    if scale == 1:
        return inst
    return replace(inst, score=inst.score // scale)


def moved_pairs(c: Compiled, inst: Instance, chosen: Bool, want: Wanted) -> list[Moved]:
    """Every current pair the answer does not keep, with the reason."""
    problem = c.problem
    keys = want.keys
    arcs = _arc_keys(c, inst.node, inst.offer)
    arc_of = dict(zip(arcs.tolist(), range(arcs.size), strict=True))
    offers = {o.id: j for j, o in enumerate(problem.offers)}
    seekers = {s.id: i for i, s in enumerate(problem.seekers)}
    at_offer = Counter(p.offer for p, k in zip(problem.current, keys, strict=True) if k in arc_of)
    out = []
    for pair, key in zip(problem.current, keys, strict=True):
        arc = arc_of.get(key) if key is not None else None
        if arc is not None and chosen[arc]:
            continue
        if pair.seeker not in seekers:
            reason = SEEKER_GONE
        elif pair.offer not in offers:
            reason = OFFER_GONE
        elif key is None:
            # In pairs mode a request exists only where a pair was given.
            reason = KIND_NOT_WANTED if problem.pairs is None else NO_PAIR_GIVEN
        elif problem.offers[offers[pair.offer]].capacity < at_offer[pair.offer] or (
            problem.offers[offers[pair.offer]].capacity == 0
        ):
            reason = CAPACITY_LOWERED
        elif arc is None and problem.pairs is not None:
            reason = NO_PAIR_GIVEN
        elif arc is None:
            rule = exclusion_reason(c, seekers[pair.seeker], offers[pair.offer])
            reason = rule or BETTER_TOTAL
        else:
            reason = BETTER_TOTAL
        out.append(Moved(pair.seeker, pair.offer, pair.kind, reason))
    return out
