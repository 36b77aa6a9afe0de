"""Honest about what it proved: bounds, refusals, and what held an unmet request back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import SolveParams, check_validity, parse_problem, solve
from matching.cli import main
from tests.matching.builders import scored_problem
from tests.matching.test_solvers import _brute_force, _cpsat_problem

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SIDE = {
    "quotas": [{"field": "organisation", "value": "Caritas", "max": 1}],
    "longest_waiting": {"min_share": 0.5, "days": 300},
}


def _flow_optimum(data: dict[str, Any]) -> float:
    """The optimum without any side constraint (hour budgets, quotas, share, cohorts dropped)."""
    free = json.loads(json.dumps(data))
    free["settings"] = {}
    for seeker in free["seekers"]:
        seeker.pop("cohort", None)
    for offer in free["offers"]:
        offer.pop("hours", None)
    return solve(parse_problem(free)).objective


def test_cpsat_without_a_solution_in_time_answers_feasible_with_a_true_bound() -> None:
    data = _cpsat_problem(**SIDE)
    problem = parse_problem(data)
    result = solve(problem, SolveParams(time_limit=0.0))
    assert result.status == "FEASIBLE"
    assert result.matches
    assert check_validity(problem, result) == []
    # The bound is proved: the optimum without side constraints, never below the true optimum.
    assert result.bound == pytest.approx(_flow_optimum(data))
    assert result.bound >= _brute_force(problem) >= result.objective
    assert result.gap == pytest.approx((result.bound - result.objective) / result.bound, abs=1e-6)


def test_a_bound_met_by_the_answer_is_reported_optimal() -> None:
    data = _cpsat_problem()
    result = solve(parse_problem(data), SolveParams(time_limit=0.0))
    # No constraint binds here (the hour budgets leave room for the flow's answer).
    assert result.bound is not None
    if result.objective == result.bound:
        assert result.status == "OPTIMAL"
    else:
        assert result.status == "FEASIBLE"


@FAST
@given(scored_problem(max_seekers=8, max_offers=4), st.sampled_from([0.0, 0.001, 10.0]))
def test_every_constrained_result_carries_a_true_bound(data: dict[str, Any], limit: float) -> None:
    data["settings"] |= {"quotas": [{"field": "region", "value": "LK Osnabrück", "max": 1}]}
    for i, seeker in enumerate(data["seekers"]):
        seeker["cohort"] = "c" if i < 2 else None
    problem = parse_problem(data)
    result = solve(problem, SolveParams(time_limit=limit))
    assert result.status in ("OPTIMAL", "FEASIBLE")
    assert check_validity(problem, result) == []
    assert result.bound is not None
    assert result.bound + 1e-6 >= result.objective
    assert result.bound <= _flow_optimum(data) + 1e-6


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"quotas": [{"field": "region", "value": "A", "max": 1}]}, "quotas"),
        ({"longest_waiting": {"min_share": 0.5, "days": 300}}, "a waiting-time share"),
        ({}, "hour budgets"),
    ],
)
def test_a_forced_flow_that_cannot_keep_side_constraints_refuses(
    changes: dict[str, Any], named: str
) -> None:
    from matching import SolverRefused

    problem = parse_problem(_cpsat_problem(**changes))
    with pytest.raises(SolverRefused, match=named):
        solve(problem, SolveParams(solver="flow"))


def test_a_forced_flow_refusal_exits_2_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_cpsat_problem(**SIDE)), encoding="utf-8")
    assert main(["solve", str(path), "--solver", "flow"]) == 2
    err = capsys.readouterr().err
    assert "flow solver cannot keep" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "changes", [{}, SIDE, {"longest_waiting": {"min_share": 0.6, "days": 300}}]
)
def test_a_forced_greedy_keeps_every_side_constraint(changes: dict[str, Any]) -> None:
    problem = parse_problem(_cpsat_problem(**changes))
    result = solve(problem, SolveParams(solver="greedy"))
    assert result.status == "FEASIBLE"
    assert check_validity(problem, result) == []


def _one_offer(**offer: Any) -> dict[str, Any]:
    seekers = [
        {"id": f"s{i}", "wants": ["volunteer"], "languages": {"de": "B2"}, "waiting_days": d}
        for i, d in enumerate([500, 10, 20])
    ]
    base = {"id": "v", "kind": "volunteer", "capacity": 3, "organisation": "Caritas"}
    return {"seekers": seekers, "offers": [base | offer], "settings": {}}


def _causes(data: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    result = solve(parse_problem(data))
    return {u.seeker: (u.reason, u.cause) for u in result.unmatched}


def test_an_unmet_request_held_back_by_a_full_quota_says_so() -> None:
    data = _one_offer()
    data["settings"]["quotas"] = [{"field": "organisation", "value": "Caritas", "max": 1}]
    causes = _causes(data)
    assert set(causes.values()) == {("held_back", "quota_full")}
    assert len(causes) == 2


def test_an_unmet_request_held_back_by_a_spent_hour_budget_says_so() -> None:
    causes = _causes(_one_offer(hours=2))
    assert set(causes.values()) == {("held_back", "hour_budget_spent")}
    assert len(causes) == 1


def test_an_unmet_request_held_back_by_the_waiting_share_says_so() -> None:
    data = _one_offer()
    data["settings"]["longest_waiting"] = {"min_share": 0.5, "days": 365}
    causes = _causes(data)
    assert set(causes.values()) == {("held_back", "waiting_share")}
    assert len(causes) == 1


def test_an_unmet_request_held_back_by_an_incomplete_cohort_says_so() -> None:
    data = _one_offer(capacity=2)
    for seeker in data["seekers"]:
        seeker["cohort"] = "family"
    causes = _causes(data)
    assert causes == dict.fromkeys(("s0", "s1", "s2"), ("held_back", "cohort_incomplete"))


def test_a_request_that_lost_its_place_to_another_pair_still_says_so() -> None:
    data = _one_offer(capacity=1, hours=10)
    causes = _causes(data)
    assert set(causes.values()) == {("lost_to_better_pair", None)}
