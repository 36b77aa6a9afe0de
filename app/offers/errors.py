"""What the offer services refuse, with a message in the user's language."""

from __future__ import annotations


class OfferError(Exception):
    """A change that the rules do not allow; ``message`` says why."""

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message  # a lazy translation, rendered in the user's language


class UnknownPostcode(OfferError):
    pass


class TransitionNotAllowed(OfferError):
    pass


class SlotNotAvailable(OfferError):
    pass


class DuplicateRequest(OfferError):
    pass
