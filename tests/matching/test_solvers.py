"""Solvers: duals against re-solving, dense pairs mode, CP-SAT side constraints, explanations."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from matching import SolveParams, check_validity, parse_problem, solve
from matching.problem import Offer, Pair, Problem, Seeker
from matching.solvers.duals import compute_duals
from matching.solvers.flow import solve_flow


def test_offer_duals_equal_the_gain_of_one_more_place() -> None:
    rng = np.random.default_rng(3)
    for _ in range(150):
        n, m = int(rng.integers(1, 10)), int(rng.integers(1, 8))
        mask = rng.random((n, m)) < rng.random()
        node, offer = (a.astype(np.int32) for a in np.nonzero(mask))
        score = rng.integers(-3, 40, node.size).astype(np.int64)
        cap = rng.integers(0, 3, m).astype(np.int64)
        base = solve_flow(n, cap, node, offer, score)
        duals = compute_duals(n, cap, node, offer, score, chosen=base.chosen)
        assert duals.node.sum() + (duals.offer * cap).sum() == base.objective  # strong duality
        assert (duals.node[node] + duals.offer[offer] >= score).all()
        for j in range(m):
            more = cap.copy()
            more[j] += 1
            assert (
                solve_flow(n, more, node, offer, score).objective - base.objective == duals.offer[j]
            )


def test_capacity_value_is_reported_per_offer_and_group() -> None:
    data = {
        "seekers": [
            {
                "id": f"s{i}",
                "wants": ["mentor"],
                "languages": {"ti": "native"},
                "location": {"postcode": "49565"},
            }
            for i in range(3)
        ],
        "offers": [
            {
                "id": "m1",
                "kind": "mentor",
                "languages": {"de": "native", "ti": "C1"},
                "location": {"postcode": "49565"},
            }
        ],
    }
    result = solve(parse_problem(data))
    assert [v.offer for v in result.capacity_value] == ["m1"]
    groups = {(a.kind, a.language, a.town): a for a in result.capacity_advice}
    group = groups[("mentor", "ti", "Bramsche")]
    assert group.value == result.capacity_value[0].value > 0
    assert group.unmet == 2
    assert result.unmet_by_cause == {"mentor": {"lost_to_better_pair": 2}}


def test_dense_800_by_800_pairs_mode_is_proven_optimal() -> None:
    rng = np.random.default_rng(800)
    n = 800
    cost = rng.integers(1, 101, size=(n, n))
    pairs = tuple(
        Pair(f"r{i}", f"c{j}", float(1000 - cost[i, j])) for i in range(n) for j in range(n)
    )
    problem = Problem(
        tuple(Seeker(f"r{i}") for i in range(n)),
        tuple(Offer(f"c{j}") for j in range(n)),
        pairs=pairs,
    )
    result = solve(problem, SolveParams(explain=False, advice=False))
    rows, cols = linear_sum_assignment(1000 - cost, maximize=True)
    assert result.status == "OPTIMAL"
    assert result.objective == pytest.approx(float((1000 - cost)[rows, cols].sum()))
    assert result.stats["arcs"] == 640_000


def _cpsat_problem(**settings: Any) -> dict[str, Any]:
    seekers = [
        {
            "id": f"s{i}",
            "wants": ["volunteer"],
            "languages": {"de": "B2"},
            "hours": 2 + i % 2,
            "waiting_days": 100 * i,
            "cohort": "family" if i in (0, 1) else None,
        }
        for i in range(6)
    ]
    offers = [
        {
            "id": "v1",
            "kind": "volunteer",
            "capacity": 3,
            "hours": 6,
            "region": "A",
            "organisation": "Caritas",
        },
        {
            "id": "v2",
            "kind": "volunteer",
            "capacity": 3,
            "hours": 4,
            "region": "B",
            "organisation": "DRK",
        },
    ]
    return {"seekers": seekers, "offers": offers, "settings": settings}


def _brute_force(problem: Problem) -> float:
    """Best objective over every valid assignment (each seeker: nothing or one candidate)."""
    import itertools

    from matching.cli import candidate_pairs
    from matching.result import Match, Result

    scores = {(c["seeker"], c["offer"]): c["score"] for c in candidate_pairs(problem)}
    options = [
        [None, *(o.id for o in problem.offers if (s.id, o.id) in scores)] for s in problem.seekers
    ]
    best = 0.0
    for choice in itertools.product(*options):
        pairs = [(s.id, o) for s, o in zip(problem.seekers, choice, strict=True) if o is not None]
        matches = tuple(Match(s, o, "volunteer", scores[(s, o)], {}, ()) for s, o in pairs)
        if not check_validity(
            problem, Result("X", 0.0, None, None, "x", matches, (), {}, (), (), {})
        ):
            best = max(best, sum(m.score for m in matches))
    return best


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"quotas": [{"field": "organisation", "value": "Caritas", "max": 1}]},
        {"longest_waiting": {"min_share": 0.5, "days": 400}},
        {
            "quotas": [{"field": "region", "value": "B", "max": 1, "kind": "volunteer"}],
            "longest_waiting": {"min_share": 0.6, "days": 300},
        },
    ],
)
def test_cpsat_honours_side_constraints_optimally(settings: dict[str, Any]) -> None:
    data = _cpsat_problem(**settings)
    problem = parse_problem(data)
    result = solve(problem)
    assert result.solver == "cpsat"
    assert result.status == "OPTIMAL"
    assert check_validity(problem, result) == []
    assert result.objective == pytest.approx(_brute_force(problem), abs=1e-6)
    assert result.bound == pytest.approx(result.objective, abs=0.011)


def test_cohort_is_placed_all_or_nothing() -> None:
    data = _cpsat_problem()
    data["offers"] = [data["offers"][0] | {"capacity": 1}]
    result = solve(parse_problem(data))
    placed = {m.seeker for m in result.matches}
    assert placed.isdisjoint({"s0", "s1"})
    assert len(placed) == 1


def test_explanations_carry_keys_and_params() -> None:
    data = {
        "seekers": [
            {
                "id": "s1",
                "wants": ["mentor"],
                "languages": {"arabisch": "native", "de": "A2"},
                "location": {"postcode": "49565"},
                "skills": ["Schweisser"],
                "availability": ["mon 18:00-20:00"],
                "waiting_days": 120,
            }
        ],
        "offers": [
            {
                "id": "m1",
                "kind": "mentor",
                "languages": {"Deutsch": "native", "Arabisch": "C2"},
                "location": {"postcode": "49074"},
                "skills": ["welder"],
                "availability": ["mon 17:00-21:00"],
                "rating": 4.5,
            }
        ],
    }
    result = solve(parse_problem(data))
    (match,) = result.matches
    reasons = {r.key: r.params for r in match.reasons}
    assert reasons["shared_language"] == {"lang": "ar", "level": "C2"}
    assert 14 < reasons["distance_km"]["km"] < 17
    assert reasons["skill_match"] == {"skills": ["Schweißer/in"]}
    assert reasons["common_time"] == {"hours": 2.0, "needed": 1.0}
    assert reasons["waiting_days"] == {"days": 120}
    assert reasons["offer_rating"] == {"stars": 4.5}
    assert set(match.components) == {
        "skill",
        "language",
        "distance",
        "availability",
        "waiting",
        "rating",
        "base",
    }
    assert match.score == pytest.approx(sum(match.components.values()), abs=0.05)


def test_dari_and_farsi_speakers_share_persian() -> None:
    data = {
        "seekers": [{"id": "s1", "wants": ["mentor"], "languages": {"Dari": "native"}}],
        "offers": [{"id": "m1", "languages": {"Farsi": "native"}}],
    }
    (match,) = solve(parse_problem(data)).matches
    assert match.reasons[0].params == {"lang": "prs", "level": "native"}


def test_inputs_are_not_mutated() -> None:
    data = _cpsat_problem()
    problem = parse_problem(data)
    before = repr(problem)
    solve(problem)
    assert repr(problem) == before


def test_match_scores_add_up_to_the_objective_when_components_round_apart() -> None:
    # 8.333 + 3.125 + 20 rounds to 31.46 as a whole, but the rounded parts add up to 31.45.
    data = {
        "seekers": [
            {"id": "s0", "languages": {"ar": "A1", "fa": "B1"}, "wants": ["volunteer"]},
        ],
        "offers": [
            {"id": "o0", "languages": {"fa": "B1", "ar": "A1"}, "kind": "volunteer", "rating": 3.5},
        ],
        "settings": {"reference_date": "2025-06-01"},
    }
    result = solve(parse_problem(data))
    assert [m.score for m in result.matches] == [result.objective] == [31.46]
