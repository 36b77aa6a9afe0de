"""Right at every edge: language aliases, ways of writing a language, reach, the audit."""

from __future__ import annotations

import ast
import math
from importlib import resources
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import check_validity, normalise_language, parse_problem, solve
from matching.result import Match, Result
from matching.taxonomy import languages
from tests.matching.builders import scored_problem, summary

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HERE = {"lat": 52.28, "lon": 8.05}


def _pair(seeker: dict[str, Any], offer: dict[str, Any]) -> dict[str, Any]:
    return {
        "seekers": [
            {
                "id": "s",
                "wants": [offer.get("kind", "mentor")],
                "work_status": "allowed",
                "languages": {"de": "B2"},
                **seeker,
            }
        ],
        "offers": [{"id": "o", **offer}],
        "settings": {"reference_date": "2025-06-01"},
    }


@pytest.mark.parametrize(
    "spoken",
    [
        {"Farsi": "native", "Dari": "A2"},
        {"Dari": "A2", "Farsi": "native"},
        {"Persisch": "native", "prs": "A2"},
        {"prs": "A2", "Persisch": "native"},
        {"pes": "native", "fa": "A2"},
        {"fa": "A2", "pes": "native"},
    ],
)
def test_an_offer_naming_a_language_twice_counts_its_highest_level(spoken: dict[str, str]) -> None:
    data = _pair({"languages": {"Dari": "native"}}, {"languages": spoken})
    result = solve(parse_problem(data))
    assert [(m.seeker, m.offer) for m in result.matches] == [("s", "o")]
    # The level that counted is named (native on both sides), in the seeker's own words.
    reason = next(r for r in result.matches[0].reasons if r.key == "shared_language")
    assert reason.params == {"lang": "prs", "level": "native"}


@pytest.mark.parametrize("required", [{"Farsi": "C1", "Dari": "A2"}, {"Dari": "A2", "Farsi": "C1"}])
def test_min_language_named_twice_takes_the_highest_level_whatever_the_order(
    required: dict[str, str],
) -> None:
    offer = {"kind": "job", "min_language": required}
    fluent = solve(parse_problem(_pair({"languages": {"prs": "C1"}}, offer)))
    beginner = solve(parse_problem(_pair({"languages": {"prs": "B1"}}, offer)))
    assert len(fluent.matches) == 1
    assert beginner.matches == ()
    assert beginner.unmatched[0].cause == "no_shared_language"


def test_the_explanation_names_the_seekers_best_form_of_the_language() -> None:
    data = _pair({"languages": {"Farsi": "A1", "Dari": "native"}}, {"languages": {"fa": "native"}})
    reason = next(
        r for r in solve(parse_problem(data)).matches[0].reasons if r.key == "shared_language"
    )
    assert reason.params == {"lang": "prs", "level": "native"}


@FAST
@given(scored_problem(), st.randoms(use_true_random=False))
def test_key_order_never_changes_the_objective_or_the_pairs(data: dict[str, Any], rnd: Any) -> None:
    def shuffled(languages: dict[str, str]) -> dict[str, str]:
        items = list(languages.items())
        rnd.shuffle(items)
        return dict(items)

    other = {
        **data,
        "seekers": [{**s, "languages": shuffled(s["languages"])} for s in data["seekers"]],
        "offers": [{**o, "languages": shuffled(o["languages"])} for o in data["offers"]],
    }
    # Name Persian twice, under two codes at two levels, in opposite orders.
    for o, p in zip(data["offers"], other["offers"], strict=True):
        o["languages"] = {**o["languages"], "Dari": "A2", "Farsi": "C1"}
        p["languages"] = {**p["languages"], "Farsi": "C1", "Dari": "A2"}
    first, second = solve(parse_problem(data)), solve(parse_problem(other))
    assert first.objective == second.objective
    assert {(m.seeker, m.offer) for m in first.matches} == {
        (m.seeker, m.offer) for m in second.matches
    }


@pytest.mark.parametrize(
    ("seeker", "offer"),
    [
        ("Kurdisch", "kmr"),
        ("ku", "Kurmanji"),
        ("arb", "ar"),
        ("Arabisch", "apc"),
        ("fa-AF", "fa"),
        ("Dari", "fa-AF"),
        ("ar-SY", "Arabic"),
        ("de_AT", "de"),
    ],
)
def test_a_language_written_any_common_way_is_understood(seeker: str, offer: str) -> None:
    data = _pair({"languages": {seeker: "native"}}, {"languages": {offer: "native"}})
    assert len(solve(parse_problem(data)).matches) == 1


