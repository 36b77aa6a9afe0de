"""What the offer services refuse, with a message in the user's language."""

from __future__ import annotations

from app.core.errors import DomainError


class OfferError(DomainError):
    """A change that the rules of offers and requests do not allow; ``message`` says why."""


class UnknownPostcode(OfferError):
    pass


class TransitionNotAllowed(OfferError):
    pass


class RequestTransitionNotAllowed(OfferError):
    pass


class SlotNotAvailable(OfferError):
    pass


class DuplicateRequest(OfferError):
    pass
