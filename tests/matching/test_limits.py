"""Out-of-range input: a right answer up to the stated limits, exit 2 with the place beyond them."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from matching import SolveParams, check_validity, parse_problem, solve
from matching.cli import main

GOOD: dict[str, Any] = {
    "seekers": [{"id": "s1", "wants": ["mentor"], "languages": {"de": "B2"}}],
    "offers": [{"id": "o1", "kind": "mentor"}],
}


def _run(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    code = main(["solve", str(path), "-o", str(tmp_path / "r.json"), *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert time.perf_counter() - started < 2.0
    assert "Traceback" not in err
    assert len(err) < 2_000
    return err


def _with(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = data
        keys = [int(k) if k.isdigit() else k for k in path.split("__")]
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    ("changes", "place"),
    [
        ({"settings": {"weights": {"skill": 1e300}}}, "$.settings.weights.skill"),
        ({"settings": {"weights": {"base": 1e16}}}, "$.settings.weights.base"),
        ({"offers__0__capacity": 2**70}, "$.offers[0].capacity"),
        ({"seekers__0__hours": 1e300}, "$.seekers[0].hours"),
        ({"offers__0__session_hours": 169}, "$.offers[0].session_hours"),
        ({"offers__0__hours": 1e300}, "$.offers[0].hours"),
        ({"seekers__0__waiting_days": 10**30}, "$.seekers[0].waiting_days"),
        ({"seekers__0__languages": {"x" * 10_000_000: "B1"}}, "$.seekers[0].languages.xxxx"),
        ({"seekers__0__skills": ["Koch" * 2_500_000]}, "$.seekers[0].skills[0]"),
        ({"seekers__0__region": "R" * 10_000_000}, "$.seekers[0].region"),
        ({"seekers__0__id": "s" * 10_000_000}, "$.seekers[0].id"),
        ({"settings": {"quotas": [{"field": "region", "value": "A", "max": 2**70}]}}, "max"),
        ({"settings": {"time_limit": 1e300}}, "$.settings.time_limit"),
    ],
)
def test_numbers_and_texts_beyond_the_limits_exit_2_with_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any], place: str
) -> None:
    assert place in _run(tmp_path, json.dumps(_with(**changes)), capsys)


def test_pair_scores_that_would_overflow_the_scaling_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {
        "seekers": [{"id": "s1"}, {"id": "s2"}],
        "offers": [{"id": "o1"}],
        "pairs": [
            {"seeker": "s1", "offer": "o1", "score": 1e17},
            {"seeker": "s2", "offer": "o1", "score": 1e17},
        ],
    }
    err = _run(tmp_path, json.dumps(data), capsys)
    assert "$.pairs[0].score" in err
    assert "$.pairs[1].score" in err


@pytest.mark.parametrize(
    ("literal", "place"),
    [("NaN", "$.seekers[0].max_km"), ("Infinity", "$.seekers[0].max_km")],
)
def test_nan_and_infinity_literals_are_refused_with_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], literal: str, place: str
) -> None:
    text = json.dumps(_with(seekers__0__max_km=0)).replace('"max_km": 0', f'"max_km": {literal}')
    assert f"{place}: must be a finite number" in _run(tmp_path, text, capsys)


def test_deep_nesting_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "nested too deeply" in _run(tmp_path, "[" * 100_000 + "]" * 100_000, capsys)


def test_nesting_inside_a_field_is_named_without_a_recursion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(_with(offers__0__kind=0)).replace(
        '"kind": 0', '"kind": ' + "[" * 900 + "]" * 900
    )
    assert "$.offers[0].kind" in _run(tmp_path, text, capsys)


def test_a_huge_integer_literal_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = json.dumps(_with(offers__0__capacity=0)).replace(
        '"capacity": 0', '"capacity": ' + "9" * 5_000
    )
    _run(tmp_path, text, capsys)


@pytest.mark.parametrize(
    "args", [["--top-k", "-1"], ["--time-limit", "-1"], ["--time-limit", "nan"]]
)
def test_negative_or_nan_command_line_limits_exit_2(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["solve", str(path), *args])
    assert stop.value.code == 2


@pytest.mark.parametrize("params", [{"top_k": -1}, {"top_k": 0}, {"time_limit": -1.0}])
def test_the_api_refuses_limits_that_cannot_mean_anything(params: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"top_k|time_limit"):
        SolveParams(**params)


def test_values_at_the_limits_get_a_right_answer() -> None:
    data = {
        "seekers": [{"id": f"s{i}", "hours": 168} for i in range(3)],
        "offers": [{"id": "o1", "capacity": 1_000_000_000, "session_hours": 168}, {"id": "o2"}],
        "pairs": [
            {"seeker": "s0", "offer": "o1", "score": 1_000_000},
            {"seeker": "s1", "offer": "o1", "score": 999_999.99},
            {"seeker": "s2", "offer": "o2", "score": -1_000_000},
        ],
        "settings": {"weights": dict.fromkeys(["skill", "base"], 10_000)},
    }
    problem = parse_problem(data)
    result = solve(problem)
    assert result.status == "OPTIMAL"
    assert result.objective == pytest.approx(1_999_999.99)
    assert check_validity(problem, result) == []


def test_the_schema_states_the_limits_the_parser_keeps() -> None:
    from matching import validation

    schema = json.loads(
        resources.files("matching").joinpath("problem.schema.json").read_text("utf-8")
    )
    defs = schema["$defs"]
    offer, seeker = defs["offer"]["properties"], defs["seeker"]["properties"]
    assert defs["id"]["maxLength"] == validation.MAX_TEXT
    assert offer["capacity"]["maximum"] == validation.MAX_COUNT
    assert offer["session_hours"]["maximum"] == seeker["hours"]["maximum"]
    assert seeker["hours"]["maximum"] == validation.MAX_WEEK_HOURS
    assert offer["hours"]["maximum"] == validation.MAX_HOURS_BUDGET
    assert defs["pair"]["properties"]["score"]["maximum"] == validation.MAX_PAIR_SCORE
    weights = schema["properties"]["settings"]["properties"]["weights"]["properties"]
    assert {w["maximum"] for w in weights.values()} == {validation.MAX_WEIGHT}
