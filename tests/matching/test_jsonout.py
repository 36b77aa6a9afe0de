"""The fast writer gives the standard library's text for results, and valid JSON for anything."""

from __future__ import annotations

import enum
import json
import math
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import parse_problem, solve
from matching.benchgen import generate_problem
from matching.jsonout import dumps
from tests.matching.builders import scored_problem


def _standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


class _Level(enum.IntEnum):
    B1 = 3


def test_a_generated_result_is_written_byte_for_byte_as_the_standard_library_writes_it() -> None:
    result = solve(parse_problem(generate_problem(300, 3)))
    assert result.matches and result.unmatched and result.capacity_advice
    assert dumps(result) == _standard(result.to_dict())


@settings(max_examples=40, deadline=None)
@given(scored_problem())
def test_any_result_is_written_as_the_standard_library_writes_it(data: dict[str, Any]) -> None:
    result = solve(parse_problem(data))
    assert dumps(result) == _standard(asdict(result))


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from([_Level.B1, 1e16, 5e-06, -0.0, 2**70, Path("a/b")]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.none(), inner, max_size=4)
    ),
    max_leaves=20,
)


def _finite(value: Any) -> Any:
    """What a JSON reader should get back: non-finite floats as null, tuples as lists."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {
            json.loads(json.dumps(k)) if not isinstance(k, str) else k: _finite(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_any_value_reads_back_as_the_standard_library_would_write_it(value: Any) -> None:
    text = dumps(value)
    # Strict JSON: no NaN or Infinity tokens, which the standard library would write.
    read = json.loads(text, parse_constant=lambda token: (_ for _ in ()).throw(ValueError(token)))
    expected = json.loads(_standard(_finite(value)))
    assert read == expected


def test_the_layout_is_the_standard_librarys_two_space_indent() -> None:
    value = {"a": [1, {"b": None}], "c": [], "d": {}, "e": "ü"}
    assert dumps(value) == _standard(value)


def test_integers_beyond_64_bits_are_written_whole() -> None:
    assert json.loads(dumps({"capacity": 2**70})) == {"capacity": 2**70}
