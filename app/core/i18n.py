"""Locales the platform speaks, how one is chosen, and which are written right to left."""

from __future__ import annotations

from flask import request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

LOCALES: dict[str, str] = {
    # Each language is named in itself so that a person finds their own in the chooser.
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
    # The largest further groups of protection seekers in Germany (issue 15): Turkish, Kurmanji,
    # Dari (Babel's locale id fa_AF; "prs" is not a CLDR locale), Pashto, Russian, Tigrinya, Somali.
    "tr": "Türkçe",
    "ku": "Kurmancî",
    "fa_AF": "دری",
    "ps": "پښتو",
    "ru": "Русский",
    "ti": "ትግርኛ",
    "so": "Soomaali",
}
RTL_LOCALES = frozenset({"ar", "fa", "fa_AF", "ps"})
SESSION_KEY = "locale"

# Names of the languages in the interface language, for labels and messages.
LOCALE_LABELS = {
    "de": _l("German"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "fa": _l("Persian"),
    "uk": _l("Ukrainian"),
    "tr": _l("Turkish"),
    "ku": _l("Kurdish (Kurmanji)"),
    "fa_AF": _l("Dari"),
    "ps": _l("Pashto"),
    "ru": _l("Russian"),
    "ti": _l("Tigrinya"),
    "so": _l("Somali"),
}


def is_supported(locale: str | None) -> bool:
    return locale in LOCALES


def select_locale() -> str | None:
    """The user's saved setting, else the chooser's choice, else the browser's preference."""
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if is_supported(user_locale):
        return user_locale
    return request_locale()


def request_locale() -> str | None:
    """The chooser's choice, else the browser's preference: known without the database."""
    chosen = session.get(SESSION_KEY)
    if is_supported(chosen):
        return chosen
    return request.accept_languages.best_match(list(LOCALES))


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL_LOCALES else "ltr"


def isolated(text: str) -> Markup:
    """Words someone wrote (a name, a town, a title) inside the page's sentence, as one run of
    text (``<bdi>``): they keep the direction of their own script, and a German name first in an
    Arabic sentence no longer sets the whole sentence left to right."""
    return Markup("<bdi>{}</bdi>").format(text)


def language_tag(locale: str) -> str:
    """The BCP 47 tag HTML's ``lang`` wants for a Babel locale id ("fa_AF" → "fa-AF")."""
    return str(locale).replace("_", "-")


# Babel's locale data names Dari and Kurmanji under their macrolanguage variants.
LANGUAGE_NAME_ALIASES = {"prs": "fa_AF", "kmr": "ku"}


def language_name(code: str, locale: str) -> str:
    """The name of the language ``code`` (ISO 639) in the interface language ``locale``."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(locale).languages
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(LANGUAGE_NAME_ALIASES.get(code, code)) or names.get(code) or code


def current_locale() -> str:
    """The locale of the current request, or the configured default outside one."""
    from flask import current_app
    from flask_babel import get_locale

    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


# CLDR's digits for the numbering systems our locales use by default (Babel formats numbers with
# the locale's separators but always writes Latin digits).
_DIGITS = {"arabext": "۰۱۲۳۴۵۶۷۸۹", "arab": "٠١٢٣٤٥٦٧٨٩"}


def localise_digits(text: str, locale: str) -> str:
    """``text`` with its digits in the locale's own numbering system (Persian: ۰–۹)."""
    from babel import Locale

    digits = _DIGITS.get(Locale.parse(locale).default_numbering_system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def format_number(
    value: float | int, decimals: int = 0, locale: str | None = None, fixed: bool = False
) -> str:
    """A number as the reader's locale writes it: separators and digits (3,1 · 3.1 · ۳٫۱).

    Up to ``decimals`` places ("20", "7,5"); ``fixed`` keeps them all ("4,0" for an average).
    """
    from babel.numbers import format_decimal

    locale = locale or current_locale()
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale=locale, numbering_system="default")
    return localise_digits(text, locale)
