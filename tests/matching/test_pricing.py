"""Pricing: optimality over every candidate with a pruned graph, local repairs, components."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from matching import SolveParams, check_validity, parse_problem, pricing, solve
from matching.solvers import flow
from matching.solvers.flow import components, solve_flow, solve_split
from tests.matching.builders import scored_problem

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _values(result: Any) -> list[tuple[str, float]]:
    return sorted((v.offer, v.value) for v in result.capacity_value)


@FAST
@given(scored_problem(max_seekers=12, max_offers=6))
def test_pruned_solve_has_the_full_optimum_and_the_same_duals(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    full = solve(problem, SolveParams(top_k=None))
    pruned = solve(problem, SolveParams(top_k=1))
    assert pruned.objective == full.objective
    # The final duals are those of the full candidate graph: one more place is worth the same.
    assert _values(pruned) == _values(full)


@FAST
@given(scored_problem(max_seekers=12, max_offers=6))
def test_whole_graph_fallback_gives_the_same_optimum(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    local = solve(problem, SolveParams(top_k=1))
    saved = pricing.LOCAL_ROUNDS
    pricing.LOCAL_ROUNDS = 0
    try:
        whole = solve(problem, SolveParams(top_k=1))
    finally:
        pricing.LOCAL_ROUNDS = saved
    assert whole.objective == local.objective
    assert _values(whole) == _values(local)


def _union_find_labels(n_offers: int, node: np.ndarray, offer: np.ndarray) -> list[int]:
    parent = list(range(n_offers))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[int, int] = {}
    for n, o in zip(node.tolist(), offer.tolist(), strict=True):
        a, b = find(first.setdefault(n, o)), find(o)
        parent[max(a, b)] = min(a, b)
    return [find(o) for o in offer.tolist()]


@pytest.mark.parametrize("seed", range(40))
def test_components_and_split_solve_agree_with_plain_ones(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every component in a network of its own (by default small ones are solved together).
    monkeypatch.setattr(flow, "SPLIT_MIN_ARCS", 1 + seed % 3)
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 40)), int(rng.integers(1, 30))
    mask = rng.random((n, m)) < rng.random() * 0.15
    node, offer = (a.astype(np.int32) for a in np.nonzero(mask))
    label = components(m, node, offer)
    expected = _union_find_labels(m, node, offer)
    # Same partition (labels may be named differently).
    assert len(set(zip(label.tolist(), expected, strict=True))) == len(set(expected))
    score = rng.integers(-3, 40, node.size).astype(np.int64)
    cap = rng.integers(0, 3, m).astype(np.int64)
    chosen = solve_split(cap, node, offer, score)
    assert int(score[chosen].sum()) == solve_flow(n, cap, node, offer, score).objective
    assert np.bincount(node[chosen], minlength=n).max(initial=0) <= 1
    assert (np.bincount(offer[chosen], minlength=m) <= cap).all()


@pytest.mark.parametrize(("n", "seed", "top_k"), [(300, 1, 1), (300, 1, 2), (1000, 1, 3)])
def test_local_repairs_reach_the_full_optimum_on_realistic_instances(
    n: int, seed: int, top_k: int
) -> None:
    from matching.benchgen import generate_problem

    problem = parse_problem(generate_problem(n, seed))
    full = solve(problem, SolveParams(top_k=None))
    pruned = solve(problem, SolveParams(top_k=top_k))
    # The pruned graph missed pairs: repairs ran, pairs were added back, and the optimum and
    # the value of one more place are exactly those of the full candidate graph.
    assert pruned.stats["pricing_rounds"] > 1
    assert pruned.stats["repaired_arcs"] > 0
    assert pruned.objective == full.objective
    assert _values(pruned) == _values(full)
    assert check_validity(problem, pruned) == []
