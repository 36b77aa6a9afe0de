"""The one writer of a proposal's status, by the table ``TRANSITIONS`` (app.matches.models);
and the end of a person's matches when the person's data is erased.

Every move is one conditional ``UPDATE … WHERE status IN (the one status before it)``, so two
coordinators pressing "approve" at once, or a person accepting twice, change a row once, and
the row count says whether it happened. app.matches.services decides when to move; app.privacy
calls ``forget_person``; offers announces a withdrawn request or a closed offer
(app.offers.signals) and the undecided proposals waiting on it lapse here, with their cause,
so they leave the coordinators' queue and an approval names why it is refused.

When the seeking side is erased, a match that ran (ended, or active until now) stays for the
other side — they mentored someone, and the erased person's rating is part of their standing in
future matching — but without anything about the person: each kept request moves to its own
empty placeholder person ("–", no account, no region, no details; one per match, so the kept
matches cannot be linked together), its texts are emptied, the match loses the reasons that
describe the person, the person's own rating keeps only its stars, and the other side's rating
of the person and their inbox messages about the match (which name the person) go. Proposals
that never ran go with the request. When the offering side is erased, the seeking side gets
their request back. Either way the other side is told in their inbox, without the name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, delete, func, or_, select, update

from app.accounts.models import User
from app.core.db import utcnow
from app.extensions import db
from app.matches.errors import AlreadyDecided, MatchError, NoPlaceLeft, ProposalLapsed
from app.matches.models import (
    HOLDS_PLACE,
    LAPSE_CAUSE_LABELS,
    TRANSITIONS,
    AnswerOnBehalf,
    LapseCause,
    Notification,
    Proposal,
    ProposalStatus,
    Rating,
)
from app.offers import lifecycle as offers_lifecycle
from app.offers.models import Offer, OfferStatus, Request, RequestStatus
from app.offers.signals import offers_closed, request_withdrawn
from app.profiles.models import Person

# Proposals whose request waits on them: proposed (in a round) or holding a place.
WAITING = (ProposalStatus.PROPOSED.value, *HOLDS_PLACE)
RAN = (ProposalStatus.ACTIVE.value, ProposalStatus.ENDED.value)
PLACEHOLDER_NAME = "–"

# -- moves by the table ---------------------------------------------------------------------------


def before(after: ProposalStatus) -> list[str]:
    """The statuses the table allows ``after`` to follow (one for each status today)."""
    return [status.value for status, nexts in TRANSITIONS.items() if after in nexts]


def move_all(proposal_ids: Collection[int], after: ProposalStatus, **values: object) -> int:
    """Move those of the proposals that stand where the table allows to ``after``; how many."""
    if not proposal_ids:
        return 0
    result = db.session.execute(
        update(Proposal)
        .where(Proposal.id.in_(proposal_ids), Proposal.status.in_(before(after)))
        .values(status=after.value, **values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def move(proposal_id: int, after: ProposalStatus, **values: object) -> bool:
    """Move one proposal to ``after``; False when it no longer stands where the table allows."""
    return move_all([proposal_id], after, **values) == 1


# -- proposals that lapse -------------------------------------------------------------------------


def lapse(where: ColumnElement[bool], cause: LapseCause) -> int:
    """The undecided proposals ``where`` says leave the queue with ``cause``; the requests they
    held in a round wait again for the next one. Returns how many lapsed.

    Rows another transaction holds (a coordinator deciding that proposal this moment) are
    skipped, not waited for: waiting could close a circle of locks with a concurrent approval
    (PostgreSQL; SQLite has one writer at a time and ignores this)."""
    rows = db.session.execute(
        select(Proposal.id, Proposal.request_id)
        .where(Proposal.status == ProposalStatus.PROPOSED.value, where)
        .with_for_update(skip_locked=True)
    ).all()
    lapsed = move_all(
        [row.id for row in rows], ProposalStatus.LAPSED, lapse_cause=cause.value, ended_at=utcnow()
    )
    offers_lifecycle.give_back({row.request_id for row in rows}, skip_locked=True)
    return lapsed


@request_withdrawn.connect
def lapse_for_withdrawn_request(request_id: int) -> None:
    """Offers announced a withdrawn request."""
    lapse(Proposal.request_id == request_id, LapseCause.REQUEST_WITHDRAWN)


@offers_closed.connect
def lapse_for_closed_offers(offer_ids: Collection[int], full: bool) -> None:
    """Offers announced offers that take nobody new: filled, or no longer published."""
    cause = LapseCause.OFFER_FULL if full else LapseCause.OFFER_UNPUBLISHED
    lapse(Proposal.offer_id.in_(offer_ids), cause)


def lapse_if_full(offer_id: int) -> None:
    """The offer's last place is taken: its other undecided proposals cannot be approved."""
    offer = db.session.get(Offer, offer_id)
    if offer is not None:
        db.session.refresh(offer)
        if offer.filled >= offer.capacity:
            lapse(Proposal.offer_id == offer_id, LapseCause.OFFER_FULL)


