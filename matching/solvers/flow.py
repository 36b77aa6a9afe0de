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


def bare_flow_seconds(n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64) -> float:
    """Seconds OR-Tools alone needs to build and solve the same network (benchmark baseline)."""
    started = time.perf_counter()
    flow = build_network(n_nodes, capacity, node, offer, score)
    flow.solve()
    return time.perf_counter() - started
