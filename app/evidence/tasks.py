"""Background work of the evidence package: counting the newcomers' needs every few minutes."""

from __future__ import annotations

from celery import shared_task

from app.core.db import utcnow
from app.evidence.snapshot import refresh_snapshot
from app.extensions import db


@shared_task(name="bruecke.evidence.refresh_needs")
def refresh_needs() -> int:
    """Count every region's needs afresh for the dashboards and the open figures."""
    regions = refresh_snapshot(utcnow().date())
    db.session.commit()
    return regions
