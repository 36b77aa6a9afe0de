"""Who may fetch a PDF of someone's data: decided here, asked by every view that shows one."""

from __future__ import annotations

from app.accounts.models import User
from app.privacy import queries
from app.privacy.models import DataExport
from app.privacy.queries import Subject


def may_fetch(data_export: DataExport, acting: User, subject: Subject) -> bool:
    """A PDF belongs to the one who asked for it, seen from the page of the data it holds: the
    person from their own page, a coordinator from the person's page. Another coordinator of the
    same person asks for their own (it is recorded in the audit trail under their name)."""
    return (data_export.requested_by_id, data_export.user_id, data_export.person_id) == (
        acting.id,
        subject.user_id,
        subject.person_id,
    )


def own_pdfs(acting: User, subject: Subject) -> list[DataExport]:
    """The PDFs of ``subject``'s data that ``acting`` asked for, newest first."""
    return [found for found in queries.list_pdfs(subject) if may_fetch(found, acting, subject)]


def own_pdf(
    acting: User, subject: Subject, export_id: int, with_bytes: bool = False
) -> DataExport | None:
    """One such PDF, or None (the view answers 404: others' PDFs are not revealed)."""
    found = queries.get_pdf(export_id, with_bytes)
    return found if found is not None and may_fetch(found, acting, subject) else None
