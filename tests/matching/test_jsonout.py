"""The fast indented writer gives exactly the standard library's text, for results and anything."""

from __future__ import annotations

import enum
import json
from dataclasses import asdict
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


def test_a_generated_result_is_written_byte_for_byte_as_before() -> None:
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
    | st.sampled_from([_Level.B1, 1e16, 5e-06, -0.0]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.none(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_any_value_is_written_as_the_standard_library_writes_it(value: Any) -> None:
    assert dumps(value) == _standard(value)
