"""Outgoing mail: SMTP when a server is configured, else .eml files in instance/outbox.

The outbox lets the embedded default work with no mail server: a developer or a demo user opens the
newest file to follow a confirmation link.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from app.core.db import utcnow


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="bruecke.example")
    message.set_content(body)
    return message


def outbox_dir(instance_path: str) -> Path:
    return Path(instance_path) / "outbox"


def deliver(config: dict[str, Any], instance_path: str, message: EmailMessage) -> str:
    """Send ``message``; return where it went (the SMTP host or the .eml path)."""
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return str(config["MAIL_SERVER"])
    folder = outbox_dir(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    recipient = str(message["To"]).replace("@", "_at_").replace("/", "_")
    path = folder / f"{stamp}-{recipient}.eml"
    path.write_bytes(bytes(message))
    return str(path)
