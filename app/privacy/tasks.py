"""Background work of the privacy pages: rendering a PDF of a person's data."""

from __future__ import annotations

from celery import shared_task
from flask import current_app

from app.extensions import db
from app.privacy import printout
from app.privacy.models import DataExport


@shared_task(name="bruecke.privacy.produce_export", acks_late=True)
def produce_export(export_id: int) -> str:
    """Render one asked-for PDF; its state lives in its row, so a redelivery is harmless.

    A PDF that cannot be rendered is marked failed (and logged) rather than retried: the same
    data would fail again, and the page says so instead of waiting for ever. A row gone (the
    person was erased meanwhile) is nothing to do.
    """
    data_export = db.session.get(DataExport, export_id)
    if data_export is None:
        return "missing"
    try:
        printout.produce_pdf(data_export)
        db.session.commit()
    except Exception:
        current_app.logger.exception("data export %s could not be rendered", export_id)
        db.session.rollback()
        data_export = db.session.get(DataExport, export_id)
        if data_export is None:
            return "missing"
        printout.fail_pdf(data_export)
        db.session.commit()
    return data_export.status