def test_sorani_is_not_kurmanji() -> None:
    data = _pair({"languages": {"Sorani": "native"}}, {"languages": {"Kurmanji": "native"}})
    assert solve(parse_problem(data)).matches == ()


def test_every_alias_in_the_table_is_understood_as_its_group() -> None:
    for alias, group in languages.SAME_LANGUAGE.items():
        code = normalise_language(alias).code
        assert code is not None, alias
        assert languages.comparison_code(code) == group, alias


def test_fa_af_is_dari() -> None:
    assert normalise_language("fa-AF").code == "prs"
    assert normalise_language("fa_af").code == "prs"


@pytest.mark.parametrize("radius", [10_008, 10_100, 15_000, 20_016, 1e9])
def test_a_seeker_without_location_is_never_within_a_finite_radius(radius: float) -> None:
    data = _pair({"max_km": radius}, {"location": HERE})
    result = solve(parse_problem(data))
    assert result.matches == ()
    assert result.unmatched[0].cause == "too_far"


def test_without_a_travel_limit_on_either_side_a_missing_location_is_in_reach() -> None:
    result = solve(parse_problem(_pair({}, {"location": HERE})))
    assert len(result.matches) == 1


def test_the_audit_accepts_a_pair_that_shares_a_language_named_twice() -> None:
    problem = parse_problem(
        _pair({"languages": {"Dari": "native"}}, {"languages": {"Farsi": "native", "Dari": "A2"}})
    )
    # A hand-made result, so the audit is judged on its own and not on the solver's answer.
    match = Match("s", "o", "mentor", 10.0, {}, ())
    result = Result("OPTIMAL", 10.0, None, None, "flow", (match,), (), {}, (), (), {})
    assert check_validity(problem, result) == []


def test_the_audit_reports_a_seeker_without_location_as_too_far() -> None:
    problem = parse_problem(_pair({"max_km": 15_000}, {"location": HERE}))
    match = Match("s", "o", "mentor", 10.0, {}, ())
    result = Result("OPTIMAL", 10.0, None, None, "flow", (match,), (), {}, (), (), {})
    assert check_validity(problem, result) == ["pair s–o breaks too_far"]


def test_the_audit_shares_no_code_with_the_rules_it_audits() -> None:
    source = resources.files("matching").joinpath("checks.py").read_text("utf-8")
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    fast_path = {"matching.rules", "matching.compiled", "matching.candidates", "matching.scoring"}
    assert not imported & fast_path
    names = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module == "matching.taxonomy.languages"
        for alias in node.names
    }
    assert names <= {"SAME_LANGUAGE"}


@FAST
@given(scored_problem())
def test_every_result_passes_the_independent_audit(data: dict[str, Any]) -> None:
    for o in data["offers"]:
        o["languages"] = {**o["languages"], "Dari": "A2", "Farsi": "native"}
    problem = parse_problem(data)
    result = solve(problem)
    assert check_validity(problem, result) == []
    assert summary(result) == summary(solve(problem))
    assert math.isfinite(result.objective)


def _near(seeker_location: dict[str, str], offer_location: dict[str, str]) -> dict[str, Any]:
    return _pair({"location": seeker_location, "max_km": 3}, {"location": offer_location})


def test_a_town_sharing_its_postcode_is_found_by_name() -> None:
    ankum = {"postcode": "49577", "town": "Ankum"}
    kettenkamp = {"postcode": "49577", "town": "kettenkamp"}
    assert len(solve(parse_problem(_near(ankum, ankum))).matches) == 1
    # Kettenkamp is about 6 km from Ankum: beyond a 3 km radius, although the postcode is one.
    far = solve(parse_problem(_near(ankum, kettenkamp)))
    assert far.matches == ()
    assert far.unmatched[0].cause == "too_far"


