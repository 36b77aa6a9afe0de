"""What every template sees: the locale, its direction, the language chooser and the role labels."""

from __future__ import annotations

from typing import Any

from babel.dates import get_day_names
from babel.lists import format_list
from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal

from app.core.i18n import LOCALES, current_locale, language_name, text_direction
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

    @app.template_filter("join_list")
    def join_list_filter(items: list[str]) -> str:
        """Items joined as the interface language writes a list ("A, B and C", "A وB")."""
        return format_list([str(item) for item in items], locale=current_locale())

    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["number"] = format_decimal