def why_not_approvable(proposal: Proposal) -> MatchError | None:
    """The real reason an approval of ``proposal`` is refused now, or None."""
    db.session.refresh(proposal)
    if proposal.status == ProposalStatus.LAPSED.value:
        cause = LapseCause(proposal.lapse_cause)
        return ProposalLapsed(LAPSE_CAUSE_LABELS[cause], cause)
    if proposal.status != ProposalStatus.PROPOSED.value:
        return AlreadyDecided(_l("This proposal has been decided already."))
    return why_not_matchable(proposal.request, proposal.offer)


def why_not_matchable(request: Request, offer: Offer) -> MatchError | None:
    """Why this request cannot be matched with this offer now (both read afresh), or None."""
    db.session.refresh(offer)
    withdrawn = why_request_not_waiting(request)
    if isinstance(withdrawn, ProposalLapsed):
        return withdrawn
    if offer.status in (OfferStatus.DRAFT.value, OfferStatus.EXPIRED.value):
        cause = LapseCause.OFFER_UNPUBLISHED
        return ProposalLapsed(LAPSE_CAUSE_LABELS[cause], cause)
    if offer.status == OfferStatus.FILLED.value or offer.filled >= offer.capacity:
        return NoPlaceLeft(LAPSE_CAUSE_LABELS[LapseCause.OFFER_FULL])
    return withdrawn


def why_request_not_waiting(request: Request) -> MatchError | None:
    """Why the request (read afresh) cannot be matched: withdrawn, or matched already."""
    db.session.refresh(request)
    if request.status == RequestStatus.WITHDRAWN.value:
        cause = LapseCause.REQUEST_WITHDRAWN
        return ProposalLapsed(LAPSE_CAUSE_LABELS[cause], cause)
    if request.status == RequestStatus.MATCHED.value:
        return AlreadyDecided(_l("This request has been matched already."))
    return None


# -- erasure --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptMatches:
    """Row ids that stay, pseudonymous, for the other side."""

    proposals: frozenset[int] = frozenset()
    requests: frozenset[int] = frozenset()
    ratings: frozenset[int] = frozenset()

    def keys(self) -> dict[str, set[tuple[int]]]:
        return {
            "proposal": {(i,) for i in self.proposals},
            "request": {(i,) for i in self.requests},
            "rating": {(i,) for i in self.ratings},
        }


def matches_to_keep(person: Person | None, user: User | None) -> KeptMatches:
    """The person's matches as the seeking side, with somebody else's offer, that ran."""
    if person is None:
        return KeptMatches()
    rows = db.session.execute(
        select(Proposal.id, Proposal.request_id)
        .join(Request, Proposal.request_id == Request.id)
        .join(Offer, Proposal.offer_id == Offer.id)
        .where(Request.person_id == person.id, Offer.owner_id != person.id)
        .where(Proposal.status.in_(RAN))
    ).all()
    proposals = frozenset(row.id for row in rows)
    own_ratings = select(Rating.id).where(
        Rating.proposal_id.in_(proposals), Rating.by_user_id == (user.id if user else None)
    )
    ratings = frozenset(db.session.scalars(own_ratings)) if user else frozenset()
    return KeptMatches(proposals, frozenset(row.request_id for row in rows), ratings)


