"""Optimality over **all** candidates while the flow sees only the best k per request.

Round 1 solves the pruned graph and derives the duals (u, v). A pair (n, o) — kept or pruned —
could improve the optimum only if its score exceeds u[n] + v[o] (a positive reduced cost). When
none does, the assignment is optimal over every candidate pair. When some do, re-solving the
whole graph would cost as much as round 1 again (OR-Tools cannot be warm-started), so the repair
is local:

* the *tight* graph holds the arcs with reduced cost ≥ 0: the chosen arcs, the arcs as good as
  them, and the violating ones;
* the current assignment satisfies complementary slackness with (u, v) on every connected
  component of the tight graph that holds no violating arc, so it is optimal there already;
* only the components that hold a violating arc are re-solved (a few thousand nodes at 100k), the
  duals are recomputed on the tight graph, and every arc and pruned pair is priced again.

The loop ends when no pair prices out. Its final duals are feasible for every candidate pair and
complementary to the assignment, which is the proof of optimality; being shortest-path distances
that no candidate arc can shorten, they are also the duals of the full candidate graph. After
``LOCAL_ROUNDS`` local repairs (degenerate cases could otherwise cycle) the whole graph is
re-solved each round, which always terminates because the graph grows every time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from matching.candidates import Block, filtered
from matching.compiled import I32, I64, Bool, Compiled
from matching.instance import Instance
from matching.rules import load_hours
from matching.solvers.duals import Duals, compute_duals, gather_ranges
from matching.solvers.flow import solve_part, solve_split

#: Local repairs before falling back to re-solving the whole graph.
LOCAL_ROUNDS = 20
#: Arcs within this many score units of tight (reduced cost ≥ −slack) join the repaired graph:
#: a little slack saves rounds in which they would price out one after another.
TIGHT_SLACK = 100


def reduced_costs(inst: Instance, duals: Duals) -> I64:
    """score − u[n] − v[o] for every arc (> 0: the arc could improve the assignment)."""
    return np.asarray(inst.score - duals.node[inst.node] - duals.offer[inst.offer])


def _pruned_violations(c: Compiled, inst: Instance, duals: Duals, scale: int) -> Block | None:
    """Pruned pairs with a positive reduced cost (None when there are none).

    Every pruned score of node n is at most ``pruned_max[n]`` and v ≥ 0, so only nodes with
    pruned_max > u need a second look; the rest are proven optimal without touching their pairs.
    Called only when no kept arc prices out, so none of the pairs found is in the graph yet.
    ``scale`` is the keep factor of :mod:`matching.keep` (arc scores are points × scale, plus
    a keep unit on current pairs, which are always in the graph); the pairs are returned scaled.
    """
    suspects = np.flatnonzero(inst.pruned_max * scale > duals.node).astype(np.int32)
    if suspects.size == 0:
        return None

    def improving(block: Block) -> Bool:
        return np.asarray(block.score * scale > duals.node[block.node] + duals.offer[block.offer])

    extra = filtered(c, inst.nodes, suspects, improving)
    return None if len(extra) == 0 else Block(extra.node, extra.offer, extra.score * scale)


def component_arcs(n_nodes: int, n_offers: int, node: I32, offer: I32, seeds: Bool) -> Bool:
    """Arcs in the connected components of the seed arcs (``node`` must be sorted).

    Breadth-first search from the seeds: the work grows with the components found, not with
    the graph (a handful of regions of a few thousand arcs at 100k).
    """
    node_ptr = np.searchsorted(node, np.arange(n_nodes + 1)).astype(np.int64)
    by_offer = np.argsort(offer, kind="stable")
    offer_ptr = np.searchsorted(offer[by_offer], np.arange(n_offers + 1)).astype(np.int64)
    found = seeds.copy()
    seen_node = np.zeros(n_nodes, dtype=bool)
    seen_offer = np.zeros(n_offers, dtype=bool)
    nodes, offers = np.unique(node[seeds]), np.unique(offer[seeds])
    while nodes.size or offers.size:
        seen_node[nodes] = True
        seen_offer[offers] = True
        from_nodes = gather_ranges(node_ptr, nodes.astype(np.int64))
        from_offers = by_offer[gather_ranges(offer_ptr, offers.astype(np.int64))]
        found[from_nodes] = True
        found[from_offers] = True
        offers = np.unique(offer[from_nodes])
        offers = offers[~seen_offer[offers]]
        nodes = np.unique(node[from_offers])
        nodes = nodes[~seen_node[nodes]]
    return found


class _Pricing:
    """State of the pricing loop: instance, assignment, duals and the graph they belong to."""

    def __init__(self, c: Compiled, inst: Instance, stats: dict[str, Any], scale: int) -> None:
        self.c, self.inst, self.stats, self.scale = c, inst, stats, scale
        self.chosen = self._timed("flow_seconds", self._solve_all)
        self.part = np.ones(inst.node.size, dtype=bool)
        self.duals = self._timed("duals_seconds", self._duals)

    def _timed(self, key: str, work: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = work()
        _add(self.stats, key, time.perf_counter() - started)
        return value

    def _solve_all(self) -> Bool:
        inst = self.inst
        return solve_split(inst.capacity, inst.node, inst.offer, inst.score)

    def _duals(self) -> Duals:
        inst, part = self.inst, self.part
        return compute_duals(
            inst.n_nodes,
            inst.capacity,
            inst.node[part],
            inst.offer[part],
            inst.score[part],
            chosen=self.chosen[part],
        )

    def violations(self) -> Bool | None:
        """Arcs (after adding any pruned pair that prices out) with a positive reduced cost."""
        inside = (reduced_costs(self.inst, self.duals) > 0) & ~self.part
        if inside.any():
            return np.asarray(inside)
        if self.c.problem.pairs is not None:
            return None
        extra = _pruned_violations(self.c, self.inst, self.duals, self.scale)
        if extra is None:
            return None
        _add(self.stats, "pairs_added_back", extra.node.size)
        load = load_hours(self.c, self.inst.nodes.seeker[extra.node], extra.offer)
        self.inst, order = self.inst.with_arcs(extra.node, extra.offer, extra.score, load)
        new = np.ones(extra.node.size, dtype=bool)
        self.chosen = np.concatenate([self.chosen, ~new])[order]
        return np.asarray(np.concatenate([np.zeros(self.part.size, dtype=bool), new])[order])

    def repair(self, violating: Bool, local: bool) -> None:
        """Re-solve the components of the tight graph that hold a violating arc (or all)."""
        if not local:
            self.part = np.ones(self.inst.node.size, dtype=bool)
            self.chosen = self._timed("flow_seconds", self._solve_all)
        else:
            inst = self.inst
            self.part = (reduced_costs(inst, self.duals) >= -TIGHT_SLACK) | self.chosen | violating
            tight = np.flatnonzero(self.part)
            region = component_arcs(
                inst.n_nodes,
                inst.capacity.size,
                inst.node[tight],
                inst.offer[tight],
                violating[tight],
            )
            arcs = tight[region]
            node, offer, score = inst.node[arcs], inst.offer[arcs], inst.score[arcs]
            chosen = self._timed(
                "flow_seconds", lambda: solve_part(inst.capacity, node, offer, score)
            )
            self.chosen[arcs] = chosen
            _add(self.stats, "repaired_arcs", arcs.size)
        self.duals = self._timed("duals_seconds", self._duals)


def solve_priced(
    c: Compiled, inst: Instance, stats: dict[str, Any], scale: int = 1
) -> tuple[Instance, Bool, Duals]:
    """Min-cost flow on the pruned graph, proven (and made) optimal over every candidate pair.

    ``scale`` > 1: arc scores are points × scale plus a keep unit (:mod:`matching.keep`).
    """
    state = _Pricing(c, inst, stats, scale)
    rounds = 1
    while True:
        started = time.perf_counter()
        violating = state.violations()
        _add(stats, "pricing_seconds", time.perf_counter() - started)
        if violating is None:
            stats["pricing_rounds"] = rounds
            return state.inst, state.chosen, state.duals
        state.repair(violating, local=rounds <= LOCAL_ROUNDS)
        rounds += 1


def _add(stats: dict[str, Any], key: str, value: float) -> None:
    stats[key] = round(stats.get(key, 0) + value, 4)
