"""Asking for a PDF of a person's data: a pending row and the audit entry, in the request. The
PDF itself is rendered by the task ``bruecke.privacy.produce_export`` (``printout``)."""

from __future__ import annotations

from app.accounts.models import User
from app.casefile.access.policy import Access
from app.extensions import db
from app.privacy import export
from app.privacy.models import DataExport
from app.privacy.queries import Subject


def request_pdf(subject: Subject, acting: User, access: Access | None, locale: str) -> DataExport:
    """Record that ``acting`` (the person, or a coordinator under ``access``) asks for a PDF of
    ``subject``'s data in ``locale``; flushes, returns the pending row."""
    export.record_export(subject, acting, access, "pdf")
    data_export = DataExport(
        user_id=subject.user_id,
        person_id=subject.person_id,
        requested_by_id=acting.id,
        locale=locale,
    )
    db.session.add(data_export)
    db.session.flush()
    return data_export
