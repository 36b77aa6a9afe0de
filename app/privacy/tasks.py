"""Background work of the privacy pages: rendering a PDF of a person's data."""

from __future__ import annotations

from celery import shared_task

from app.core.kept_files import produce_or_fail
from app.privacy import printout
from app.privacy.models import DataExport


@shared_task(name="bruecke.privacy.produce_export", acks_late=True)
def produce_export(export_id: int) -> str:
    """Render one asked-for PDF (see app.core.kept_files for failures and redeliveries)."""
    return produce_or_fail(DataExport, export_id, printout.produce_pdf, printout.fail_pdf)
