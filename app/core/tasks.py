"""Background tasks that belong to no domain: delivering mail from the outbox."""

from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from app.core.mail import build_message, deliver
from app.core.outbox import deliver_mail, pending_mail_ids
from app.extensions import db

log = logging.getLogger(__name__)


@shared_task(
    name="bruecke.deliver_outbox_mail",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def deliver_outbox_mail(mail_id: int) -> str | None:
    """Deliver one mail of the outbox; retried with backoff while the SMTP server is unreachable
    (each attempt and its error are recorded in the row)."""
    try:
        where = deliver_mail(mail_id)
    except OSError:
        db.session.commit()
        raise
    db.session.commit()
    if where is not None:
        log_delivered()
    return where


def log_delivered() -> None:
    # Neither the address nor the subject: the log must not become a list of who got what.
    transport = "smtp" if current_app.config["MAIL_SERVER"] else "outbox"
    log.info("mail delivered", extra={"transport": transport})


@shared_task(name="bruecke.flush_outbox_mail")
def flush_outbox_mail() -> int:
    """Deliver every mail still pending (its task was never sent, or gave up); returns how many
    went out. Celery beat runs it every minute; ``flask mail-flush`` runs it by hand."""
    sent = 0
    for mail_id in pending_mail_ids():
        try:
            sent += deliver_mail(mail_id) is not None
        except OSError as error:
            log.warning("outbox mail %s not delivered: %s", mail_id, error)
        db.session.commit()
    return sent


@shared_task(name="bruecke.send_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_mail(to: str, subject: str, body: str) -> str:
    """Deliver one mail given in the message itself: what services sent before the outbox table
    existed. Kept so that messages still queued at an upgrade are delivered; new mail goes
    through ``app.core.outbox.queue_mail``."""
    config = current_app.config
    message = build_message(config["MAIL_SENDER"], to, subject, body)
    where = deliver(config, current_app.instance_path, message)
    log_delivered()
    return where
