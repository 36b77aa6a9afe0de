"""The print form: which document, and the language that follows the German text."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from app.casefile.models.documents import DOCUMENT_KIND_LABELS
from app.core.forms import AppForm, choices
from app.core.i18n import LOCALES

GERMAN_ONLY = "de"


class PrintForm(AppForm):
    kind = SelectField(
        _l("Document"),
        choices=choices((kind.value, label) for kind, label in DOCUMENT_KIND_LABELS.items()),
    )
    # Each language is offered under its own name, as in the language chooser.
    language = SelectField(
        _l("After the German text, the same text in"),
        choices=choices(
            [
                (GERMAN_ONLY, _l("no second language")),
                *((code, name) for code, name in LOCALES.items() if code != GERMAN_ONLY),
            ]
        ),
    )
