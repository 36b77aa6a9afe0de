"""Mail the person was sent, where we keep it: only the embedded default keeps mail, as .eml
files in instance/outbox; with an SMTP server nothing is kept (the README says so)."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any


def _to(message: EmailMessage) -> set[str]:
    return {address.casefold() for _name, address in getaddresses([str(message["To"] or "")])}


def mails_to(address: str | None, outbox: Path | None) -> list[tuple[Path, EmailMessage]]:
    """The kept mails addressed to ``address``, oldest first."""
    if not address or outbox is None or not outbox.exists():
        return []
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if isinstance(message, EmailMessage) and address.casefold() in _to(message):
            found.append((path, message))
    return found


def as_record(path: Path, message: EmailMessage) -> dict[str, Any]:
    body = message.get_body(preferencelist=("plain",))
    return {
        "file": path.name,
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "date": path.name.split("-", 1)[0],
        "body": body.get_content() if body is not None else "",
    }


def remove_mails_to(address: str | None, outbox: Path | None) -> int:
    mails = mails_to(address, outbox)
    for path, _message in mails:
        path.unlink(missing_ok=True)
    return len(mails)
