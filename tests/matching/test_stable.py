"""Stable on request, honest about what it is measured against: a stable answer found next to a
greedy or an unproved answer never claims an optimum it did not prove, and never a bound."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import SolveParams, check_validity, parse_problem, solve
from matching import keep as keep_module
from tests.matching.builders import independent_optimum, offers_of, pairs_problem
from tests.matching.test_calm import blocking_by_hand, with_current

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# a–x 10, a–y 9, b–x 9: the optimum (a–y, b–x: 18) has a blocking pair; greedy and the stable
# matching both take a–x (10) and leave b without a match.
ENVY: dict[str, Any] = {
    "seekers": [{"id": "a"}, {"id": "b"}],
    "offers": [{"id": "x"}, {"id": "y"}],
    "pairs": [
        {"seeker": "a", "offer": "x", "score": 10},
        {"seeker": "a", "offer": "y", "score": 9},
        {"seeker": "b", "offer": "x", "score": 9},
    ],
    "settings": {"stable": True},
}


def test_a_stable_answer_next_to_greedy_claims_no_optimum_and_no_bound() -> None:
    result = solve(parse_problem(ENVY), SolveParams(solver="greedy"))
    assert [(m.seeker, m.offer) for m in result.matches] == [("a", "x")]
    assert (result.status, result.bound, result.gap) == ("FEASIBLE", None, None)
    assert result.stats["stability"] == {
        "compared_with": "greedy",
        "greedy_objective": 10.0,
        "objective": 10.0,
        "cost": 0.0,
        "cost_share": 0.0,
        "greedy_matches": 1,
        "matches": 1,
        "greedy_blocking_pairs": 0,
    }
    assert not any(key.startswith("optimal") for key in result.stats["stability"])


def test_a_stable_answer_next_to_a_proved_optimum_says_so_and_bounds_by_it() -> None:
    for solver in ("auto", "flow", "cpsat"):
        result = solve(parse_problem(ENVY), SolveParams(solver=solver))
        assert result.stats["stability"]["compared_with"] == "optimum"
        assert result.stats["stability"]["optimal_objective"] == 18.0
        assert (result.status, result.bound) == ("FEASIBLE", 18.0)


def _true_optimum(data: dict[str, Any]) -> float:
    problem = parse_problem(data)
    requests = [(s.id, "mentor") for s in problem.seekers]
    scores = {((p.seeker, "mentor"), p.offer): p.score for p in problem.pairs or ()}
    return independent_optimum(requests, offers_of(problem), scores)


@FAST
@given(pairs_problem(), st.sampled_from(["auto", "greedy", "cpsat"]), st.integers(0, 10**6))
def test_every_stable_answer_names_what_it_is_compared_with(
    data: dict[str, Any], solver: str, seed: int
) -> None:
    data = {**with_current(data, seed), "settings": {"stable": True}}
    problem = parse_problem(data)
    result = solve(problem, SolveParams(solver=solver, time_limit=0.0))
    stability = result.stats["stability"]
    versus = stability["compared_with"]
    assert versus in {"optimum", "greedy", "best_found"}
    prefix = "optimal" if versus == "optimum" else versus
    assert set(stability) == {
        "compared_with",
        f"{prefix}_objective",
        f"{prefix}_matches",
        f"{prefix}_blocking_pairs",
        "objective",
        "matches",
        "cost",
        "cost_share",
    }
    optimum = _true_optimum(data)
    if versus == "optimum":
        assert stability["optimal_objective"] == pytest.approx(optimum)
    if solver == "greedy":
        assert versus == "greedy"
        assert result.bound is None
    assert result.stats["blocking_pairs"] == 0 == blocking_by_hand(problem, result)
    assert check_validity(problem, result) == []
    assert stability["objective"] == result.objective
    # OPTIMAL only when the stable answer is an optimum; any bound is a true bound.
    if result.status == "OPTIMAL":
        assert result.objective == pytest.approx(optimum)
    if result.bound is not None:
        assert result.bound + 1e-6 >= optimum


def test_the_current_pairs_are_located_once_per_solve(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = keep_module.wanted

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    # A spy around the real function: it counts, and the answer is the engine's own.
    monkeypatch.setattr(importlib.import_module("matching.solve"), "wanted", counted)
    data = {
        **ENVY,
        "current": [{"seeker": "b", "offer": "x", "kind": "mentor"}],
        "settings": {"stable": True},
    }
    result = solve(parse_problem(data))
    assert len(calls) == 1
    assert result.stats["current"]["kept"] == 0
