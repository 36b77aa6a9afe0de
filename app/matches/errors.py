"""Errors the match services raise; views turn them into a message and a 4xx answer."""

from __future__ import annotations

from app.core.errors import DomainError


class MatchError(DomainError):
    """A match action that cannot be done; ``message`` is translated for the person."""


class NoPlaceLeft(MatchError):
    pass


class AlreadyDecided(MatchError):
    pass


class RuleBroken(MatchError):
    def __init__(self, message: object, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


class RoundTakenOver(Exception):
    """This attempt no longer owns its round: recovery handed it to another worker while this
    one was silent. The attempt stops without writing anything more."""
