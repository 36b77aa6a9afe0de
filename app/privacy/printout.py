"""Rendering a PDF of a person's data (WeasyPrint): seconds of work, so only the task
``bruecke.privacy.produce_export`` calls it, never a view (an import-linter contract says so)."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale

from app.core.db import utcnow
from app.core.pdf import html_to_pdf
from app.privacy import document, export, mailbox, queries
from app.privacy.models import DataExport, ExportStatus


def produce_pdf(data_export: DataExport) -> None:
    """Render and keep the PDF of a pending row, in the language it was asked for; a finished
    one is left as it is (a redelivered task does nothing)."""
    if data_export.status == ExportStatus.READY.value:
        return
    subject = queries.subject_of(data_export)
    with force_locale(data_export.locale):
        html = document.render_document(export.collect(subject, mailbox.kept_outbox()))
    data_export.pdf = html_to_pdf(html, current_app.static_folder or "static")
    data_export.status = ExportStatus.READY.value
    data_export.finished_at = utcnow()


def fail_pdf(data_export: DataExport) -> None:
    data_export.status = ExportStatus.FAILED.value
    data_export.finished_at = utcnow()
