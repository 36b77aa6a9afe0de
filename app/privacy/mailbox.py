"""Mail the person was sent, where we keep it: only the embedded default keeps mail, as .eml
files in instance/outbox; with an SMTP server nothing is kept (the README says so). Every
installation holds mail in the outbox table (``app.core.outbox``) until and after it is
delivered: erasure deletes the rows to the person or naming them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import delete, or_, select

from app.core.mail import outbox_dir
from app.core.outbox import OutboxMail
from app.extensions import db


def kept_outbox() -> Path | None:
    """Where mail is kept: the embedded default's outbox; with a mail server, nowhere."""
    if current_app.config.get("MAIL_SERVER"):
        return None
    return outbox_dir(current_app.instance_path)


def _to(message: EmailMessage) -> set[str]:
    return {address.casefold() for _name, address in getaddresses([str(message["To"] or "")])}


def kept_mails(outbox: Path | None) -> list[tuple[Path, EmailMessage]]:
    """Every kept mail, oldest first."""
    if outbox is None or not outbox.exists():
        return []
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if isinstance(message, EmailMessage):
            found.append((path, message))
    return found


def mails_to(address: str | None, outbox: Path | None) -> list[tuple[Path, EmailMessage]]:
    """The kept mails addressed to ``address``, oldest first."""
    if not address:
        return []
    return [(path, m) for path, m in kept_mails(outbox) if address.casefold() in _to(m)]


def readable_text(message: EmailMessage) -> str:
    """Headers and decoded body: the body may be quoted-printable or base64 in the file."""
    body = message.get_body(preferencelist=("plain",))
    content = body.get_content() if body is not None else ""
    return f"{message['To']}\n{message['Subject']}\n{content}"


def _whole_words(words: Iterable[str]) -> list[re.Pattern[str]]:
    return [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in words]


def mails_naming(words: Iterable[str], outbox: Path | None) -> list[tuple[Path, EmailMessage]]:
    """The kept mails to anyone that name one of ``words`` (a name, an address, a phone
    number) as a whole word: a mentor's mail about a match names the person by given name."""
    patterns = _whole_words(words)
    if not patterns:
        return []
    return [
        (path, m)
        for path, m in kept_mails(outbox)
        if any(p.search(readable_text(m)) for p in patterns)
    ]


def as_record(path: Path, message: EmailMessage) -> dict[str, Any]:
    body = message.get_body(preferencelist=("plain",))
    return {
        "file": path.name,
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "date": path.name.split("-", 1)[0],
        "body": body.get_content() if body is not None else "",
    }


def remove_mails(mails: list[tuple[Path, EmailMessage]]) -> int:
    for path, _message in mails:
        path.unlink(missing_ok=True)
    return len(mails)


def remove_queued_mails(words: list[str]) -> int:
    """Delete the outbox rows (sent or pending) that name one of ``words`` as a whole word, as
    ``mails_naming`` does for kept files: SQL narrows by substring, the patterns decide."""
    if not words:
        return 0
    columns = (OutboxMail.to_address, OutboxMail.subject, OutboxMail.body)
    candidates = db.session.execute(
        select(OutboxMail.id, *columns).where(
            or_(*(column.icontains(word, autoescape=True) for word in words for column in columns))
        )
    ).all()
    patterns = _whole_words(words)
    naming = [
        row.id
        for row in candidates
        if any(p.search(f"{row.to_address}\n{row.subject}\n{row.body}") for p in patterns)
    ]
    if naming:
        db.session.execute(delete(OutboxMail).where(OutboxMail.id.in_(naming)))
    return len(naming)
