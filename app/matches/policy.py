"""Who may do what to which round, proposal or match: every route of the matches package asks here.

A proposal joins two people: the person asking (their region) and the person offering (the
offer's region). A coordinator sees, approves, rejects, replaces and ends it only when it acts in
BOTH regions; scoping by the offer alone let a coordinator end matches of people outside its
regions. The region rule itself is ``app.accounts.policy``'s.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import ColumnElement

from app.accounts.models import User
from app.accounts.policy import acts_in_region
from app.matches.models import MatchingRound, Proposal, ProposalStatus
from app.offers.models import Offer, Request
from app.profiles.models import Person
from app.profiles.policy import keeps_on_behalf

Side = Literal["seeker", "provider"]


def may_see_round(user: User, matching_round: MatchingRound) -> bool:
    return acts_in_region(user, matching_round.region_id)


def may_manage_pair(user: User, request: Request, offer: Offer) -> bool:
    """Both people of a pair lie in the coordinator's regions."""
    return acts_in_region(user, request.person.region_id) and acts_in_region(user, offer.region_id)


def may_manage_proposal(user: User, proposal: Proposal) -> bool:
    """Approve, reject, replace a side of, or end a proposal: a coordinator of both sides."""
    return may_manage_pair(user, proposal.request, proposal.offer)


def queue_scope(region_ids: set[int]) -> list[ColumnElement[bool]]:
    """The approval queue's rows a coordinator of these regions may see: both sides inside.
    The query must join ``Offer`` and the request's ``Person``."""
    return [Offer.region_id.in_(region_ids), Person.region_id.in_(region_ids)]


def side_of(user: User, proposal: Proposal) -> Side | None:
    """ "seeker" or "provider" when the user is one of the two people of the proposal."""
    if proposal.request.person.user_id == user.id:
        return "seeker"
    if proposal.offer.owner.user_id == user.id:
        return "provider"
    return None


def answering_side(user: User, proposal: Proposal) -> Side | None:
    """The side the user answers for: one of the two people, once a coordinator approved."""
    if proposal.status == ProposalStatus.PROPOSED.value:
        return None
    return side_of(user, proposal)


def may_end(user: User, proposal: Proposal) -> bool:
    """One of the two people, or a coordinator of both sides, ends a match."""
    return side_of(user, proposal) is not None or may_manage_proposal(user, proposal)


def may_record_answer(user: User, proposal: Proposal, side: Side) -> bool:
    """Record the answer of one person of a match for them: a coordinator of both sides who
    keeps that person on behalf (no account of their own, at home in its regions). Whether the
    match still waits for that answer is for app.matches.answers_on_behalf to say."""
    person = proposal.seeker if side == "seeker" else proposal.provider
    return may_manage_proposal(user, proposal) and keeps_on_behalf(user, person)
