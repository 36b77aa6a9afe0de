"""The one writer of a request's status (every change goes through ``REQUEST_TRANSITIONS``) and
of an offer's taken places.

offers owns requests; matches (rounds, approvals, answers, erasure) moves them by calling
``move_requests`` here, never by writing the column itself. A move is one conditional ``UPDATE
… WHERE status IN (from)``, so two actions at once change a row once, and its row count says
whether it happened. A move the table does not allow is a programming error and raises at once;
a move a person asked for and the table refuses raises ``RequestTransitionNotAllowed``.
"""

from __future__ import annotations

from collections.abc import Collection

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.extensions import db
from app.offers.errors import RequestTransitionNotAllowed
from app.offers.models import REQUEST_TRANSITIONS, WAITING, Offer, Request, RequestStatus
from app.offers.signals import request_withdrawn

PLACEHOLDER_FIELDS = ("topic", "wished_languages", "wished_mentor_gender")


def allowed(before: RequestStatus, after: RequestStatus) -> bool:
    return after in REQUEST_TRANSITIONS[before]


def move_requests(
    request_ids: Collection[int],
    before: Collection[RequestStatus],
    after: RequestStatus,
    **values: object,
) -> int:
    """Move those of ``request_ids`` whose status is one of ``before`` to ``after``; returns how
    many moved. Every ``before → after`` must be in the table."""
    refused = [b for b in before if not allowed(b, after)]
    if refused:
        raise ValueError(f"request status {refused} -> {after} is not in REQUEST_TRANSITIONS")
    if not request_ids:
        return 0
    result = db.session.execute(
        update(Request)
        .where(Request.id.in_(request_ids), Request.status.in_([b.value for b in before]))
        .values(status=after.value, **values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def take_into_round(request_ids: Collection[int]) -> None:
    """Open requests a round takes in."""
    move_requests(request_ids, (RequestStatus.OPEN,), RequestStatus.IN_ROUND)


def give_back(request_ids: Collection[int], *, skip_locked: bool = False) -> None:
    """Requests a round (or a lapsed proposal) leaves without a match wait again.

    ``skip_locked``: leave out requests another transaction is changing right now (it is
    matching or withdrawing them) instead of waiting for it (PostgreSQL; SQLite ignores it)."""
    if skip_locked and request_ids:
        request_ids = list(
            db.session.scalars(
                select(Request.id)
                .where(Request.id.in_(request_ids), Request.status == RequestStatus.IN_ROUND.value)
                .with_for_update(skip_locked=True)
            )
        )
    move_requests(request_ids, (RequestStatus.IN_ROUND,), RequestStatus.OPEN)


def hold(request_id: int) -> bool:
    """The request becomes matched; False when it no longer waits (matched or withdrawn)."""
    return move_requests([request_id], WAITING, RequestStatus.MATCHED) == 1


def reopen(request_id: int) -> None:
    """A match that held (or a round that had) the request is gone: it waits again. A
    withdrawn request stays withdrawn."""
    move_requests([request_id], (RequestStatus.IN_ROUND, RequestStatus.MATCHED), RequestStatus.OPEN)


def withdraw(request: Request) -> None:
    """The person takes back a waiting request; a matched one stays (it ends with the match).
    Undecided proposals for it leave the coordinators' queue (app.matches.lifecycle listens)."""
    if RequestStatus(request.status) not in WAITING:
        raise RequestTransitionNotAllowed(_l("This request cannot be withdrawn any more."))
    if move_requests([request.id], WAITING, RequestStatus.WITHDRAWN) != 1:
        raise RequestTransitionNotAllowed(_l("This request cannot be withdrawn any more."))
    db.session.refresh(request)
    request_withdrawn.send(request.id)


def open_again(request: Request) -> None:
    """A withdrawn interest is shown again."""
    if move_requests([request.id], (RequestStatus.WITHDRAWN,), RequestStatus.OPEN) != 1:
        raise RequestTransitionNotAllowed(_l("This request cannot be opened again."))
    db.session.refresh(request)


def keep_without_person(request_id: int, placeholder_id: int) -> None:
    """After an erasure, a request whose match ran stays for the other side: it moves to an
    empty placeholder person, loses what describes the person, and never enters a round again."""
    db.session.execute(
        update(Request)
        .where(Request.id == request_id)
        .values(person_id=placeholder_id, **dict.fromkeys(PLACEHOLDER_FIELDS))
        .execution_options(synchronize_session=False)
    )
    move_requests(
        [request_id],
        (RequestStatus.OPEN, RequestStatus.IN_ROUND, RequestStatus.MATCHED),
        RequestStatus.WITHDRAWN,
    )


# -- an offer's places ----------------------------------------------------------------------------
# Capacity is guarded in the database: one conditional UPDATE whose row count says whether a
# place was free (atomic on SQLite and PostgreSQL), and the CHECK filled <= capacity behind it.


def take_place(offer_id: int) -> bool:
    """Take one of the offer's places if one is free; False when the offer is full."""
    result = db.session.execute(
        update(Offer)
        .where(Offer.id == offer_id, Offer.filled < Offer.capacity)
        .values(filled=Offer.filled + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def free_place(offer_id: int) -> None:
    db.session.execute(
        update(Offer)
        .where(Offer.id == offer_id, Offer.filled > 0)
        .values(filled=Offer.filled - 1)
        .execution_options(synchronize_session=False)
    )
