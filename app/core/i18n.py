"""Locales the platform speaks, how one is chosen, and which are written right to left."""

from __future__ import annotations

from flask import request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user

LOCALES: dict[str, str] = {
    # Each language is named in itself so that a person finds their own in the chooser.
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
}
RTL_LOCALES = frozenset({"ar", "fa"})
SESSION_KEY = "locale"

# Names of the languages in the interface language, for labels and messages.
LOCALE_LABELS = {
    "de": _l("German"),
    "en": _l("English"),
    "ar": _l("Arabic"),
    "fa": _l("Persian"),
    "uk": _l("Ukrainian"),
}


def is_supported(locale: str | None) -> bool:
    return locale in LOCALES


def select_locale() -> str | None:
    """The user's saved setting, else the chooser's choice, else the browser's preference."""
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if is_supported(user_locale):
        return user_locale
    chosen = session.get(SESSION_KEY)
    if is_supported(chosen):
        return chosen
    return request.accept_languages.best_match(list(LOCALES))


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL_LOCALES else "ltr"
