"""Mail waits in a durable outbox table until it has been delivered.

``queue_mail`` stores the mail in the caller's transaction and, once that commits, sends the task
that delivers it. A failed commit therefore sends nothing, and a mail whose task could not be sent
(the broker is down) stays pending in the table: the sweep (``flush_outbox_mail``, run by Celery
beat every minute, and ``flask mail-flush`` by hand) delivers it when the broker is back. In the
embedded default the task runs in process right after the commit, as before.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import utcnow
from app.core.mail import build_message, deliver
from app.core.unit_of_work import send_after_commit
from app.extensions import db

# A pending mail younger than this is left to the task its request sent: the sweep would
# otherwise race that task for the same row.
SWEEP_AFTER = timedelta(minutes=1)
# A mail the SMTP server refused this often (a bad address) is left in the table for an operator
# to read its last error, instead of being tried every minute for ever.
GIVE_UP_AFTER = 20


class OutboxMail(db.Model):
    __tablename__ = "outbox_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


def queue_mail(to: str, subject: str, body: str) -> OutboxMail:
    """Store a mail to ``to`` in the current transaction; it is delivered after the commit."""
    from app.core.tasks import deliver_outbox_mail  # the task module imports this one

    mail = OutboxMail(to_address=to, subject=subject, body=body)
    db.session.add(mail)
    db.session.flush()
    send_after_commit(deliver_outbox_mail, mail.id)
    return mail


def deliver_mail(mail_id: int) -> str | None:
    """Deliver the pending mail ``mail_id`` and mark it sent (flushes; the caller commits).

    The row is locked while it is delivered, so a sweep and the request's task never both send
    it; a mail already sent (or erased) is left alone. Returns where it went."""
    mail = db.session.get(OutboxMail, mail_id, with_for_update=True)
    if mail is None or mail.sent_at is not None:
        return None
    config = current_app.config
    message = build_message(config["MAIL_SENDER"], mail.to_address, mail.subject, mail.body)
    mail.attempts += 1
    try:
        where = deliver(config, current_app.instance_path, message)
    except OSError as error:
        mail.last_error = repr(error)
        raise
    mail.sent_at = utcnow()
    mail.last_error = None
    return where


def pending_mail_ids(now: datetime | None = None) -> list[int]:
    """Mail not yet delivered and old enough that its own task should have sent it."""
    older_than = (now or utcnow()) - SWEEP_AFTER
    query = select(OutboxMail.id).where(
        OutboxMail.sent_at.is_(None),
        OutboxMail.created_at <= older_than,
        OutboxMail.attempts < GIVE_UP_AFTER,
    )
    return list(db.session.scalars(query.order_by(OutboxMail.id)))
