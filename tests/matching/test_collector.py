"""``solve()`` leaves the process's garbage collector alone; only the one-shot CLI pauses it.

The collector's switch is process-wide: a web worker solving a round in one thread must not turn
it off for the threads serving pages beside it (found in review: ``solve()`` paused it itself).
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from matching import parse_problem, solve
from matching.benchgen import generate_problem
from matching.cli import main


def _refuse_pausing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    return calls


def test_solve_never_turns_the_collector_off(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _refuse_pausing(monkeypatch)
    result = solve(parse_problem(generate_problem(400, seed=3)))
    assert result.matches
    assert calls == []
    assert gc.isenabled()


def test_the_cli_pauses_it_and_turns_it_on_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = _refuse_pausing(monkeypatch)
    problem = tmp_path / "problem.json"
    problem.write_text(json.dumps(generate_problem(400, seed=3)))
    assert main(["solve", str(problem), "-o", str(tmp_path / "result.json")]) == 0
    assert calls == ["disable"]
    assert gc.isenabled()
