"""Dual prices of an optimal assignment, from shortest paths in the residual network.

OR-Tools' min-cost flow does not expose node potentials, so they are derived here. With costs
−score, the residual network of an optimal flow has no negative cycle; let D be the shortest
distance from the sink t. Then

* ``u[n] = D(n)`` for every request node and ``v[o] = max(0, −D(o))`` for every offer form an
  optimal solution of the dual LP (u, v ≥ 0; u[n] + v[o] ≥ score for every pair; equality on the
  chosen pairs; zero for free nodes and offers with spare capacity);
* ``v[o]`` is exactly what one more unit of capacity at offer o adds to the optimum: the new arc
  o → t closes the cheapest augmenting cycle t ⇝ o → t, whose cost is D(o).

Residual arcs used: t → o for an offer in use, o → n for a chosen pair (cost +score), n → o for
an unchosen pair (cost −score), and t → s → n for a free node (cost 0; a free node exists only
when the bypass carries flow, which makes t → s residual). The search is Bellman–Ford restricted
to the nodes whose distance changed in the last round, vectorised with numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.compiled import I32, I64, Bool

_INF = np.iinfo(np.int64).max // 4


@dataclass(frozen=True)
class Duals:
    """Dual prices in integer score units: ``node`` (u) and ``offer`` (v), both ≥ 0."""

    node: I64
    offer: I64
    rounds: int


def _arcs_by_node(n_nodes: int, node: I32) -> I64:
    """CSR offsets of arcs grouped by node (``node`` must be sorted)."""
    return np.searchsorted(node, np.arange(n_nodes + 1)).astype(np.int64)


def gather_ranges(offsets: I64, nodes: I64) -> I64:
    """Indices of every arc of ``nodes`` (CSR ranges concatenated)."""
    lo, hi = offsets[nodes], offsets[nodes + 1]
    lengths = hi - lo
    total = int(lengths.sum())
    if total == 0:
        return np.array([], dtype=np.int64)
    shift = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
    return np.asarray(np.arange(total, dtype=np.int64) + shift, dtype=np.int64)


def compute_duals(
    n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64, *, chosen: Bool
) -> Duals:
    """Dual prices of the optimal assignment ``chosen`` (arcs sorted by node)."""
    n_offers = capacity.size
    load = np.bincount(offer[chosen], minlength=n_offers)
    d_offer = np.where(load > 0, 0, _INF).astype(np.int64)
    match_arc = np.full(n_nodes, -1, dtype=np.int64)
    match_arc[node[chosen]] = np.flatnonzero(chosen)
    matched = match_arc >= 0
    d_node = np.where(matched, _INF, 0 if (~matched).any() else _INF).astype(np.int64)
    offsets = _arcs_by_node(n_nodes, node)
    useful = (score > 0) & ~chosen
    # Round 0 relaxes every node with a finite distance; later rounds only the changed ones.
    active = np.flatnonzero(~matched) if (~matched).any() else np.array([], dtype=np.int64)
    changed_offers = np.flatnonzero(load > 0)
    rounds = 0
    while active.size or changed_offers.size:
        rounds += 1
        active = np.union1d(
            active, _update_matched(d_node, d_offer, match_arc, offer, score, offers=changed_offers)
        )
        arcs = gather_ranges(offsets, active)
        arcs = arcs[useful[arcs]]
        before = d_offer.copy()
        np.minimum.at(d_offer, offer[arcs], d_node[node[arcs]] - score[arcs])
        changed_offers = np.flatnonzero(d_offer < before)
        active = np.array([], dtype=np.int64)
    return Duals(np.where(d_node >= _INF, 0, d_node), np.maximum(0, -d_offer), rounds)


def _update_matched(
    d_node: I64, d_offer: I64, match_arc: I64, offer: I32, score: I64, *, offers: I64
) -> I64:
    """D(n) = D(o) + score for nodes matched to a changed offer; returns the nodes that changed."""
    if offers.size == 0:
        return np.array([], dtype=np.int64)
    is_changed = np.zeros(d_offer.size, dtype=bool)
    is_changed[offers] = True
    nodes = np.flatnonzero((match_arc >= 0) & is_changed[offer[np.maximum(match_arc, 0)]])
    arcs = match_arc[nodes]
    new = d_offer[offer[arcs]] + score[arcs]
    better = new < d_node[nodes]
    d_node[nodes[better]] = new[better]
    return nodes[better]
