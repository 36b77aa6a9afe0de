"""The id of the request (or of the request that sent a task) that the current code serves.

Held in a context variable, so that every log line written while serving it can carry it, and
so that a task sent from it carries it on (a Celery message header, see ``app.celery``).
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar, Token

HEADER = "X-Request-ID"
CELERY_HEADER = "request_id"
# What a proxy's id may look like: a UUID or similar token. Anything else (spaces, newlines,
# several kilobytes) could forge or break log lines and is replaced by an id of our own.
VALID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current: ContextVar[str | None] = ContextVar("bruecke_request_id", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def accept_or_generate(offered: str | None, trusted: bool) -> str:
    """The id offered by a trusted proxy when it is well formed, else a fresh one."""
    if trusted and offered and VALID.fullmatch(offered):
        return offered
    return new_request_id()


def current_request_id() -> str | None:
    return _current.get()


def bind(request_id: str | None) -> Token[str | None]:
    return _current.set(request_id)


def unbind(token: Token[str | None]) -> None:
    _current.reset(token)
