"""Twelve languages: how the locale is chosen, right-to-left layout, locale formats."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale, format_date, format_decimal

from app.core.i18n import LOCALES, format_number
from app.core.permissions import Role


@pytest.mark.parametrize(
    ("accept", "lang", "direction", "stylesheet"),
    [
        ("ar,en;q=0.5", "ar", "rtl", "bootstrap.rtl.min.css"),
        ("fa-IR", "fa", "rtl", "bootstrap.rtl.min.css"),
        ("uk", "uk", "ltr", "bootstrap.min.css"),
        ("de-DE,de;q=0.9", "de", "ltr", "bootstrap.min.css"),
        ("en-GB", "en", "ltr", "bootstrap.min.css"),
        ("fa-AF,fa;q=0.8", "fa-AF", "rtl", "bootstrap.rtl.min.css"),
        ("ps-AF", "ps", "rtl", "bootstrap.rtl.min.css"),
        ("tr-TR", "tr", "ltr", "bootstrap.min.css"),
        ("ku", "ku", "ltr", "bootstrap.min.css"),
        ("ru-RU", "ru", "ltr", "bootstrap.min.css"),
        ("ti-ER", "ti", "ltr", "bootstrap.min.css"),
        ("so", "so", "ltr", "bootstrap.min.css"),
    ],
)
def test_browser_language_sets_lang_direction_and_stylesheet(
    client, accept, lang, direction, stylesheet
):
    page = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}">' in page
    assert stylesheet in page


def test_unsupported_browser_language_falls_back_to_german(client):
    page = client.get("/", headers={"Accept-Language": "sw"}).get_data(as_text=True)
    assert '<html lang="de" dir="ltr">' in page


def test_chooser_overrides_the_browser(client):
    response = client.post("/language", data={"locale": "ar", "next": "/privacy"})
    assert response.status_code == 302 and response.location.endswith("/privacy")
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'dir="rtl"' in page


def test_chooser_ignores_unknown_locales_and_foreign_redirects(client):
    response = client.post("/language", data={"locale": "xx", "next": "https://evil.example/"})
    assert response.location.endswith("/")
    assert "evil" not in response.location


def test_users_own_setting_wins_over_chooser_and_browser(client, build, login):
    user = build.user(Role.REFUGEE, locale="fa")
    login(user)
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page


def test_choosing_a_language_while_logged_in_saves_it(client, build, login, make_client):
    user = build.user(Role.VOLUNTEER, locale="en")
    login(user)
    client.post("/language", data={"locale": "uk"})
    other_device = make_client(**{"Accept-Language": "de"})
    login(user, on=other_device)
    assert 'lang="uk"' in other_device.get("/").get_data(as_text=True)


def test_dates_and_numbers_follow_the_locale(app):
    day = date(2026, 3, 14)
    with app.test_request_context():
        with force_locale("de"):
            assert format_date(day, "medium") == "14.03.2026"
            assert format_decimal(1234.5) == "1.234,5"
        with force_locale("en"):
            assert format_decimal(1234.5) == "1,234.5"
        with force_locale("uk"):
            assert "березня" in format_date(day, "long")


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("ar", "de", "Arabisch"),
        ("prs", "en", "Dari"),
        ("kmr", "de", "Kurdisch"),
        ("uk", "uk", "українська"),
        ("ti", "ar", "التغرينية"),
        ("xx", "de", "xx"),
    ],
)
def test_language_names_are_shown_in_the_interface_language(code, locale, name):
    from app.core.i18n import language_name

    assert language_name(code, locale) == name


@pytest.mark.parametrize(
    ("locale", "joined"),
    [("de", "Deutsch und Arabisch"), ("en", "German and Arabic"), ("ar", "الألمانية والعربية")],
)
def test_lists_of_language_names_are_joined_as_the_language_writes_them(app, locale, joined):
    from flask import render_template_string

    with app.test_request_context(), force_locale(locale):
        rendered = render_template_string('{{ ["de", "ar"]|map("language_name")|list|join_list }}')
    assert rendered == joined


# Every catalogue's numbers as CLDR writes them in that language: its separators, and its own
# digits where the language's default numbering system is not Latin (Persian, Dari, Pashto).
NUMBERS_BY_LOCALE = {
    "de": "1.234,5",
    "en": "1,234.5",
    "ar": "1,234.5",
    "fa": "۱٬۲۳۴٫۵",
    "uk": "1\xa0234,5",
    "tr": "1.234,5",
    "ku": "1.234,5",
    "fa_AF": "۱٬۲۳۴٫۵",
    "ps": "۱٬۲۳۴٫۵",
    "ru": "1\xa0234,5",
    "ti": "1,234.5",
    "so": "1,234.5",
}


def test_every_locale_has_its_number_format_checked():
    assert set(NUMBERS_BY_LOCALE) == set(LOCALES)


@pytest.mark.parametrize(("locale", "written"), NUMBERS_BY_LOCALE.items())
def test_numbers_are_written_as_each_locale_writes_them(app, locale, written):
    with app.test_request_context(), force_locale(locale):
        assert format_number(1234.5, 1) == written
        rendered = app.jinja_env.from_string("{{ 1234.5|number(1) }}").render()
        assert rendered == written
