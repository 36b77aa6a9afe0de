"""Invariants on random small instances: optimality, hard rules, capacities, determinism."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from matching import check_validity, parse_problem, solve
from matching.checks import broken_rule
from matching.cli import candidate_pairs
from tests.matching.builders import (
    independent_optimum,
    offers_of,
    pairs_problem,
    scored_problem,
    summary,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(pairs_problem())
def test_pairs_mode_objective_equals_independent_optimum(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    result = solve(problem)
    requests = [(s.id, "mentor") for s in problem.seekers]
    scores = {((p.seeker, "mentor"), p.offer): p.score for p in problem.pairs or ()}
    assert result.status == "OPTIMAL"
    assert abs(result.objective - independent_optimum(requests, offers_of(problem), scores)) < 1e-6
    assert check_validity(problem, result) == []


@FAST
@given(scored_problem())
def test_candidates_are_exactly_the_pairs_that_keep_every_rule(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    fast = {(p["seeker"], p["offer"]) for p in candidate_pairs(problem)}
    slow = {
        (s.id, o.id)
        for s in problem.seekers
        for o in problem.offers
        if o.capacity > 0 and broken_rule(problem, s, o) is None
    }
    assert fast == slow


@FAST
@given(scored_problem())
def test_scored_objective_is_optimal_and_valid(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    result = solve(problem)
    kind = {o.id: o.kind for o in problem.offers}
    scores = {
        ((c["seeker"], kind[c["offer"]]), c["offer"]): c["score"] for c in candidate_pairs(problem)
    }
    requests = [(s.id, k) for s in problem.seekers for k in s.wants]
    assert result.status == "OPTIMAL"
    assert abs(result.objective - independent_optimum(requests, offers_of(problem), scores)) < 1e-6
    assert check_validity(problem, result) == []
    assert abs(sum(m.score for m in result.matches) - result.objective) < 1e-6


@FAST
@given(scored_problem(max_seekers=12, max_offers=6))
def test_pruning_to_best_one_keeps_optimality(data: dict[str, Any]) -> None:
    from matching import SolveParams

    problem = parse_problem(data)
    full = solve(problem, SolveParams(top_k=None))
    pruned = solve(problem, SolveParams(top_k=1))
    assert pruned.objective == full.objective


@FAST
@given(scored_problem())
def test_repeated_runs_give_identical_output(data: dict[str, Any]) -> None:
    first = solve(parse_problem(data))
    second = solve(parse_problem(data))
    assert summary(first) == summary(second)


@FAST
@given(scored_problem())
def test_greedy_never_beats_the_optimum(data: dict[str, Any]) -> None:
    from matching import SolveParams

    problem = parse_problem(data)
    greedy = solve(problem, SolveParams(solver="greedy"))
    assert check_validity(problem, greedy) == []
    assert greedy.objective <= solve(problem).objective + 1e-9
