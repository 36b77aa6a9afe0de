"""What the evidence services refuse, with a message in the user's language."""

from __future__ import annotations

from app.core.errors import DomainError


class EvidenceError(DomainError):
    """A figure the rules of the evidence package do not allow; ``message`` says why."""

    status = 422  # the figure itself is wrong, whatever the state of things
