"""Plural forms follow CLDR's rules in every catalogue.

Each catalogue's Plural-Forms expression sends a number to the index of one of its msgstr[i]; the
translators write msgstr[i] in CLDR's order of categories (zero, one, two, few, many, other). Babel
ships an Arabic expression whose last two indices are "other" (100–102) then "many" (11–99), so
translations written in CLDR's order printed "22 زوج" instead of "22 زوجًا". The test computes,
for the numbers 0–1,000, the CLDR category of each number and the index the catalogue chooses, and
asserts that every index holds one category and that the indices run in CLDR's order.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from babel.support import Translations

from app.core.i18n import LOCALES as app_locales

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "app" / "translations"
LOCALES = list(app_locales)
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
NUMBERS = range(1001)


def plural_index(locale: str):
    with (CATALOGUES / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=locale)
    return catalogue.num_plurals, gettext.c2py(catalogue.plural_expr)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_plural_index_holds_one_cldr_category_in_cldr_order(locale):
    count, index_of = plural_index(locale)
    rule = Locale.parse(locale).plural_form
    categories: dict[int, set[str]] = {}
    for number in NUMBERS:
        categories.setdefault(index_of(number), set()).add(rule(number))
    assert set(categories) <= set(range(count)), categories
    if count == 1:
        return  # one form for every number (Persian: the noun after a number stays singular)
    assert all(len(held) == 1 for held in categories.values()), (locale, categories)
    order = [CLDR_ORDER.index(next(iter(categories[index]))) for index in sorted(categories)]
    assert order == sorted(order), (locale, categories)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "عرض"), (2, "عرضان"), (5, "عروض"), (22, "عرضًا"), (160, "عرضًا"), (100, "عرض")],
)
def test_arabic_counts_read_as_arabic_writes_them(app, number, expected):
    translations = Translations.load(str(CATALOGUES), ["ar"])
    text = translations.ngettext("%(num)d offer", "%(num)d offers", number) % {"num": number}
    assert text == f"{number} {expected}"


def test_arabic_zero_is_never_written_with_the_singular():
    """CLDR's zero form of Arabic ("no answers", "0 answers") is not the one form ("1 answer"):
    a zero written as the one form read "0 إجابة" on the knowledge page."""
    with (CATALOGUES / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="ar")
    same = [
        message.id[0]
        for message in catalogue
        if message.pluralizable and message.string[0] and message.string[0] == message.string[1]
    ]
    assert same == []
