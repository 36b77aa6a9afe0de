"""The command line: good path, and every class of bad input → exit 2, place named, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from matching.cli import main

GOOD: dict[str, Any] = {
    "seekers": [
        {"id": "s1", "wants": ["mentor"], "languages": {"arabisch": "native", "Deutsch": "A2"},
         "location": {"postcode": "49565"}, "max_km": 30, "skills": ["Elektricker"]},
    ],
    "offers": [
        {"id": "o1", "kind": "mentor", "languages": {"de": "native", "ar": "B2"},
         "location": {"lat": 52.28, "lon": 8.05}, "skills": ["Elektriker"], "capacity": 2},
    ],
}  # fmt: skip


def _write(tmp_path: Path, data: Any, name: str = "problem.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_solve_writes_result_and_candidates(tmp_path: Path) -> None:
    problem = _write(tmp_path, GOOD)
    out, pairs = tmp_path / "result.json", tmp_path / "pairs.json"
    assert main(["solve", str(problem), "-o", str(out), "--candidates", str(pairs)]) == 0
    result = json.loads(out.read_text())
    assert result["status"] == "OPTIMAL"
    assert [(m["seeker"], m["offer"]) for m in result["matches"]] == [("s1", "o1")]
    assert json.loads(pairs.read_text())[0]["seeker"] == "s1"


def test_module_entry_point_runs(tmp_path: Path) -> None:
    problem = _write(tmp_path, GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "matching", "solve", str(problem)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["objective"] > 0


def _bad(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "place"),
    [
        (_bad(seekers__0__id=None), "$.seekers[0].id"),
        (_bad(seekers__0__languages={"arabisch": "Z9"}), "$.seekers[0].languages.arabisch"),
        (
            _bad(seekers__0__languages={"Klingonish2000": "B1"}),
            "$.seekers[0].languages.Klingonish2000",
        ),
        (
            _bad(offers__0__id="s1", seekers__0__id="x")
            | {"offers": [GOOD["offers"][0], GOOD["offers"][0]]},
            "$.offers[1].id",
        ),
        (_bad(pairs=[{"seeker": "s1", "offer": "nope", "score": 1}]), "$.pairs[0].offer"),
        (_bad(offers__0__capacity=-1), "$.offers[0].capacity"),
        (_bad(offers__0__kind="friend"), "$.offers[0].kind"),
        (_bad(seekers__0__availability=["monday 18-20"]), "$.seekers[0].availability[0]"),
        (_bad(seekers__0__location={"postcode": "99999"}), "$.seekers[0].location.postcode"),
        (_bad(seekers__0__max_kms=3), "$.seekers[0].max_kms"),
        ({"offers": []}, "$.seekers"),
    ],
)
def test_bad_input_names_the_place_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any, place: str
) -> None:
    assert main(["solve", str(_write(tmp_path, data))]) == 2
    err = capsys.readouterr().err
    assert place in err
    assert "Traceback" not in err


def test_invalid_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["solve", str(_write(tmp_path, '{"seekers": [\n  {"id": }]}'))]) == 2
    assert "problem.json:2:" in capsys.readouterr().err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_every_error_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _bad(seekers__0__languages={"ar": "Z9"}, offers__0__capacity="two")
    assert main(["solve", str(_write(tmp_path, data))]) == 2
    err = capsys.readouterr().err
    assert "$.seekers[0].languages.ar" in err
    assert "$.offers[0].capacity" in err
    assert "2 error(s)" in err


def test_no_traceback_from_a_subprocess(tmp_path: Path) -> None:
    path = _write(tmp_path, _bad(seekers__0__wants=["space travel"]))
    done = subprocess.run(
        [sys.executable, "-m", "matching", "solve", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "$.seekers[0].wants[0]" in done.stderr
    assert "Traceback" not in done.stderr
