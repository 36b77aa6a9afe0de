"""Background tasks that belong to no domain: sending mail."""

from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from app.core.mail import build_message, deliver

log = logging.getLogger(__name__)


@shared_task(name="bruecke.send_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_mail(to: str, subject: str, body: str) -> str:
    """Deliver one mail; retried with backoff while the SMTP server is unreachable."""
    config = current_app.config
    message = build_message(config["MAIL_SENDER"], to, subject, body)
    where = deliver(config, current_app.instance_path, message)
    # Neither the address nor the subject: the log must not become a list of who got what.
    log.info("mail delivered", extra={"transport": "smtp" if config["MAIL_SERVER"] else "outbox"})
    return where
