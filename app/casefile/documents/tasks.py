"""Background work of the case file: rendering a printed document to PDF."""

from __future__ import annotations

from celery import shared_task

from app.casefile.documents import printing
from app.casefile.models import GeneratedDocument
from app.core.kept_files import produce_or_fail


@shared_task(name="bruecke.casefile.produce_document", acks_late=True)
def produce_document(document_id: int) -> str:
    """Render one pending document (see app.core.kept_files for failures and redeliveries)."""
    return produce_or_fail(
        GeneratedDocument, document_id, printing.produce_document, printing.fail_document
    )
