"""Every string in the templates and the code has a translation in every catalogue.

The strings are extracted from the sources afresh, so a new string without a German or English
translation (or without Arabic, Persian or Ukrainian) fails here, not in front of a user.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.core.i18n import LOCALES as app_locales

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "app" / "translations"
LOCALES = list(app_locales)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def source_messages() -> set[str]:
    found: set[str] = set()
    method_map = [("app/**.py", "python"), ("templates/**.html", "jinja2")]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords={**KEYWORDS}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.fixture(scope="module")
def messages() -> set[str]:
    found = source_messages()
    assert len(found) > 100  # the extraction itself works
    return found


def load(locale: str):
    with (CATALOGUES / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_source_string_is_translated(messages, locale):
    catalogue = load(locale)
    missing = []
    for message in sorted(messages):
        entry = catalogue.get(message)
        strings = entry.string if entry else ""
        values = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(values):
            missing.append(message)
    assert missing == [], f"{locale}: {len(missing)} strings without translation"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_their_placeholders(locale):
    for entry in load(locale):
        if not entry.id:
            continue
        source = entry.id if isinstance(entry.id, str) else entry.id[1]
        expected = set(PLACEHOLDER.findall(source))
        values = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for value in values:
            assert set(PLACEHOLDER.findall(value)) <= expected | {"%(num)d"}, (locale, entry.id)
            if not isinstance(entry.id, tuple):
                assert set(PLACEHOLDER.findall(value)) == expected, (locale, entry.id)
