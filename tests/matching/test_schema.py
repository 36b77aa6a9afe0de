"""The shipped JSON Schema names exactly the fields the parser reads."""

from __future__ import annotations

import json
from importlib import resources

from matching.parse import OFFER_FIELDS, PROBLEM_FIELDS, SEEKER_FIELDS, SETTINGS_FIELDS


def test_schema_and_parser_agree() -> None:
    schema = json.loads(
        resources.files("matching").joinpath("problem.schema.json").read_text("utf-8")
    )
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(PROBLEM_FIELDS)
    assert set(defs["seeker"]["properties"]) == set(SEEKER_FIELDS)
    assert set(defs["offer"]["properties"]) == set(OFFER_FIELDS)
    assert set(schema["properties"]["settings"]["properties"]) == set(SETTINGS_FIELDS)
