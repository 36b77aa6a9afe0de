"""The "Done when" of the engine's review, as properties over generated instances.

* Key order and row order never change the objective or the pairs: scored and pairs mode, with
  ``current`` pairs and with ``settings.stable``.
* Every alias group yields its highest level, whatever the keys and their order.
* Every result — any solver, pruned or not, stable or not, with current pairs and quotas — passes
  the audit (``check_validity``, which shares no code with the rules: see test_edges).
* Every refused input exits 2 naming its place, malformed ``current`` rows and a ``stable`` of
  the wrong type included; ids of people or offers who left are not errors but reported moves.
* Every non-OPTIMAL result carries a true bound (never below the optimum, computed here by HiGHS)
  or none, and an OPTIMAL one equals that optimum.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from contextlib import redirect_stderr
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from benchmarks.churn import reordered  # rows shuffled, every object's keys reversed
from matching import SolveParams, check_validity, parse_problem, solve
from matching.cli import candidate_pairs, main
from matching.problem import Problem
from tests.matching.builders import LEVELS, pairs_problem, scored_problem
from tests.matching.test_calm import NO_PLACE, blocking_by_hand, picture, with_current

FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS = ("mentor", "volunteer", "job")


def _stable(data: dict[str, Any], stable: bool) -> dict[str, Any]:
    return {**data, "settings": {**data.get("settings", {}), "stable": stable}}


# -- order --------------------------------------------------------------------------------------


@FEW
@given(
    st.one_of(scored_problem(), pairs_problem()),
    st.integers(0, 10**6),
    st.booleans(),
    st.sampled_from([None, 1, 40]),
)
@example(_stable(NO_PLACE, True), 0, True, None)  # nothing can be matched: still the same
def test_row_and_key_order_change_nothing_in_any_mode(
    data: dict[str, Any], seed: int, stable: bool, top_k: int | None
) -> None:
    data = _stable(with_current(data, seed), stable)
    params = SolveParams(top_k=top_k)
    first = solve(parse_problem(data), params)
    again = solve(parse_problem(reordered(data, seed)), params)
    assert picture(first) == picture(again)
    assert first.status == again.status and first.bound == again.bound
    assert first.stats.get("stability") == again.stats.get("stability")


# -- aliases ------------------------------------------------------------------------------------

ALIASES = {
    "fa": ["fa", "prs", "pes", "Farsi", "Dari", "Persisch", "fa-AF"],
    "ar": ["ar", "arb", "apc", "Arabisch", "Arabic", "ar-SY"],
    "ku": ["ku", "kmr", "Kurdisch", "Kurmanji"],
}


@st.composite
def spoken(draw: st.DrawFn, group: str, min_size: int = 1) -> dict[str, str]:
    """One language under one to three of its names, each at its own level, in any order."""
    names = draw(
        st.lists(st.sampled_from(ALIASES[group]), min_size=min_size, max_size=3, unique=True)
    )
    return {name: draw(st.sampled_from(LEVELS)) for name in names}


def _best(levels: dict[str, str]) -> int:
    return max(LEVELS.index(level) for level in levels.values())


def _one_pair(seeker: dict[str, Any], offer: dict[str, Any]) -> dict[str, Any]:
    return {
        "seekers": [{"id": "s", "wants": [offer["kind"]], "work_status": "allowed", **seeker}],
        "offers": [{"id": "o", **offer}],
        "settings": {"reference_date": "2025-06-01"},
    }


@FEW
@given(st.sampled_from(sorted(ALIASES)).flatmap(lambda g: st.tuples(spoken(g), spoken(g))))
@example(({"Dari": "native", "Farsi": "A2"}, {"fa": "A2", "pes": "native"}))
def test_a_mentor_pair_shares_the_highest_level_each_side_names(
    sides: tuple[dict[str, str], dict[str, str]],
) -> None:
    mine, theirs = sides
    result = solve(
        parse_problem(_one_pair({"languages": mine}, {"kind": "mentor", "languages": theirs}))
    )
    shared = min(_best(mine), _best(theirs))
    assert len(result.matches) == (shared >= LEVELS.index("B1"))
    if result.matches:
        reason = next(r for r in result.matches[0].reasons if r.key == "shared_language")
        assert reason.params["level"] == LEVELS[shared]
        assert reason.params["lang"] in {
            parse_problem(_one_pair({"languages": {n: "A1"}}, {"kind": "mentor"}))
            .seekers[0]
            .languages[0]
            .code
            for n in mine
        }


@FEW
@given(st.sampled_from(sorted(ALIASES)).flatmap(lambda g: st.tuples(spoken(g), spoken(g))))
@example(({"prs": "C1", "Farsi": "A1"}, {"Farsi": "A2", "Dari": "C1"}))
def test_a_job_needs_the_highest_level_it_names_and_takes_the_highest_spoken(
    sides: tuple[dict[str, str], dict[str, str]],
) -> None:
    mine, needed = sides
    offer = {"kind": "job", "min_language": needed}
    result = solve(parse_problem(_one_pair({"languages": mine}, offer)))
    assert len(result.matches) == (_best(mine) >= _best(needed))


# -- the audit, every mode ----------------------------------------------------------------------

SOLVERS = st.sampled_from(
    [
        SolveParams(),
        SolveParams(top_k=1),
        SolveParams(top_k=None),
        SolveParams(solver="greedy"),
        SolveParams(solver="cpsat", time_limit=10.0),
        SolveParams(solver="cpsat", time_limit=0.0),
    ]
)
QUOTA = {"field": "region", "value": "LK Osnabrück", "max": 1}


@FEW
@given(scored_problem(max_seekers=8, max_offers=5), SOLVERS, st.integers(0, 10**6), st.booleans())
def test_every_result_passes_the_audit_and_counts_its_blocking_pairs(
    data: dict[str, Any], params: SolveParams, seed: int, quota: bool
) -> None:
    data = with_current(data, seed)
    if quota:
        data["settings"] = {**data["settings"], "quotas": [QUOTA]}
    for variant in (data, reordered(data, seed)) if not quota else (data,):
        problem = parse_problem(variant)
        result = solve(problem, params)
        assert check_validity(problem, result) == []
        assert result.stats["blocking_pairs"] == blocking_by_hand(problem, result)
        assert len(result.moved) == len(problem.current) - result.stats.get("current", {}).get(
            "kept", 0
        )


@FEW
@given(
    st.one_of(scored_problem(max_seekers=8, max_offers=5), pairs_problem()),
    st.sampled_from([None, "greedy", "cpsat"]),
    st.integers(0, 10**6),
)
def test_every_stable_result_passes_the_audit(
    data: dict[str, Any], solver: str | None, seed: int
) -> None:
    problem = parse_problem(_stable(with_current(data, seed), True))
    result = solve(problem, SolveParams(solver=solver or "auto", time_limit=0.0))
    assert check_validity(problem, result) == []
    assert result.stats["blocking_pairs"] == 0 == blocking_by_hand(problem, result)


# -- bounds -------------------------------------------------------------------------------------


def milp_optimum(problem: Problem) -> float:
    """The best total under every rule and side constraint in the problem, by HiGHS.

    Built from the candidate list and the problem's fields alone (requests, places, quotas, hour
    budgets, the waiting share): no engine code beyond the candidate pairs.
    """
    kind = {o.id: o.kind for o in problem.offers}
    arcs = [(c["seeker"], c["offer"], c["score"]) for c in candidate_pairs(problem)]
    arcs = [(s, o, w) for s, o, w in arcs if w > 0]
    if not arcs:
        return 0.0
    seekers = {s.id: s for s in problem.seekers}
    offers = {o.id: o for o in problem.offers}
    rows: list[tuple[np.ndarray, float, float]] = []

    def row(weights: Callable[[str, str], float], low: float, high: float) -> None:
        rows.append((np.array([weights(s, o) for s, o, _ in arcs], dtype=float), low, high))

    for s, k in {(s, kind[o]) for s, o, _ in arcs}:
        row(lambda a, b, s=s, k=k: float(a == s and kind[b] == k), 0, 1)
    for o in {o for _, o, _ in arcs}:
        row(lambda a, b, o=o: float(b == o), 0, offers[o].capacity)
        if problem.pairs is None and offers[o].hours is not None:
            need = lambda a, b, o=o: (b == o) * max(seekers[a].hours, offers[b].session_hours)  # noqa: E731
            row(need, 0, offers[o].hours)
    for q in problem.settings.quotas:
        row(
            lambda a, b, q=q: float(
                getattr(offers[b], q.field) == q.value and q.kind in (None, kind[b])
            ),
            0,
            q.max,
        )
    rule = problem.settings.longest_waiting
    if rule is not None:
        share = round(rule.min_share * 1000)
        row(lambda a, b: 1000 * (seekers[a].waiting_days >= rule.days) - share, 0, np.inf)
    matrix = np.vstack([r[0] for r in rows])
    constraint = LinearConstraint(matrix, [r[1] for r in rows], [r[2] for r in rows])
    score = np.array([w for *_, w in arcs])
    found = milp(
        -score, constraints=[constraint], integrality=np.ones(len(arcs)), bounds=Bounds(0, 1)
    )
    return float(-found.fun)


@FEW
@given(
    scored_problem(max_seekers=8, max_offers=4),
    SOLVERS,
    st.sampled_from(["none", "quota", "hours", "waiting", "stable"]),
)
@example(NO_PLACE, SolveParams(solver="cpsat", time_limit=0.0), "quota")
def test_every_result_is_optimal_or_carries_a_true_bound_or_none(
    data: dict[str, Any], params: SolveParams, extra: str
) -> None:
    if extra == "quota":
        data["settings"] = {**data["settings"], "quotas": [QUOTA]}
    elif extra == "hours":
        for offer in data["offers"]:
            offer["hours"] = 2
    elif extra == "waiting":
        data["settings"] = {**data["settings"], "longest_waiting": {"min_share": 0.5, "days": 300}}
    elif extra == "stable":
        data = _stable(data, True)
    problem = parse_problem(data)
    if params.solver == "flow" and problem.needs_cpsat:
        return
    result = solve(problem, params)
    optimum = milp_optimum(problem)
    assert result.status in ("OPTIMAL", "FEASIBLE")
    assert result.objective <= optimum + 1e-6
    if result.status == "OPTIMAL":
        assert result.objective == pytest.approx(optimum, abs=1e-6)
    if result.bound is not None:
        assert result.bound + 1e-6 >= optimum
        assert result.gap == pytest.approx(
            abs(result.bound - result.objective) / max(abs(result.bound), 1e-9), abs=1e-5
        )
    else:
        assert result.gap is None


# -- refused input ------------------------------------------------------------------------------

Fault = Callable[[dict[str, Any], st.DrawFn], str]


def _seeker(data: dict[str, Any], draw: st.DrawFn) -> tuple[int, dict[str, Any]]:
    i = draw(st.integers(0, len(data["seekers"]) - 1))
    return i, data["seekers"][i]


def _offer(data: dict[str, Any], draw: st.DrawFn) -> tuple[int, dict[str, Any]]:
    j = draw(st.integers(0, len(data["offers"]) - 1))
    return j, data["offers"][j]


def _current(data: dict[str, Any], row: Any) -> str:
    data["current"].append(row)
    return f"$.current[{len(data['current']) - 1}]"


def no_id(data: dict[str, Any], draw: st.DrawFn) -> str:
    i, seeker = _seeker(data, draw)
    seeker["id"] = draw(st.sampled_from([None, "", 3.5, ["s"]]))
    return f"$.seekers[{i}].id"


def bad_capacity(data: dict[str, Any], draw: st.DrawFn) -> str:
    j, offer = _offer(data, draw)
    offer["capacity"] = draw(st.sampled_from([-1, "two", 2**70, 1.5, True]))
    return f"$.offers[{j}].capacity"


def bad_level(data: dict[str, Any], draw: st.DrawFn) -> str:
    i, seeker = _seeker(data, draw)
    seeker["languages"] = {"ar": draw(st.sampled_from(["Z9", "", "fluent-ish"]))}
    return f"$.seekers[{i}].languages.ar"


def nan_weight(data: dict[str, Any], draw: st.DrawFn) -> str:
    data["settings"]["weights"] = {"skill": draw(st.sampled_from([float("nan"), float("inf"), -1]))}
    return "$.settings.weights.skill"


def stable_not_a_flag(data: dict[str, Any], draw: st.DrawFn) -> str:
    data["settings"]["stable"] = draw(st.sampled_from(["yes", "true", 1, 0, [], {}, 1.0]))
    return "$.settings.stable"


def current_not_a_list(data: dict[str, Any], draw: st.DrawFn) -> str:
    data["current"] = draw(st.sampled_from([{"seeker": "s0"}, "s0–o0", 7]))
    return "$.current"


def current_not_an_object(data: dict[str, Any], draw: st.DrawFn) -> str:
    return _current(data, draw(st.sampled_from([["s0", "o0"], "s0", None, 3])))


def current_missing_field(data: dict[str, Any], draw: st.DrawFn) -> str:
    row = {"seeker": data["seekers"][0]["id"], "offer": data["offers"][0]["id"], "kind": "job"}
    field = draw(st.sampled_from(sorted(row)))
    del row[field]
    return f"{_current(data, row)}.{field}"


def current_bad_id(data: dict[str, Any], draw: st.DrawFn) -> str:
    field = draw(st.sampled_from(["seeker", "offer"]))
    row = {"seeker": "s0", "offer": "o0", "kind": "mentor"}
    row[field] = draw(st.sampled_from(["", "  ", ["s0"], {"id": 1}, 1.5, True]))
    return f"{_current(data, row)}.{field}"


def current_unknown_kind(data: dict[str, Any], draw: st.DrawFn) -> str:
    _, offer = _offer(data, draw)
    kind = draw(st.sampled_from(["dance", "Mentor", "", 3]))
    return f"{_current(data, {'seeker': 'someone', 'offer': offer['id'], 'kind': kind})}.kind"


def current_wrong_kind(data: dict[str, Any], draw: st.DrawFn) -> str:
    _, offer = _offer(data, draw)
    kind = draw(st.sampled_from([k for k in KINDS if k != offer["kind"]]))
    return f"{_current(data, {'seeker': 'elsewhere', 'offer': offer['id'], 'kind': kind})}.kind"


def current_twice(data: dict[str, Any], draw: st.DrawFn) -> str:
    _, offer = _offer(data, draw)
    row = {"seeker": "twice", "offer": offer["id"], "kind": offer["kind"]}
    _current(data, row)
    other = draw(st.sampled_from([row, {**row, "offer": "another"}]))
    return _current(data, dict(other))


FAULTS: list[Fault] = [
    no_id,
    bad_capacity,
    bad_level,
    nan_weight,
    stable_not_a_flag,
    current_not_a_list,
    current_not_an_object,
    current_missing_field,
    current_bad_id,
    current_unknown_kind,
    current_wrong_kind,
    current_twice,
]


@st.composite
def broken(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    """A valid problem with one to three faults, and the place each one must be reported at."""
    data = json.loads(json.dumps(draw(scored_problem(max_seekers=4, max_offers=3))))
    data["current"] = []
    faults = draw(st.lists(st.sampled_from(FAULTS), min_size=1, max_size=3, unique=True))
    if current_not_a_list in faults:  # it replaces the list the row faults append to
        faults = [f for f in faults if not f.__name__.startswith("current_")] + [current_not_a_list]
    places = [fault(data, draw) for fault in faults]
    return data, places


def _cli(data: dict[str, Any]) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "problem.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        err = StringIO()
        with redirect_stderr(err):
            code = main(["solve", str(path), "-o", str(Path(folder) / "result.json")])
        return code, err.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_every_refused_input_exits_2_with_its_place(case: tuple[dict[str, Any], list[str]]) -> None:
    data, places = case
    code, err = _cli(data)
    assert code == 2, err
    assert "Traceback" not in err
    for place in places:
        assert f"{place}:" in err, (place, err)


def test_a_stable_flag_of_the_wrong_type_is_refused_with_its_place() -> None:
    data = {**NO_PLACE, "settings": {"stable": "yes"}}
    code, err = _cli(data)
    assert code == 2
    assert "$.settings.stable: must be true or false" in err


@FEW
@given(scored_problem(max_seekers=4, max_offers=3), st.integers(0, 10**6))
def test_people_and_offers_who_left_are_reported_moved_not_refused(
    data: dict[str, Any], seed: int
) -> None:
    # Last week's pairs may name someone who has left since: that is news, not an input error.
    data = with_current(data, seed)
    data["current"] = [c for c in data["current"] if c["seeker"] != "gone"] + [
        {"seeker": "left-us", "offer": data["offers"][0]["id"], "kind": data["offers"][0]["kind"]},
        {"seeker": data["seekers"][0]["id"], "offer": "closed", "kind": "volunteer"},
    ]
    if any(
        c["seeker"] == data["seekers"][0]["id"] and c["kind"] == "volunteer"
        for c in data["current"][:-1]
    ):
        data["current"].pop()
    code, err = _cli(data)
    assert code == 0, err
    result = solve(parse_problem(data))
    reasons = {(m.seeker, m.offer): m.reason for m in result.moved}
    assert reasons[("left-us", data["offers"][0]["id"])] == "seeker_gone"
    if data["current"][-1]["offer"] == "closed":
        assert reasons[(data["seekers"][0]["id"], "closed")] == "offer_gone"
