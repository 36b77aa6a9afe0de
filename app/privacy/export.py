"""The export of everything held about a person (GDPR Art. 15 and 20): JSON for machines, and a
readable document (HTML, PDF) in the person's language. What belongs to the person is decided by
``catalogue`` and found by ``graph``; this module records the export and shapes the result."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import select

from app.accounts.models import User
from app.casefile.access import audit
from app.casefile.access.policy import Access
from app.casefile.models import AuditAction
from app.casefile.models.access import SELF
from app.core.db import utcnow
from app.core.i18n import format_number
from app.extensions import db
from app.privacy import graph, labels, mailbox
from app.privacy.catalogue import LINKS, OMITTED_COLUMNS, TABLE_LABELS, UNLINKED, Kind
from app.privacy.queries import Subject, get_case_file

FORMAT = "bruecke-export/1"
MAIL_NOTE = _l(
    "With a mail server, e-mails we send you are not kept here. Without one (a test or demo "
    "installation) they are kept as files and listed under mail. Your inbox on Brücke is in "
    "the table notification."
)


@dataclass(frozen=True)
class Export:
    subject: Subject
    generated_at: datetime
    holdings: graph.Holdings
    mails: list[dict[str, Any]]


def export_for(
    subject: Subject, acting: User, access: Access | None, form: str, outbox: Path | None
) -> Export:
    """Record the export (``record_export``) and collect everything held about ``subject``."""
    record_export(subject, acting, access, form)
    return collect(subject, outbox)


def record_export(subject: Subject, acting: User, access: Access | None, form: str) -> None:
    """``acting`` is the person themselves or a coordinator acting on their behalf under
    ``access``. With a case file, the export is recorded in its audit trail first, so the export
    contains its own record."""
    case_file = get_case_file(subject.person)
    if case_file is not None:
        audit.record(
            acting,
            case_file,
            AuditAction.EXPORT,
            "export",
            purpose=access.purpose() if access else SELF,
            organisation_id=access.organisation_id() if access else None,
            detail=form,
        )


def collect(subject: Subject, outbox: Path | None) -> Export:
    """Everything held about ``subject``; ``outbox`` is where mail is kept, if anywhere."""
    holdings = graph.collect(subject.user_id, subject.person_id)
    mails = [mailbox.as_record(path, m) for path, m in mailbox.mails_to(subject.email, outbox)]
    return Export(subject=subject, generated_at=utcnow(), holdings=holdings, mails=mails)


def json_value(value: Any) -> Any:
    """A column value as JSON: dates and times as ISO 8601, binary content as base64."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Decimal):
        return str(value)
    return value


def visible_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    return {
        column: json_value(value)
        for column, value in row.items()
        if f"{table}.{column}" not in OMITTED_COLUMNS
    }


def ordered(bucket: dict[str, graph.Rows]) -> dict[str, list[dict[str, Any]]]:
    """Tables in schema order, rows in primary-key order."""
    return {
        name: [visible_row(name, bucket[name][key]) for key in sorted(bucket[name])]
        for name in graph.tables()
        if bucket.get(name)
    }


def explained(items: dict[str, LazyString | None]) -> dict[str, str]:
    return {name: str(why) for name, why in items.items() if why is not None}


def not_exported() -> dict[str, str]:
    """What the export leaves out and why: other people's rows and columns linked to nobody."""
    others = {n: link.why for n, link in LINKS.items() if link.kind == Kind.OTHERS}
    return explained({**others, **UNLINKED})


def as_json(export: Export) -> dict[str, Any]:
    """The machine-readable export: every row, and what was left out and why."""
    holdings = export.holdings
    return {
        "format": FORMAT,
        "generated_at": export.generated_at.isoformat(),
        "subject": {"user_id": export.subject.user_id, "person_id": export.subject.person_id},
        "tables": ordered(holdings.owned),
        "shared": ordered(holdings.shared),
        "mail": export.mails,
        "references": {
            name: [key[0] if len(key) == 1 else list(key) for key in keys]
            for name, keys in sorted(holdings.references.items())
        },
        "explanations": {
            "references": str(LINKS["proposal.decided_by_id"].why),
            "not_exported": not_exported(),
            "omitted_columns": {name: str(why) for name, why in sorted(OMITTED_COLUMNS.items())},
            "mail": str(MAIL_NOTE),
        },
    }


@dataclass(frozen=True)
class Section:
    """One table of the readable document: rows of (column, value, direction of the value)."""

    table: str
    label: str
    rows: list[list[tuple[str, str, str]]]


def direction_of(text: str) -> str:
    """Values are shown in their own direction: dates, numbers and e-mail addresses stay
    left to right inside an Arabic document, Arabic and Persian text runs right to left."""
    return (
        "rtl"
        if any("\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufeff" for c in text)
        else "ltr"
    )


def target_names() -> dict[str, dict[Any, str]]:
    """Names of organisations and regions, shown instead of their ids."""
    found = {}
    for name in labels.NAMED_TARGETS:
        table = graph.tables()[name]
        found[name] = {row.id: row.name for row in db.session.execute(select(table))}
    return found


def shown_value(table: str, column: str, value: Any, names: dict[str, dict[Any, str]]) -> str:
    for fk in graph.tables()[table].c[column].foreign_keys:
        if fk.column.table.name in names and value is not None:
            return names[fk.column.table.name].get(value, str(value))
    return readable_value(labels.value_label(table, column, value))


def cells(
    table: str, row: dict[str, Any], names: dict[str, dict[Any, str]]
) -> list[tuple[str, str, str]]:
    shown = [
        (labels.column_label(column), shown_value(table, column, value, names))
        for column, value in row.items()
        if value is not None
        and f"{table}.{column}" not in OMITTED_COLUMNS
        and not labels.hidden(column)
    ]
    return [(column, text, direction_of(text)) for column, text in shown]


def in_reading_order(bucket: dict[str, graph.Rows]) -> list[str]:
    """The labelled tables in the catalogue's order (account, profile, ... case file), then any
    other."""
    named = [name for name in TABLE_LABELS if bucket.get(name)]
    return named + [name for name in graph.tables() if bucket.get(name) and name not in named]


def readable_value(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bytes):
        size = format_number(max(1, len(value) // 1024))
        return str(_("PDF document, %(size)s kB", size=size))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(json_value(value))


def readable_sections(bucket: dict[str, graph.Rows]) -> list[Section]:
    """The rows of each table as cells, labelled in the current language."""
    names = target_names()
    return [
        Section(
            table=name,
            label=str(TABLE_LABELS.get(name, name)),
            rows=[cells(name, bucket[name][key], names) for key in sorted(bucket[name])],
        )
        for name in in_reading_order(bucket)
    ]
