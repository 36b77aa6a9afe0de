"""Capacitated assignment as min-cost flow (OR-Tools SimpleMinCostFlow).

Network: source → request node (capacity 1) → offer (capacity 1, cost −score) → sink (capacity =
the offer's capacity), plus a source → sink bypass at cost 0 so that leaving a request unmatched
is always feasible. Maximising the total score is minimising the cost. Arcs with a score ≤ 0 are
left out: a match that adds nothing is never proposed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.compiled import I32, I64, Bool


@dataclass(frozen=True)
class FlowSolution:
    """Which arcs are chosen, the objective in integer units and the solver's own seconds."""

    chosen: Bool
    objective: int
    seconds: float


def build_network(
    n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64
) -> min_cost_flow.SimpleMinCostFlow:
    """The OR-Tools network for the arcs; arc k < len(node) is assignment arc k."""
    n_offers = capacity.size
    source, sink = 0, n_nodes + n_offers + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    # Data: assignment arcs first, so that arc k of the solver is arc k of the input.
    tails = np.concatenate(
        [node + 1, np.zeros(n_nodes, np.int64), np.arange(n_offers) + n_nodes + 1, [source]]
    )
    heads = np.concatenate(
        [offer + n_nodes + 1, np.arange(n_nodes) + 1, np.full(n_offers, sink), [sink]]
    )
    caps = np.concatenate(
        [np.ones(node.size, np.int64), np.ones(n_nodes, np.int64), capacity, [n_nodes]]
    )
    costs = np.concatenate([-score, np.zeros(n_nodes + n_offers + 1, np.int64)])
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        caps.astype(np.int64),
        costs.astype(np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[source], supplies[sink] = n_nodes, -n_nodes
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    return flow


def solve_flow(n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64) -> FlowSolution:
    """Maximum-score assignment; each node ≤ 1 arc, each offer ≤ its capacity. Deterministic."""
    started = time.perf_counter()
    useful = np.flatnonzero(score > 0)
    flow = build_network(n_nodes, capacity, node[useful], offer[useful], score[useful])
    status = flow.solve()
    if status != flow.OPTIMAL:
        # The bypass arc makes every instance feasible; anything else is a bug or an overflow.
        raise RuntimeError(f"min-cost flow failed with status {status}")
    chosen = np.zeros(node.size, dtype=bool)
    if useful.size:
        arcs = np.arange(useful.size, dtype=np.int32)
        chosen[useful] = flow.flows(arcs) > 0
    return FlowSolution(chosen, -int(flow.optimal_cost()), time.perf_counter() - started)


def bare_flow(n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64) -> tuple[float, int]:
    """Seconds OR-Tools alone needs to build and solve the network, and its objective.

    The benchmark's yardstick: no pruning, no duals, no pricing, no result extraction.
    """
    started = time.perf_counter()
    flow = build_network(n_nodes, capacity, node, offer, score)
    flow.solve()
    return time.perf_counter() - started, -int(flow.optimal_cost())


def bare_flow_seconds(n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64) -> float:
    """Seconds OR-Tools alone needs to build and solve the same network (benchmark baseline)."""
    return bare_flow(n_nodes, capacity, node, offer, score)[0]


def _renumber(ids: I32) -> tuple[I32, int]:
    """Dense numbers 0…k−1 for the distinct ids, in increasing order (cheaper than np.unique)."""
    present = np.zeros(int(ids.max()) + 1 if ids.size else 0, dtype=bool)
    present[ids] = True
    local = np.cumsum(present) - 1
    return local[ids].astype(np.int32), int(present.sum())


def solve_part(capacity: I64, node: I32, offer: I32, score: I64) -> Bool:
    """Chosen arcs of the optimal assignment on a part of the graph (its own nodes and offers).

    Nodes and offers are renumbered densely first, so the network holds only what the part
    touches: a small part of a large instance solves in milliseconds.
    """
    node_local, n_nodes = _renumber(node)
    offer_local, _ = _renumber(offer)
    offers = np.flatnonzero(np.bincount(offer))
    solution = solve_flow(n_nodes, capacity[offers], node_local, offer_local, score)
    return solution.chosen


def _group_starts(keys: I64) -> I64:
    """Start of each run of equal values in a sorted array."""
    return np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]).astype(np.int64)


def components(n_offers: int, node: I32, offer: I32) -> I64:
    """Connected component of every arc (labelled by its smallest offer), vectorised.

    Min-label propagation over the offers: each request node joins the labels of its offers,
    each offer takes the smallest label of its nodes, and labels are short-cut (label[label])
    until nothing changes; about a dozen rounds of a few array passes at 100k.
    """
    if node.size == 0:
        return np.array([], dtype=np.int64)
    by_node = (
        np.arange(node.size)
        if bool((node[1:] >= node[:-1]).all())
        else np.argsort(node, kind="stable")
    )
    node_starts = _group_starts(node[by_node].astype(np.int64))
    node_sizes = np.diff(np.r_[node_starts, node.size])
    offer_by_node = offer[by_node]
    label = np.arange(n_offers, dtype=np.int64)
    while True:
        per_node = np.minimum.reduceat(label[offer_by_node], node_starts)
        new = label.copy()
        np.minimum.at(new, offer_by_node, np.repeat(per_node, node_sizes))
        while not np.array_equal(shortcut := new[new], new):
            new = shortcut
        if np.array_equal(new, label):
            return label[offer]
        label = new


#: Components with fewer arcs than this are solved together in one network.
SPLIT_MIN_ARCS = 20_000


def solve_split(capacity: I64, node: I32, offer: I32, score: I64) -> Bool:
    """Chosen arcs of the optimal assignment, each connected component solved on its own.

    Same optimum as one network, but cost scaling grows faster than linearly with the graph:
    the pruned 100k graph falls apart into a few dozen regions and solves about twice as fast.
    """
    chosen = np.zeros(node.size, dtype=bool)
    useful = np.flatnonzero(score > 0)
    if useful.size == 0:
        return chosen
    label = components(capacity.size, node[useful], offer[useful])
    # Small components go together into one network: a network per component would cost more
    # in set-up than it saves (a 1k instance has hundreds of tiny ones).
    sizes = np.bincount(label)
    label = np.where(sizes[label] >= SPLIT_MIN_ARCS, label, -1)
    order = np.argsort(label, kind="stable")
    starts = _group_starts(label[order])
    for start, end in zip(starts.tolist(), np.r_[starts[1:], order.size].tolist(), strict=True):
        arcs = useful[order[start:end]]
        chosen[arcs] = solve_part(capacity, node[arcs], offer[arcs], score[arcs])
    return chosen
