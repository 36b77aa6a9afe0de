"""Envy, counted and (on request) removed: blocking pairs and a stable matching.

A *blocking pair* is a candidate pair (s, o) — it keeps every hard rule and is worth more than
nothing (score > 0) — where s has no match of o's kind or one with a strictly lower score, and
o has a free place or a match with a strictly lower score. Ties do not block. Both sides rank
by the same pair score.

With one score per pair on both sides, taking pairs best score first while both sides are free
gives a matching without blocking pairs: when an unchosen pair (s, o) came up, s already had a
match at least as good or o was full of matches at least as good. Pairs of equal score are
taken together as a maximum set (one small flow per tied group), which is stable too (a free
node next to an offer with a free place would extend that set) and, among the stable
matchings this order reaches, matches as many as possible at each score — current pairs first
when the scores carry a keep unit (:mod:`matching.keep`).
"""

from __future__ import annotations

import numpy as np

from matching.candidates import filtered
from matching.compiled import I32, I64, Bool, Compiled
from matching.instance import Instance
from matching.solvers.flow import solve_part

#: Below every score: "no match" and "a free place".
_NONE = np.iinfo(np.int64).min


def thresholds(inst: Instance, chosen: Bool) -> tuple[I64, I64]:
    """Score each node's match holds (or none), and the lowest match of each full offer."""
    node_floor = np.full(inst.n_nodes, _NONE, dtype=np.int64)
    node_floor[inst.node[chosen]] = inst.score[chosen]
    offer_floor = np.full(inst.capacity.size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(offer_floor, inst.offer[chosen], inst.score[chosen])
    load = np.bincount(inst.offer[chosen], minlength=inst.capacity.size)
    offer_floor[load < inst.capacity] = _NONE
    return node_floor, offer_floor


def _blocking(node: I32, offer: I32, score: I64, floors: tuple[I64, I64]) -> Bool:
    node_floor, offer_floor = floors
    return np.asarray((score > 0) & (score > node_floor[node]) & (score > offer_floor[offer]))


def count_blocking(c: Compiled, inst: Instance, chosen: Bool) -> int:
    """Blocking pairs over **all** candidate pairs, pruned ones included (scores unscaled).

    A node whose best pruned pair is no better than its match has no pruned blocking pair, so
    only the others are generated again.
    """
    floors = thresholds(inst, chosen)
    suspects = (inst.pruned_max > 0) & (inst.pruned_max > floors[0])
    inside = _blocking(inst.node, inst.offer, inst.score, floors) & ~suspects[inst.node]
    count = int(inside.sum())
    rows = np.flatnonzero(suspects).astype(np.int32)
    if rows.size and c.problem.pairs is None:
        again = filtered(c, inst.nodes, rows, lambda b: _blocking(b.node, b.offer, b.score, floors))
        count += len(again)
    return count


def stable_assignment(inst: Instance, scale: int = 1) -> Bool:
    """Chosen arcs of a matching without blocking pairs (``inst`` holds every candidate).

    ``scale`` > 1 means scores carry a keep unit (score × scale + kept): groups are formed by
    the score itself, and within a group the keep unit decides between sets of equal size.
    """
    points = inst.score // scale
    order = np.lexsort((inst.offer, inst.node, -points))
    order = order[points[order] > 0]
    starts = np.flatnonzero(np.r_[True, points[order][1:] != points[order][:-1]])
    ends = np.r_[starts[1:], order.size]
    free = np.ones(inst.n_nodes, dtype=bool)
    left = inst.capacity.copy()
    chosen = np.zeros(inst.node.size, dtype=bool)
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        arcs = order[start:end]
        arcs = arcs[free[inst.node[arcs]] & (left[inst.offer[arcs]] > 0)]
        if arcs.size == 0:
            continue
        take = _take_group(inst, arcs, left, scale)
        chosen[take] = True
        free[inst.node[take]] = False
        np.subtract.at(left, inst.offer[take], 1)
    return chosen


def _take_group(inst: Instance, arcs: I64, left: I64, scale: int) -> I64:
    """A largest set of tied arcs that fits (most keep units among the largest)."""
    node, offer = inst.node[arcs], inst.offer[arcs]
    fits = np.unique(node).size == node.size and bool(
        (np.bincount(offer, minlength=left.size) <= left).all()
    )
    if fits:
        return arcs
    # One more match is worth more than every keep unit of the group together.
    weight = np.full(arcs.size, arcs.size + 1, dtype=np.int64)
    if scale > 1:
        weight += inst.score[arcs] % scale
    picked = solve_part(left, node, offer, weight)
    return arcs[picked]
