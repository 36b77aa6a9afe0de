"""How entries read on a page: each field's label and its value in the interface language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from babel.lists import format_list
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.casefile.access.policy import SECTION_LABELS
from app.casefile.entries.kinds import EntryKind
from app.casefile.models.access import PURPOSE_LABELS, AccessPurpose, AuditAction, AuditEntry
from app.core.i18n import current_locale, isolated, language_name
from app.profiles.models import GOAL_LABELS, Goal
from app.profiles.options import country_name

EMPTY = "–"


def _static_choices(kind: EntryKind, name: str) -> dict[str, Any]:
    options = getattr(kind.form, name).kwargs.get("choices") or []
    return {str(option.value): option.label for option in options}


def _own_words(text: str) -> str:
    """What someone wrote keeps its own direction (isolated); labels in the interface language
    and dates take the page's."""
    return text if text == EMPTY else isolated(text)


def _related_name(entry: Any, name: str) -> str | None:
    related = {
        "region_id": ("region", "name"),
        "responsible_organisation_id": ("responsible_organisation", "name"),
        "qualification_id": ("qualification", "title"),
        "goal_id": ("goal", "title"),
        "measure_id": ("measure", "description"),
    }.get(name)
    if related is None:
        return None
    target = getattr(entry, related[0])
    if target is None:
        return _("no residence obligation") if name == "region_id" else EMPTY
    return _own_words(str(getattr(target, related[1])))


FORMATTERS: dict[str, Callable[[Any], str]] = {
    "country": lambda code: country_name(code, current_locale()),
    "language": lambda code: language_name(code, current_locale()),
    "category": lambda value: str(GOAL_LABELS.get(Goal(value), value)),
    "purpose": lambda value: str(PURPOSE_LABELS.get(AccessPurpose(value), value)),
}


def value_text(kind: EntryKind, entry: Any, name: str) -> str:
    value = getattr(entry, name)
    related = _related_name(entry, name)
    if related is not None:
        return related
    if value is None or value == "":
        return EMPTY
    if isinstance(value, date):
        return format_date(value)
    if name in FORMATTERS:
        return FORMATTERS[name](value)
    text = str(value)
    choices = _static_choices(kind, name)
    return str(choices[text]) if text in choices else _own_words(text)


def describe(kind: EntryKind, entry: Any) -> list[tuple[str, str]]:
    """(label, value) for each filled-in field of the entry, in the order of its form."""
    pairs = [
        (str(getattr(kind.form, name).args[0]), value_text(kind, entry, name))
        for name in kind.fields
    ]
    return [(label, value) for label, value in pairs if value != EMPTY]


def recorded_by(entry: Any) -> Markup:
    """Who recorded an entry, isolated as one run of text (``<bdi>``): a German name and office
    inside an Arabic sentence otherwise take the sentence's direction, and the brackets flip."""
    user = entry.recorded_by
    organisation = entry.recorded_by_organisation
    who = user.display_name if user else _("a deleted account")
    if organisation:
        return isolated(f"{who} ({organisation.name})")
    return isolated(who)


ACTION_LABELS = {
    AuditAction.READ: _l("read"),
    AuditAction.CREATE: _l("added an entry"),
    AuditAction.CORRECT: _l("corrected an entry"),
    AuditAction.GRANT: _l("consent given"),
    AuditAction.WITHDRAW: _l("consent withdrawn"),
    AuditAction.EXPORT: _l("exported"),
    AuditAction.PRINT: _l("printed"),
    AuditAction.ERASE: _l("erased"),
}
AUDIT_SECTION_LABELS: dict[str, Any] = {
    **SECTION_LABELS,
    "access": _l("Consent"),
    "audit": _l("Who looked at the file"),
    "agreement": _l("Integration agreement"),
    "report": _l("Progress report"),
    "export": _l("Data export"),
}


# -- the audit trail, one line per visit ---------------------------------------------------------

# Entries written by one page view share everything but the section and are a few milliseconds
# apart; a minute leaves room for a slow page without joining two visits.
SAME_VISIT = timedelta(minutes=1)


@dataclass(frozen=True)
class AuditLine:
    """Consecutive audit entries of one visit, newest first: shown as one line naming their
    sections. The entries themselves stay one per section (the trail is granular on purpose)."""

    entries: tuple[AuditEntry, ...]

    @property
    def first(self) -> AuditEntry:
        return self.entries[0]

    @property
    def sections(self) -> list[str]:
        """The sections in the order the page wrote them (oldest entry first)."""
        return [entry.section for entry in reversed(self.entries)]

    def section_text(self) -> str:
        labels = [str(AUDIT_SECTION_LABELS.get(s, s)) for s in self.sections]
        return format_list(labels, locale=current_locale())


def _visit_key(entry: AuditEntry) -> tuple[Any, ...]:
    """What entries of one visit share; ``detail`` names the page of a read (and the entry of a
    change, so changes stay one per line)."""
    return (
        entry.actor_user_id,
        entry.actor_organisation_id,
        entry.action,
        entry.purpose,
        entry.detail,
    )


def _same_visit(line: list[AuditEntry], entry: AuditEntry) -> bool:
    newest = line[0]
    return (
        _visit_key(entry) == _visit_key(newest)
        and newest.at - entry.at <= SAME_VISIT
        and entry.section not in {seen.section for seen in line}  # a section again: a new visit
    )


def audit_lines(entries: list[AuditEntry]) -> list[AuditLine]:
    """Group the trail (newest first) into lines: consecutive entries of the same actor,
    organisation, action, purpose and page within a minute, no section twice."""
    lines: list[list[AuditEntry]] = []
    for entry in entries:
        if lines and _same_visit(lines[-1], entry):
            lines[-1].append(entry)
        else:
            lines.append([entry])
    return [AuditLine(tuple(line)) for line in lines]
