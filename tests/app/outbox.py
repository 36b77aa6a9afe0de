"""Read the mails that the embedded default writes to instance/outbox."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from flask import Flask

from app.core.mail import outbox_dir

LINK = re.compile(r"https?://\S+")


class Outbox:
    def __init__(self, app: Flask) -> None:
        self.folder = outbox_dir(app.instance_path)

    def messages(self) -> list[EmailMessage]:
        if not self.folder.exists():
            return []
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in sorted(self.folder.glob("*.eml"))
        ]

    def last_to(self, address: str) -> EmailMessage:
        found = [m for m in self.messages() if m["To"] == address]
        assert found, f"no mail to {address} in {self.folder}"
        return found[-1]

    def link_in_last_to(self, address: str) -> str:
        body = self.last_to(address).get_content()
        match = LINK.search(body)
        assert match, body
        return match.group(0)

    def clear(self) -> None:
        if self.folder.exists():
            for path in self.folder.glob("*.eml"):
                path.unlink()


def path_of(url: str) -> str:
    """The path of a link from a mail, to follow it with the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


__all__ = ["Outbox", "Path", "path_of"]
