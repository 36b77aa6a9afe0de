"""Between entry forms and services: the choices a form offers here, and the values it gives."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from app.accounts.queries import list_organisations
from app.casefile import queries
from app.casefile.access.policy import Access
from app.casefile.entries.kinds import EntryKind
from app.casefile.models import CaseFile
from app.casefile.models.access import PURPOSE_LABELS
from app.core.forms import choices
from app.profiles.models import GOAL_LABELS


def _regions(_kind: EntryKind, _file: CaseFile, _access: Access) -> list[Any]:
    return [("", _("no residence obligation")), *((r.id, r.name) for r in queries.list_regions())]


def _organisations(_kind: EntryKind, _file: CaseFile, _access: Access) -> list[Any]:
    return [("", "–"), *((o.id, o.name) for o in list_organisations())]


def _goal_categories(kind: EntryKind, _file: CaseFile, access: Access) -> list[Any]:
    return [
        (goal.value, label)
        for goal, label in GOAL_LABELS.items()
        if access.covers(kind.section, goal.value)
    ]


def _note_purposes(_kind: EntryKind, _file: CaseFile, access: Access) -> list[Any]:
    return [(purpose.value, PURPOSE_LABELS[purpose]) for purpose in access.note_purposes()]


def _parents(kind: EntryKind, case_file: CaseFile, access: Access) -> list[Any]:
    return queries.parent_choices(case_file, access, kind)


CHOICES = {
    "region_id": _regions,
    "responsible_organisation_id": _organisations,
    "category": _goal_categories,
    "purpose": _note_purposes,
    "qualification_id": _parents,
    "goal_id": _parents,
    "measure_id": _parents,
}


def prepare_form(kind: EntryKind, form: Any, case_file: CaseFile, access: Access) -> Any:
    """Fill the choices that depend on the file and on what the access covers."""
    for name in kind.fields:
        if name in CHOICES:
            getattr(form, name).choices = choices(CHOICES[name](kind, case_file, access))
    return form


def entry_values(kind: EntryKind, form: Any) -> dict[str, Any]:
    """The submitted values; empty text becomes no value."""
    values = {}
    for name in kind.fields:
        value = getattr(form, name).data
        if isinstance(value, str):
            value = value.strip() or None
        values[name] = value
    return values
