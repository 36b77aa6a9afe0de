"""Background work of the offers package: closing offers whose end date has passed."""

from __future__ import annotations

from celery import shared_task

from app.core.clock import local_today
from app.extensions import db
from app.offers.services import expire_overdue_offers


@shared_task(name="bruecke.offers.expire_overdue")
def expire_overdue() -> int:
    """Mark overdue offers as expired (the search hides them already; this makes it visible)."""
    count = expire_overdue_offers(local_today())
    db.session.commit()
    return count
