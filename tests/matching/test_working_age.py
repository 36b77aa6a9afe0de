"""The age rule for jobs (Jugendarbeitsschutzgesetz §§ 2, 5): no job for a child under 15.

The right-to-work status alone does not protect a child: one recorded as "allowed" by mistake
must still never be proposed a job, while a mentor (with a valid certificate) stays open to it.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import ProblemError, check_validity, parse_problem, solve
from matching.checks import broken_rule
from matching.compiled import compile_problem
from matching.result import Match
from matching.rules import exclusion_reason
from tests.matching.builders import scored_problem
from tests.matching.test_properties import FAST

HERE = {"postcode": "49565"}  # Bramsche


def child(age: int | None, **fields: Any) -> dict[str, Any]:
    """A seeker who wants a job and a mentor, allowed to work, who meets every other rule."""
    seeker = {
        "id": "amira",
        "wants": ["job", "mentor"],
        "languages": {"ar": "native", "de": "B1"},
        "location": HERE,
        "work_status": "allowed",
        **fields,
    }
    if age is not None:
        seeker["age"] = age
    return seeker


def problem(*seekers: dict[str, Any]) -> dict[str, Any]:
    return {
        "seekers": list(seekers),
        "offers": [
            {"id": "job-bakery", "kind": "job", "location": HERE, "capacity": 2},
            {
                "id": "mentor-hanna",
                "kind": "mentor",
                "languages": {"de": "native", "ar": "B2"},
                "location": HERE,
                "good_conduct_until": "2099-12-31",
            },
        ],
        "settings": {"reference_date": "2026-11-26"},
    }


def matched(data: dict[str, Any]) -> set[tuple[str, str]]:
    parsed = parse_problem(data)
    result = solve(parsed)
    assert check_validity(parsed, result) == []
    return {(m.seeker, m.offer) for m in result.matches}


def test_a_14_year_old_allowed_to_work_gets_a_mentor_but_never_a_job() -> None:
    data = problem(child(14))
    parsed = parse_problem(data)
    result = solve(parsed)
    assert {(m.seeker, m.offer) for m in result.matches} == {("amira", "mentor-hanna")}
    assert [(u.kind, u.cause) for u in result.unmatched] == [("job", "under_working_age")]
    assert result.unmet_by_cause == {"job": {"under_working_age": 1}}
    assert check_validity(parsed, result) == []


@pytest.mark.parametrize("age", [15, 16, 17, 40])
def test_from_15_the_job_is_open(age: int) -> None:
    assert matched(problem(child(age))) == {("amira", "job-bakery"), ("amira", "mentor-hanna")}


def test_an_unknown_age_does_not_exclude() -> None:
    assert ("amira", "job-bakery") in matched(problem(child(None)))


def test_the_explanation_names_the_rule_for_the_pair() -> None:
    parsed = parse_problem(problem(child(14), {**child(15), "id": "yusuf"}))
    compiled = compile_problem(parsed)
    assert exclusion_reason(compiled, 0, 0) == "under_working_age"
    assert exclusion_reason(compiled, 0, 1) is None
    assert exclusion_reason(compiled, 1, 0) is None
    assert broken_rule(parsed, parsed.seekers[0], parsed.offers[0]) == "under_working_age"


def test_the_age_is_named_before_a_missing_right_to_work() -> None:
    parsed = parse_problem(problem(child(13, work_status="not_allowed")))
    assert exclusion_reason(compile_problem(parsed), 0, 0) == "under_working_age"
    assert broken_rule(parsed, parsed.seekers[0], parsed.offers[0]) == "under_working_age"


def test_check_validity_catches_a_job_given_to_a_child() -> None:
    parsed = parse_problem(problem(child(14)))
    result = solve(parsed)
    forged = Match("amira", "job-bakery", "job", 50.0, {}, ())
    errors = check_validity(parsed, replace(result, matches=(*result.matches, forged)))
    assert errors == ["pair amira–job-bakery breaks under_working_age"]


def test_an_age_under_18_makes_a_minor_for_the_good_conduct_rule() -> None:
    data = problem(child(16, wants=["mentor"]))
    del data["offers"][1]["good_conduct_until"]
    parsed = parse_problem(data)
    assert parsed.seekers[0].is_minor
    assert exclusion_reason(compile_problem(parsed), 0, 1) == "no_good_conduct_certificate"
    assert matched(data) == set()
    data["seekers"][0]["age"] = 18
    assert matched(data) == {("amira", "mentor-hanna")}


@pytest.mark.parametrize(
    ("fields", "place", "words"),
    [
        ({"age": -1}, "$.seekers[0].age", "-1 is not an age"),
        ({"age": 1990}, "$.seekers[0].age", "from 0 to 150"),
        ({"age": 14.5}, "$.seekers[0].age", "14.5 is not an age"),
        ({"age": "14"}, "$.seekers[0].age", "'14' is not an age"),
        ({"age": True}, "$.seekers[0].age", "True is not an age"),
        ({"age": 20, "minor": True}, "$.seekers[0].minor", "true contradicts age 20"),
        ({"age": 16, "minor": False}, "$.seekers[0].minor", "false contradicts age 16"),
    ],
)
def test_a_bad_age_is_reported_with_its_place(
    fields: dict[str, Any], place: str, words: str
) -> None:
    data = problem({**child(None), **fields})
    with pytest.raises(ProblemError) as error:
        parse_problem(data)
    [issue] = error.value.issues
    assert issue.place == place
    assert words in issue.message


def children_allowed_to_work(data: dict[str, Any], ages: list[int]) -> dict[str, Any]:
    """Every seeker a child under 15 recorded, by mistake, as allowed to work.

    Travel radii, residence regions and job language floors are lifted and every seeker speaks
    German, so that the age is what stands between many children and a job (in the plain random
    problems fewer than 2 % of job pairs get past the distance and language rules).
    """
    for seeker, age in zip(data["seekers"], ages, strict=False):
        seeker.update(age=age, work_status="allowed", languages={**seeker["languages"], "de": "B1"})
        for key in ("minor", "max_km", "region"):
            seeker.pop(key, None)
    for offer in data["offers"]:
        offer.pop("max_km", None)
        if offer["kind"] == "job":
            offer.pop("min_language", None)
    return data


@FAST
@given(scored_problem(), st.lists(st.sampled_from([0, 10, 13, 14]), min_size=6, max_size=6))
def test_children_fare_exactly_as_if_they_had_not_asked_for_a_job(
    data: dict[str, Any], ages: list[int]
) -> None:
    parsed = parse_problem(children_allowed_to_work(data, ages))
    result = solve(parsed)
    assert check_validity(parsed, result) == []
    assert all(m.kind != "job" for m in result.matches)
    without_jobs = deepcopy(data)
    without_jobs["seekers"] = [
        {**s, "wants": [k for k in s["wants"] if k != "job"]}
        for s in data["seekers"]
        if s["wants"] != ["job"]
    ]
    if without_jobs["seekers"]:
        assert solve(parse_problem(without_jobs)).objective == result.objective
    else:
        assert result.objective == 0
