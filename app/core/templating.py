"""What every template sees: the locale, its direction, the language chooser and the role labels."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import get_day_names
from babel.lists import format_list
from flask import Flask
from flask_babel import format_date, format_time, get_translations

from app.core.i18n import (
    LOCALES,
    current_locale,
    format_number,
    isolated,
    language_name,
    language_tag,
    localise_digits,
    text_direction,
)
from app.core.permissions import ROLE_LABELS, Role


def register(app: Flask) -> None:
    @app.context_processor
    def locale_context() -> dict[str, Any]:
        locale = current_locale()
        return {
            "current_locale": locale,
            "text_direction": text_direction(locale),
            "locales": LOCALES,
            "Role": Role,
            "role_labels": ROLE_LABELS,
        }

    @app.template_global("weekday_short")
    def weekday_short(weekday: int) -> str:
        """Monday = 0, abbreviated in the interface language."""
        locale = current_locale()
        return str(get_day_names("abbreviated", locale=locale)[weekday])

    @app.template_filter("language_name")
    def language_name_filter(code: str) -> str:
        return language_name(code, current_locale())

    app.jinja_env.filters["language_tag"] = language_tag
    app.jinja_env.filters["isolated"] = isolated

    @app.template_filter("join_list")
    def join_list_filter(items: list[str]) -> str:
        """Items joined as the interface language writes a list ("A, B and C", "A وB")."""
        return format_list([str(item) for item in items], locale=current_locale())

    app.jinja_env.filters["date"] = date_text
    app.jinja_env.filters["datetime"] = datetime_text
    app.jinja_env.filters["number"] = number_text
    app.jinja_env.filters["digits"] = digits_text
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=counted_text,
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )


# One way to write a date on every page (CLDR "medium": 6. Dez. 2026 · 6 груд. 2026 р.), with the
# locale's digits; a moment adds the short time the locale's way.
def date_text(value: date | datetime | None, format: str = "medium") -> str:
    if value is None:
        return ""
    return localise_digits(format_date(value, format), current_locale())


def datetime_text(value: datetime | None) -> str:
    if value is None:
        return ""
    locale = current_locale()
    pattern = str(Locale.parse(locale).datetime_formats["medium"])
    text = pattern.replace("{1}", format_date(value, "medium")).replace(
        "{0}", format_time(value, "short")
    )
    return localise_digits(text, locale)


def number_text(value: float | int | None, decimals: int = 0, fixed: bool = False) -> str:
    return "" if value is None else format_number(value, decimals, fixed=fixed)


def digits_text(value: int | str) -> str:
    """An identifier or a clock time in the locale's digits, without grouping: "Nr. 1234",
    "شمارهٔ ۱۲۳۴", "۰۹:۰۰"."""
    return localise_digits(str(value), current_locale())


def counted_text(singular: str, plural: str, num: int) -> str:
    """ngettext for templates: the count in the locale's digits (Persian ۳, not 3)."""
    text = get_translations().ungettext(singular, plural, num)
    return text.replace("%(num)d", localise_digits(str(num), current_locale()))
