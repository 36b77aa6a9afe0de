"""Errors the match services raise; views turn them into a message and a 4xx answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.errors import DomainError


class MatchError(DomainError):
    """A match action that cannot be done; ``message`` is translated for the person."""


class NoPlaceLeft(MatchError):
    pass


class AlreadyDecided(MatchError):
    pass


class ProposalLapsed(MatchError):
    """The proposal's request was withdrawn or its offer closed; ``cause`` is a LapseCause."""

    def __init__(self, message: object, cause: object) -> None:
        super().__init__(message)
        self.cause = cause


class ProposalGone(MatchError):
    """The proposal no longer exists (a newer round moved it, its offer was deleted, or one of
    the two people was erased, taking it with them)."""

    status = 410

    def __init__(self) -> None:
        super().__init__(
            _l(
                "This proposal no longer exists: a newer matching round replaced it, the offer "
                "was deleted, or one of the two people had their data erased."
            )
        )


class RuleBroken(MatchError):
    def __init__(self, message: object, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


class RoundTakenOver(Exception):
    """This attempt no longer owns its round: recovery handed it to another worker while this
    one was silent. The attempt stops without writing anything more."""
