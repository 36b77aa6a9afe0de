"""Background work of the offers package: closing offers whose end date has passed."""

from __future__ import annotations

from celery import shared_task

from app.core.db import utcnow
from app.extensions import db
from app.offers.bookings import BERLIN
from app.offers.services import expire_overdue_offers


@shared_task(name="bruecke.offers.expire_overdue")
def expire_overdue() -> int:
    """Mark overdue offers as expired (the search hides them already; this makes it visible)."""
    count = expire_overdue_offers(utcnow().astimezone(BERLIN).date())
    db.session.commit()
    return count
