"""Greedy baseline: take pairs best score first while node and offer are free. Comparison only."""

from __future__ import annotations

import numpy as np

from matching.compiled import I32, I64, Bool


def solve_greedy(n_nodes: int, capacity: I64, node: I32, offer: I32, score: I64) -> Bool:
    """Chosen arcs of the greedy assignment (ties: lower node, then lower offer, first)."""
    order = np.lexsort((offer, node, -score))
    order = order[score[order] > 0]
    # Plain Python lists: indexing them is far cheaper than indexing numpy arrays one by one.
    free_node = [True] * n_nodes
    left = capacity.tolist()
    picked = []
    for arc, n, o in zip(order.tolist(), node[order].tolist(), offer[order].tolist(), strict=True):
        if free_node[n] and left[o] > 0:
            free_node[n] = False
            left[o] -= 1
            picked.append(arc)
    chosen = np.zeros(node.size, dtype=bool)
    chosen[np.array(picked, dtype=np.int64)] = True
    return chosen
