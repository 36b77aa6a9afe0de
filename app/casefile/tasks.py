"""Background work of the case file: rendering a printed document to PDF."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from app.casefile import documents
from app.casefile.models import GeneratedDocument
from app.extensions import db


@shared_task(name="bruecke.casefile.produce_document", acks_late=True)
def produce_document(document_id: int) -> str:
    """Render one pending document; its state lives in its row, so a redelivery is harmless.

    A document that cannot be rendered is marked failed (and logged) rather than retried: the
    same data would fail again, and the page says so instead of waiting for ever.
    """
    document = db.session.get(GeneratedDocument, document_id)
    if document is None:
        return "missing"
    try:
        documents.produce_document(document)
        db.session.commit()
    except Exception:
        current_app.logger.exception("document %s could not be rendered", document_id)
        db.session.rollback()
        document = db.session.get(GeneratedDocument, document_id)
        if document is None:
            return "missing"
        documents.fail_document(document)
        db.session.commit()
    return document.status
