"""What the people around a person are told when the person's data is erased: an adviser whose
appointment the person had booked learns that the slot is free. What the other side of a match
keeps is decided by the matches domain (app.matches.lifecycle).
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.db import utcnow
from app.extensions import db
from app.matches.models import Notification
from app.offers.bookings import local_time_text
from app.offers.models import AdviceSlot
from app.profiles.models import Person


def cancel_own_bookings(person: Person) -> None:
    """Appointments still to come are cancelled; the adviser is told without the name."""
    slots = db.session.scalars(
        select(AdviceSlot).where(
            AdviceSlot.booked_by_id == person.id, AdviceSlot.starts_at > utcnow()
        )
    ).all()
    for slot in slots:
        adviser = slot.offer.owner.user
        if adviser is None:
            continue
        with force_locale(adviser.locale or "de"):
            subject = _("An appointment was cancelled")
            body = _(
                "The appointment on %(when)s (%(title)s) is free again: the person who booked "
                "it deleted their data on Brücke.",
                when=local_time_text(slot.starts_at, adviser.locale or "de", style="full"),
                title=slot.offer.title,
            )
        db.session.add(Notification(user_id=adviser.id, subject=subject, body=body))
