"""Normalisation: skills with typos, honest "unknown", languages by any name, CEFR order."""

from __future__ import annotations

import pytest

from matching import Level, is_level, normalise_language, normalise_skill, parse_level, suggest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elektricker", "occ.electrician"),
        ("Schweisser", "occ.welder"),
        ("Schweißer", "occ.welder"),
        ("welder", "occ.welder"),
        ("Pflegehelferin (m/w/d)", "occ.care_assistant"),
        ("care assistant", "occ.care_assistant"),
        ("Baecker", "occ.baker"),
        ("Lagerarbiter", "occ.warehouse_clerk"),
        ("kfz mechatronikr", "occ.car_mechatronic"),
        ("erfahrener Schweißer", "occ.welder"),
        ("IT", "occ.it_specialist"),
        ("Frisör", "occ.hairdresser"),
    ],
)
def test_skills_map_despite_typos_and_case(text: str, expected: str) -> None:
    value = normalise_skill(text)
    assert value.id == expected
    assert value.original == text


@pytest.mark.parametrize("text", ["Astronaut", "xyz", "Ma", "Raketenwissenschaft"])
def test_unknown_rather_than_a_wrong_guess(text: str) -> None:
    value = normalise_skill(text)
    assert value.id is None
    assert value.label == text.strip()


def test_similar_trades_are_not_confused() -> None:
    assert normalise_skill("Maler").id == "occ.painter"
    assert normalise_skill("Maurer").id == "occ.bricklayer"


def test_labels_follow_the_display_language() -> None:
    assert normalise_skill("Schweißer", lang="en").label == "welder"
    assert normalise_skill("welder", lang="de").label == "Schweißer/in"


def test_suggest_offers_prefix_matches_first() -> None:
    hits = suggest("Elektr", "de", limit=3)
    assert hits[0].id == "occ.electrician"
    assert len(hits) <= 3
    assert suggest("Frisr", "de")[0].id == "occ.hairdresser"
    assert suggest("", "de") == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("arabisch", "ar"), ("Arabic", "ar"), ("عربي", "ar"), ("Farsi", "fa"), ("Persisch", "fa"),
        ("Dari", "prs"), ("Kurmanji", "kmr"), ("Sorani", "ckb"), ("Tigrinya", "ti"),
        ("ትግርኛ", "ti"), ("Paschtu", "ps"), ("Somali", "so"), ("Ukrainisch", "uk"),
        ("Russisch", "ru"), ("Türkisch", "tr"), ("Deutsch", "de"), ("de", "de"), ("Arabsch", "ar"),
    ],
)  # fmt: skip
def test_languages_by_any_name(name: str, code: str) -> None:
    value = normalise_language(name)
    assert value.code == code
    assert value.original == name


def test_unknown_language_name() -> None:
    assert normalise_language("xx").code is None


def test_levels_are_ordered_and_parsed() -> None:
    assert Level.A1 < Level.A2 < Level.B1 < Level.B2 < Level.C1 < Level.C2 < Level.NATIVE
    assert parse_level("b1") is Level.B1
    assert parse_level("Muttersprache") is Level.NATIVE
    assert Level.NATIVE.label == "native"
    assert not is_level("D1")
    with pytest.raises(ValueError, match="A1, A2"):
        parse_level("D1")


def _ids(text: str, lang: str = "de") -> list[str]:
    return [hit.id for hit in suggest(text, lang)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_true_prefix_is_not_padded_with_noise(lang: str) -> None:
    # "Schwei" starts "Schweißer"; "Schrei(ben)", "Schwim(men)", "Schnei(der)" are unrelated.
    assert _ids("Schwei", lang) == ["occ.welder"]
    assert _ids("weld", lang) == ["occ.welder"]
    assert _ids("Mal", lang) == ["occ.painter"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_prefixes_in_german_and_english(lang: str) -> None:
    electric = {"occ.electrician", "occ.electrical_engineer", "occ.electronics_tech"}
    assert electric <= set(_ids("Elektr", lang))
    assert _ids("Elektr", lang)[0] in electric
    assert set(_ids("electr", lang)) == set(_ids("Elektr", lang))
    kranken = _ids("Kranken", lang)
    assert "occ.nurse" in kranken
    assert "occ.welder" not in kranken
    assert _ids("Frisör", lang) == ["occ.hairdresser"]
    assert _ids("Friseur", lang) == ["occ.hairdresser"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_misspelt_prefixes_find_the_trade_and_nothing_unrelated(lang: str) -> None:
    assert _ids("Elektik", lang)[0] == "occ.electrician"
    assert set(_ids("Elektik", lang)) <= {"occ.electrician", "occ.electronics_tech"}
    assert _ids("Frisr", lang) == ["occ.hairdresser"]
    assert _ids("weldr", lang) == ["occ.welder"]
    assert _ids("Schweiser", lang) == ["occ.welder"]
    assert _ids("hiardresser", lang) == ["occ.hairdresser"]


def test_suggestions_carry_the_label_in_the_display_language() -> None:
    assert [hit.label for hit in suggest("Schwei", "en")] == ["welder"]
    assert [hit.label for hit in suggest("weld", "de")] == ["Schweißer/in"]


def test_a_resolved_id_gives_the_label_without_searching_again() -> None:
    from matching.taxonomy import resolved_skill

    found = normalise_skill("Elektricker")
    given = resolved_skill(found.id, "Elektricker")
    assert (given.id, given.label, given.original) == (found.id, found.label, "Elektricker")
    assert resolved_skill("occ.welder", "Schweisser", "en").label == "welder"
    unknown = resolved_skill(None, "Raketenwissenschaft")
    assert unknown == normalise_skill("Raketenwissenschaft")


def test_an_id_the_taxonomy_no_longer_has_is_looked_up_from_the_words() -> None:
    from matching.taxonomy import resolved_skill

    assert resolved_skill("occ.gone_since", "Schweißer").id == "occ.welder"
