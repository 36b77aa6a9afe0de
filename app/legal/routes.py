"""Accessibility statement, Leichte Sprache, sign language, Impressum and contact: open to all."""

from __future__ import annotations

from typing import Any

from babel.dates import format_interval, get_day_names
from babel.lists import format_list
from flask import Blueprint, current_app, render_template
from flask.blueprints import BlueprintSetupState

from app.core.i18n import current_locale
from app.legal.operator import OpeningHours, Operator, operator_from_config

bp = Blueprint("legal", __name__)
EXTENSION = "bruecke.operator"


@bp.record_once
def read_operator(state: BlueprintSetupState) -> None:
    """Parse the operator's settings when the app is built: a malformed value stops the start."""
    state.app.extensions[EXTENSION] = operator_from_config(state.app.config)


def current_operator() -> Operator:
    operator: Operator = current_app.extensions[EXTENSION]
    return operator


@bp.app_context_processor
def operator_context() -> dict[str, Any]:
    return {"operator": current_operator(), "opening_hours": opening_hours}


def opening_hours(rows: tuple[OpeningHours, ...]) -> list[tuple[str, str]]:
    """Each row as the reader's language writes it: ("Montag – Donnerstag", "08:00–12:00 Uhr")."""
    locale = current_locale()
    days = get_day_names("wide", locale=locale)
    result = []
    for row in rows:
        label = (
            days[row.first] if row.first == row.last else f"{days[row.first]} – {days[row.last]}"
        )
        spans = format_list(
            [format_interval(start, end, "Hm", locale=locale) for start, end in row.spans],
            locale=locale,
        )
        result.append((str(label), spans))
    return result


@bp.route("/accessibility")
def accessibility() -> str:
    return render_template("legal/accessibility.html")


@bp.route("/easy-language")
def easy_language() -> str:
    return render_template("legal/easy_language.html")


@bp.route("/sign-language")
def sign_language() -> str:
    return render_template("legal/sign_language.html")


@bp.route("/imprint")
def imprint() -> str:
    return render_template("legal/imprint.html")


@bp.route("/contact")
def contact() -> str:
    return render_template("legal/contact.html")
