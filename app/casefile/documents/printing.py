"""Making the PDF of a printed document: run only by the task (app.casefile.documents.tasks), so
no view imports the renderer (WeasyPrint, app.core.pdf)."""

from __future__ import annotations

import hashlib

from flask import current_app

from app.accounts.models import Organisation
from app.casefile.documents.services import render_document_html
from app.casefile.models import CaseFile
from app.casefile.models.access import SELF
from app.casefile.models.documents import DocumentKind, DocumentStatus, GeneratedDocument
from app.core.db import utcnow
from app.core.pdf import html_to_pdf
from app.extensions import db


def produce_document(document: GeneratedDocument) -> None:
    """Render and store the PDF of a pending document; a finished one is left as it is."""
    if document.status == DocumentStatus.READY.value:
        return
    case_file = db.session.get(CaseFile, document.case_file_id)
    organisation = (
        db.session.get(Organisation, document.created_by_organisation_id)
        if document.created_by_organisation_id
        else None
    )
    printed_by = document.created_by if document.purpose != SELF else None
    html = render_document_html(
        DocumentKind(document.kind), case_file, document.language_list, printed_by, organisation
    )
    pdf = html_to_pdf(html, current_app.static_folder or "static")
    document.pdf = pdf
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    document.status = DocumentStatus.READY.value
    document.finished_at = utcnow()


def fail_document(document: GeneratedDocument) -> None:
    document.status = DocumentStatus.FAILED.value
    document.finished_at = utcnow()
