"""Calm between rounds and envy reported: current pairs kept, blocking pairs, stable matchings.

The optimum with the most current pairs kept is checked against an independent MILP (HiGHS via
scipy), solved in two stages (best total, then most kept at that total); blocking pairs against
a plain count over every candidate pair.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks.churn import reordered  # the same rows shuffled, every object's keys reversed
from benchmarks.highs import two_stage  # the independent checker the churn benchmark uses
from matching import SolveParams, SolverRefused, check_validity, parse_problem, solve
from matching.cli import candidate_pairs
from matching.problem import Problem
from matching.result import Result
from matching.validation import ProblemError
from tests.matching.builders import pairs_problem, scored_problem

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Candidate = tuple[str, str, str, int]  # seeker, offer, kind, score in hundredths


def candidates(problem: Problem) -> list[Candidate]:
    kind = {o.id: o.kind for o in problem.offers}
    return [
        (p["seeker"], p["offer"], kind[p["offer"]], round(p["score"] * 100))
        for p in candidate_pairs(problem)
    ]


NO_PLACE: dict[str, Any] = {
    "seekers": [
        {
            "id": "s0",
            "languages": {},
            "skills": [],
            "region": None,
            "wants": ["mentor"],
            "minor": False,
            "mentor_gender": None,
            "work_status": "allowed",
            "hours": 1,
            "waiting_days": 0,
            "rejected": [],
        }
    ],
    "offers": [
        {
            "id": "o0",
            "languages": {},
            "skills": [],
            "region": None,
            "kind": "mentor",
            "capacity": 0,
            "gender": None,
            "good_conduct_until": None,
            "rating": None,
        }
    ],
    "settings": {"reference_date": "2025-06-01"},
}


def with_current(data: dict[str, Any], seed: int, share: float = 0.6) -> dict[str, Any]:
    """The problem with a random set of current pairs: candidates, non-candidates, gone ids."""
    problem = parse_problem(data)
    rng = random.Random(seed)
    pool = [(s, o, k) for s, o, k, _ in candidates(problem)]
    pool += [(s.id, o.id, o.kind) for s in problem.seekers for o in problem.offers][:5]
    pool.append(("gone", problem.offers[0].id, problem.offers[0].kind))
    rng.shuffle(pool)
    current, seen = [], set()
    for s, o, k in pool:
        if (s, k) not in seen and rng.random() < share:
            seen.add((s, k))
            current.append({"seeker": s, "offer": o, "kind": k})
    return {**data, "current": current}


def milp_optimum(problem: Problem) -> tuple[int, int]:
    """(best total in hundredths, most current pairs kept at that total), by HiGHS."""
    current = {(p.seeker, p.offer) for p in problem.current}
    arcs = [
        (s, o, k, w)
        for s, o, k, w in candidates(problem)
        if w > 0 or (w == 0 and (s, o) in current)
    ]
    keep = np.array([(s, o) in current for s, o, *_ in arcs], dtype=bool)
    capacity = {o.id: o.capacity for o in problem.offers}
    return two_stage([((s, k), o, w) for s, o, k, w in arcs], capacity, keep)


def kept(problem: Problem, result: Result) -> int:
    current = {(p.seeker, p.offer) for p in problem.current}
    return sum((m.seeker, m.offer) in current for m in result.matches)


def blocking_by_hand(problem: Problem, result: Result) -> int:
    """The definition, pair by pair, over every candidate pair."""
    mine = {(m.seeker, m.kind): m.score for m in result.matches}
    taken: dict[str, list[float]] = {}
    for m in result.matches:
        taken.setdefault(m.offer, []).append(m.score)
    cap = {o.id: o.capacity for o in problem.offers}
    count = 0
    for s, o, k, w in candidates(problem):
        score = w / 100
        if score <= 0:
            continue
        seeker_envies = (s, k) not in mine or mine[(s, k)] < score - 1e-9
        places = taken.get(o, [])
        offer_envies = len(places) < cap[o] or min(places, default=float("inf")) < score - 1e-9
        count += seeker_envies and offer_envies
    return count


def picture(result: Result) -> tuple[Any, ...]:
    return (
        result.objective,
        sorted((m.seeker, m.offer) for m in result.matches),
        sorted((m.seeker, m.offer, m.reason) for m in result.moved),
        result.stats["blocking_pairs"],
    )


@FAST
@given(scored_problem(), st.integers(0, 10**6))
@example(NO_PLACE, 4330)  # found by CI: an offer with no place, so no current pair could be drawn
def test_scored_keeps_most_current_pairs_an_optimum_allows(data: dict[str, Any], seed: int) -> None:
    problem = parse_problem(with_current(data, seed))
    result = solve(problem)
    best, most_kept = milp_optimum(problem)
    assert round(result.objective * 100) == best
    assert kept(problem, result) == most_kept
    assert check_validity(problem, result) == []
    if problem.current:  # stats.current is there exactly when the problem lists current pairs
        assert result.stats["current"]["kept"] == most_kept
    else:
        assert "current" not in result.stats and most_kept == 0
    assert len(result.moved) == len(problem.current) - most_kept


@FAST
@given(pairs_problem(), st.integers(0, 10**6))
def test_pairs_keeps_most_current_pairs_an_optimum_allows(data: dict[str, Any], seed: int) -> None:
    problem = parse_problem(with_current(data, seed, share=0.8))
    result = solve(problem)
    best, most_kept = milp_optimum(problem)
    assert round(result.objective * 100) == best
    assert kept(problem, result) == most_kept


@FAST
@given(scored_problem(max_seekers=12, max_offers=6), st.integers(0, 10**6))
def test_pruned_and_cpsat_keep_as_many_as_the_full_flow(data: dict[str, Any], seed: int) -> None:
    problem = parse_problem(with_current(data, seed))
    full = solve(problem, SolveParams(top_k=None))
    for params in (SolveParams(top_k=1), SolveParams(solver="cpsat")):
        other = solve(problem, params)
        assert other.objective == full.objective
        assert kept(problem, other) == kept(problem, full)
        assert other.stats["blocking_pairs"] == blocking_by_hand(problem, other)


@FAST
@given(scored_problem(), st.integers(0, 10**6))
def test_row_and_key_order_change_nothing(data: dict[str, Any], seed: int) -> None:
    data = with_current(data, seed)
    first = solve(parse_problem(data))
    again = solve(parse_problem(reordered(data, seed)))
    assert picture(first) == picture(again)


@FAST
@given(scored_problem(max_seekers=10, max_offers=6))
def test_blocking_pairs_are_counted_by_the_definition(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    for params in (SolveParams(), SolveParams(top_k=1), SolveParams(solver="greedy")):
        result = solve(problem, params)
        assert result.stats["blocking_pairs"] == blocking_by_hand(problem, result)


@FAST
@given(st.one_of(scored_problem(max_seekers=10, max_offers=6), pairs_problem()))
def test_stable_result_has_no_blocking_pair_and_says_what_it_cost(data: dict[str, Any]) -> None:
    data = {**data, "settings": {**data.get("settings", {}), "stable": True}}
    problem = parse_problem(data)
    result = solve(problem)
    optimal = solve(parse_problem({**data, "settings": {**data["settings"], "stable": False}}))
    assert result.stats["blocking_pairs"] == 0 == blocking_by_hand(problem, result)
    assert check_validity(problem, result) == []
    cost = result.stats["stability"]
    assert cost["optimal_objective"] == optimal.objective >= result.objective == cost["objective"]
    assert cost["optimal_matches"] == len(optimal.matches)
    assert cost["matches"] == len(result.matches)
    assert cost["optimal_blocking_pairs"] == optimal.stats["blocking_pairs"]


def test_optimum_has_blocking_pairs_that_stability_removes_at_a_price() -> None:
    # a–x 10, a–y 9, b–x 9: the optimum (a–y, b–x: 18) leaves a and x envying each other;
    # the stable matching pairs them (10) and leaves b without a match.
    pairs = [("a", "x", 10), ("a", "y", 9), ("b", "x", 9)]
    data: dict[str, Any] = {
        "seekers": [{"id": "a"}, {"id": "b"}],
        "offers": [{"id": "x"}, {"id": "y"}],
        "pairs": [{"seeker": s, "offer": o, "score": w} for s, o, w in pairs],
    }
    optimal = solve(parse_problem(data))
    assert (optimal.objective, optimal.stats["blocking_pairs"]) == (18.0, 1)
    stable = solve(parse_problem({**data, "settings": {"stable": True}}))
    assert [(m.seeker, m.offer) for m in stable.matches] == [("a", "x")]
    assert (stable.status, stable.bound, stable.gap) == ("FEASIBLE", 18.0, 0.444444)
    assert stable.stats["stability"] == {
        "compared_with": "optimum",
        "optimal_objective": 18.0,
        "objective": 10.0,
        "cost": 8.0,
        "cost_share": 0.444444,
        "optimal_matches": 2,
        "matches": 1,
        "optimal_blocking_pairs": 1,
    }


def test_tied_current_pairs_stay_and_every_moved_pair_says_why() -> None:
    seekers = [{"id": s} for s in ("a", "b", "c", "d")]
    offers = [{"id": "x", "capacity": 1}, {"id": "y"}, {"id": "z", "capacity": 0}]
    pairs = [{"seeker": s, "offer": o, "score": 10} for s in ("a", "b") for o in ("x", "y")] + [
        {"seeker": "c", "offer": "z", "score": 10}
    ]
    current = [
        {"seeker": "b", "offer": "y", "kind": "mentor"},  # tied with b–x: stays
        {"seeker": "a", "offer": "x", "kind": "mentor"},  # tied with a–y: stays
        {"seeker": "c", "offer": "z", "kind": "mentor"},  # z has no place any more
        {"seeker": "d", "offer": "y", "kind": "mentor"},  # no pair given
        {"seeker": "e", "offer": "x", "kind": "mentor"},  # seeker gone
        {"seeker": "d", "offer": "w", "kind": "job"},  # offer gone
    ]
    data = {"seekers": seekers, "offers": offers, "pairs": pairs, "current": current}
    result = solve(parse_problem(data))
    assert sorted((m.seeker, m.offer) for m in result.matches) == [("a", "x"), ("b", "y")]
    assert [(m.seeker, m.offer, m.reason) for m in result.moved] == [
        ("c", "z", "capacity_lowered"),
        ("d", "w", "offer_gone"),
        ("d", "y", "no_pair_given"),
        ("e", "x", "seeker_gone"),
    ]
    assert result.stats["current"] == {
        "given": 6,
        "kept": 2,
        "moved": 4,
        "why": {"capacity_lowered": 1, "no_pair_given": 1, "offer_gone": 1, "seeker_gone": 1},
    }
    # Without `current` the ids decide the tie, and both pairs move.
    fresh = solve(parse_problem({**data, "current": []}))
    assert sorted((m.seeker, m.offer) for m in fresh.matches) == [("a", "y"), ("b", "x")]


def test_a_rule_no_longer_met_and_a_better_total_are_named() -> None:
    near, far = {"lat": 52.27, "lon": 8.05}, {"lat": 53.5, "lon": 10.0}
    de = {"de": "B2"}
    data: dict[str, Any] = {
        "seekers": [
            {
                "id": "moved-away",
                "wants": ["mentor"],
                "location": far,
                "max_km": 10,
                "languages": de,
            },
            {
                "id": "newcomer",
                "wants": ["mentor"],
                "location": near,
                "waiting_days": 700,
                "languages": de,
            },
            {"id": "settled", "wants": ["mentor"], "location": near, "languages": de},
        ],
        "offers": [{"id": "m1", "kind": "mentor", "location": near, "languages": de}],
        "current": [
            {"seeker": "moved-away", "offer": "m1", "kind": "mentor"},
            {"seeker": "settled", "offer": "m1", "kind": "mentor"},
        ],
        "settings": {"reference_date": "2025-06-01"},
    }
    result = solve(parse_problem(data))
    assert [(m.seeker, m.offer) for m in result.matches] == [("newcomer", "m1")]
    assert [(m.seeker, m.reason) for m in result.moved] == [
        ("moved-away", "too_far"),
        ("settled", "better_total"),
    ]


def test_a_current_pair_pruned_away_is_still_kept() -> None:
    # s0 likes o0 best; its current pair o1 is outside the best one, yet keeping it costs nothing.
    de = {"de": "B2"}
    data: dict[str, Any] = {
        "seekers": [{"id": "s0", "wants": ["mentor"], "skills": ["Koch"], "languages": de}],
        "offers": [
            {"id": "o0", "kind": "mentor", "skills": ["Koch"], "languages": de},
            {"id": "o1", "kind": "mentor", "languages": de},
        ],
        "current": [{"seeker": "s0", "offer": "o1", "kind": "mentor"}],
        "settings": {"reference_date": "2025-06-01"},
    }
    result = solve(parse_problem(data), SolveParams(top_k=1))
    assert [m.offer for m in result.matches] == ["o0"]
    assert [m.reason for m in result.moved] == ["better_total"]
    data["offers"][0]["skills"] = []
    result = solve(parse_problem(data), SolveParams(top_k=1))
    assert [m.offer for m in result.matches] == ["o1"]
    assert result.moved == ()


def test_current_pairs_are_checked_with_their_place() -> None:
    data = {
        "seekers": [{"id": "a"}],
        "offers": [{"id": "x", "kind": "job"}],
        "current": [
            {"seeker": "a", "offer": "x", "kind": "mentor"},
            {"seeker": "a", "offer": "y", "kind": "mentor"},
            {"seeker": "a", "offer": "x", "kind": "dance"},
            {"seeker": "a"},
        ],
    }
    with pytest.raises(ProblemError) as caught:
        parse_problem(data)
    places = {issue.place for issue in caught.value.issues}
    assert {
        "$.current[0].kind",
        "$.current[1]",
        "$.current[2].kind",
        "$.current[3].offer",
        "$.current[3].kind",
    } <= places


def test_stable_refuses_side_constraints() -> None:
    data = {
        "seekers": [{"id": "a"}],
        "offers": [{"id": "x", "hours": 2}],
        "settings": {"stable": True},
    }
    with pytest.raises(SolverRefused, match="stable matching cannot keep hour budgets"):
        solve(parse_problem(data))
