"""The readable document of a person's data (HTML), in the current language: shown as a page,
and rendered to PDF by ``printout`` in the background."""

from __future__ import annotations

from flask import render_template

from app.core.i18n import current_locale, text_direction
from app.privacy import export
from app.privacy.catalogue import TABLE_LABELS


def left_out() -> list[tuple[str, str]]:
    return list(export.not_exported().items())


def render_document(result: export.Export) -> str:
    locale = current_locale()
    return render_template(
        "privacy/document.html",
        result=result,
        locale=locale,
        direction=text_direction(locale),
        sections=export.readable_sections(result.holdings.owned),
        shared=export.readable_sections(result.holdings.shared),
        references=sorted(result.holdings.references.items()),
        labels=TABLE_LABELS,
        left_out=left_out(),
        mail_note=export.MAIL_NOTE,
    )