def test_a_shared_postcode_alone_stands_for_its_most_populous_town_and_says_so() -> None:
    problem = parse_problem(_near({"postcode": "49577", "town": "Ankum"}, {"postcode": "49577"}))
    assert problem.offers[0].location is not None
    assert problem.offers[0].location.town == "Ankum"
    result = solve(problem)
    assert len(result.matches) == 1
    assumed = [r.params for r in result.matches[0].reasons if r.key == "postcode_town_assumed"]
    assert assumed == [{"side": "offer", "postcode": "49577", "town": "Ankum"}]
    assert result.stats["towns_assumed"] == [
        {"side": "offer", "id": "o", "postcode": "49577", "town": "Ankum"}
    ]


@pytest.mark.parametrize(
    ("postcode", "town"), [("49577", "Ankum"), ("49626", "Berge"), ("49586", "Neuenkirchen")]
)
def test_every_shared_postcode_follows_the_most_populous_rule(postcode: str, town: str) -> None:
    from matching import geo

    served = geo.towns_for_postcode(postcode)
    assert len(served) > 1
    assert geo.town_for_postcode(postcode) == served[0]
    assert served[0].name == town
    assert served[0].population_k == max(t.population_k for t in served)


def test_a_town_the_postcode_does_not_serve_is_an_input_error() -> None:
    from matching import ProblemError

    with pytest.raises(ProblemError) as error:
        parse_problem(_near({"postcode": "49577", "town": "Bramsche"}, {"postcode": "49565"}))
    assert [str(i) for i in error.value.issues] == [
        "$.seekers[0].location.town: 'Bramsche' is not served by postcode 49577 "
        "(Ankum, Kettenkamp, Eggermühlen)"
    ]


def test_a_postcode_of_one_town_is_not_an_assumption() -> None:
    result = solve(parse_problem(_near({"postcode": "49565"}, {"postcode": "49565"})))
    assert all(r.key != "postcode_town_assumed" for r in result.matches[0].reasons)
    assert "towns_assumed" not in result.stats


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Industriemechaniker", "occ.industrial_mechanic"),
        ("Kassierer", "occ.cashier"),
        ("Konditor", "occ.confectioner"),
        ("Masseur", "occ.masseur"),
        ("Industriekauffrau", "occ.industrial_clerk"),
        ("Kauffrau für Spedition", "occ.logistics_clerk"),
    ],
)
def test_a_job_title_finds_its_own_occupation_before_any_synonym(
    title: str, occupation: str
) -> None:
    from matching import normalise_skill

    assert normalise_skill(title).id == occupation


def test_every_occupation_is_found_by_each_of_its_own_forms() -> None:
    from matching import normalise_skill
    from matching.taxonomy.skills import load_taxonomy

    for entry in load_taxonomy().entries:
        head, _, tail = entry.de.partition("/")
        forms = [entry.de, entry.en]
        if tail == "in":
            forms += [head, head + "in"]
        for form in forms:
            assert normalise_skill(form).id == entry.id, (form, entry.id)


def _tied(order: list[int]) -> dict[str, Any]:
    """Four equal seekers and two equal offers of one place each: every answer ties."""
    seekers = [{"id": f"s{i}", "wants": ["mentor"], "languages": {"de": "B2"}} for i in range(4)]
    offers = [{"id": f"o{j}"} for j in range(2)]
    return {
        "seekers": [seekers[i] for i in order],
        "offers": offers if order[0] % 2 else offers[::-1],
        "settings": {"reference_date": "2025-06-01"},
    }


@pytest.mark.parametrize("order", [[1, 2, 3, 0], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_ties_are_broken_by_ids_never_by_input_order(order: list[int]) -> None:
    first = solve(parse_problem(_tied([0, 1, 2, 3])))
    other = solve(parse_problem(_tied(order)))
    assert other.objective == first.objective
    assert {(m.seeker, m.offer) for m in other.matches} == {
        (m.seeker, m.offer) for m in first.matches
    }


@FAST
@given(scored_problem(), st.randoms(use_true_random=False))
def test_row_order_never_changes_the_answer(data: dict[str, Any], rnd: Any) -> None:
    other = {**data, "seekers": list(data["seekers"]), "offers": list(data["offers"])}
    rnd.shuffle(other["seekers"])
    rnd.shuffle(other["offers"])
    first, second = solve(parse_problem(data)), solve(parse_problem(other))
    assert first.objective == second.objective
    assert first.matches == second.matches
    assert first.unmatched == second.unmatched