def keep_for_the_other_side(kept: KeptMatches) -> None:
    """Move the kept matches to a placeholder person and empty what describes the person."""
    if not kept.proposals:
        return
    for request_id in sorted(kept.requests):
        # One placeholder per match: the kept matches of one person cannot be linked together.
        placeholder = Person(given_name=PLACEHOLDER_NAME, family_name="")
        db.session.add(placeholder)
        db.session.flush()
        offers_lifecycle.keep_without_person(request_id, placeholder.id)  # never again in a round
    # The active ones end; the ended ones stay as they are.
    move_all(sorted(kept.proposals), ProposalStatus.ENDED, ended_at=utcnow())
    allow_erasing_recorded_answers()
    _execute_all(
        delete(Proposal).where(
            Proposal.request_id.in_(kept.requests), Proposal.id.not_in(kept.proposals)
        ),
        update(Proposal)
        .where(Proposal.id.in_(kept.proposals))
        .values(reasons=[], components={}, reject_reason=None),
        update(Rating).where(Rating.id.in_(kept.ratings)).values(comment=None),
        delete(Rating).where(
            Rating.proposal_id.in_(kept.proposals), Rating.id.not_in(kept.ratings)
        ),
        delete(Notification).where(Notification.proposal_id.in_(kept.proposals)),
        # How the person answered (who, by which way) describes them: it goes with them.
        delete(AnswerOnBehalf).where(AnswerOnBehalf.proposal_id.in_(kept.proposals)),
    )


def allow_erasing_recorded_answers() -> None:
    """Let this transaction, which erases a person, delete the answers recorded for them.

    On PostgreSQL a trigger keeps recorded answers unchanged (migration 5b1500000001); it lets
    a delete through only when ``bruecke.erasure`` is on, set here for this transaction alone."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.set_config("bruecke.erasure", "on", True)))


def _execute_all(*statements: object) -> None:
    for statement in statements:
        db.session.execute(statement.execution_options(synchronize_session=False))  # type: ignore[attr-defined]


def end_matches(person: Person) -> None:
    """Free what the person's matches hold for the other side and tell the other side."""
    proposals = db.session.scalars(
        select(Proposal)
        .join(Request, Proposal.request_id == Request.id)
        .join(Offer, Proposal.offer_id == Offer.id)
        .where(or_(Request.person_id == person.id, Offer.owner_id == person.id))
        .where(Proposal.status.in_(WAITING))
    ).all()
    for proposal in proposals:
        if proposal.request.person_id == person.id:
            other = proposal.offer.owner
            if proposal.status in HOLDS_PLACE:
                offers_lifecycle.free_place(proposal.offer_id)
        else:
            other = proposal.request.person
            offers_lifecycle.reopen(proposal.request_id)
        if proposal.status in HOLDS_PLACE and other.user is not None:
            tell_match_ended(other.user)


def tell_match_ended(user: User) -> None:
    with force_locale(user.locale or "de"):
        subject = _("A match has ended")
        body = _(
            "One of your matches has ended because the other person deleted their data on "
            "Brücke. If you were waiting for a match, your request is open again."
        )
    db.session.add(Notification(user_id=user.id, subject=subject, body=body))


def forget_person(person: Person, kept: KeptMatches) -> None:
    """End the matches of ``person``, who is being erased, as the module docstring says: free
    what they hold, reopen the other side's requests, tell the other side, and keep the matches
    in ``kept`` (from ``matches_to_keep``, read before anything changed) without the person."""
    end_matches(person)
    keep_for_the_other_side(kept)
