"""The end of a person's matches when the person's data is erased; app.privacy calls
``forget_person`` and writes no match row itself.

A match is a record about two people. When the seeking side is erased, a match that ran (ended,
or active until now) stays for the other side — they mentored someone, and the erased person's
rating is part of their standing in future matching — but without anything about the person:
each kept request moves to its own empty placeholder person ("–", no account, no region, no
details; one per match, so the kept matches cannot be linked together), its texts are emptied,
the match loses the reasons that describe the person, the person's own rating keeps only its
stars, and the other side's rating of the person and their inbox messages about the match
(which name the person) go. Proposals that never ran go with the request.
When the offering side is erased, the seeking side gets their request back. Either way the other
side is told in their inbox, without the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select, update

from app.accounts.models import User
from app.core.db import utcnow
from app.extensions import db
from app.matches.models import (
    HOLDS_PLACE,
    AnswerOnBehalf,
    Notification,
    Proposal,
    ProposalStatus,
    Rating,
)
from app.matches.services import free_place
from app.offers.models import Offer, Request, RequestStatus
from app.profiles.models import Person

# Proposals whose request waits on them: proposed (in a round) or holding a place.
WAITING = (ProposalStatus.PROPOSED.value, *HOLDS_PLACE)
RAN = (ProposalStatus.ACTIVE.value, ProposalStatus.ENDED.value)
PLACEHOLDER_NAME = "–"


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
        db.session.execute(
            update(Request)
            .where(Request.id == request_id)
            .values(
                person_id=placeholder.id,
                topic=None,
                wished_languages=None,
                wished_mentor_gender=None,
                status=RequestStatus.WITHDRAWN.value,  # never again in a matching round
            )
        )
    _execute_all(
        delete(Proposal).where(
            Proposal.request_id.in_(kept.requests), Proposal.id.not_in(kept.proposals)
        ),
        update(Proposal)
        .where(Proposal.id.in_(kept.proposals))
        .values(reasons=[], components={}, reject_reason=None),
        update(Proposal)
        .where(Proposal.id.in_(kept.proposals), Proposal.status == ProposalStatus.ACTIVE.value)
        .values(status=ProposalStatus.ENDED.value, ended_at=utcnow()),
        update(Rating).where(Rating.id.in_(kept.ratings)).values(comment=None),
        delete(Rating).where(
            Rating.proposal_id.in_(kept.proposals), Rating.id.not_in(kept.ratings)
        ),
        delete(Notification).where(Notification.proposal_id.in_(kept.proposals)),
        # How the person answered (who, by which way) describes them: it goes with them.
        delete(AnswerOnBehalf).where(AnswerOnBehalf.proposal_id.in_(kept.proposals)),
    )


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
                free_place(proposal.offer_id)
        else:
            other = proposal.request.person
            reopen_request(proposal.request_id)
        if proposal.status in HOLDS_PLACE and other.user is not None:
            tell_match_ended(other.user)


def reopen_request(request_id: int) -> None:
    db.session.execute(
        update(Request)
        .where(
            Request.id == request_id,
            Request.status.in_((RequestStatus.IN_ROUND.value, RequestStatus.MATCHED.value)),
        )
        .values(status=RequestStatus.OPEN.value)
        .execution_options(synchronize_session=False)
    )


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
