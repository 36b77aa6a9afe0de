"""A match of their own for each demo login who offers something.

A round proposes a login's offer only when the engine finds it the best pair, so the demo
volunteer, employer and adviser may get nothing from it, and their journey would end at an
empty "My matches". Here each of them without an approved or active match gets one the way a
coordinator makes it: a newcomer the office keeps on behalf (no account) asks for the login's
offer, the coordinator pairs them by hand (checked against the engine's hard rules), and
records the newcomer's yes given by phone. The login's own answer is theirs to give.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from app.accounts.models import User
from app.extensions import db
from app.matches import services as matches
from app.matches.answers_on_behalf import GivenAnswer, record_answer
from app.matches.errors import MatchError
from app.matches.models import AnswerChannel, AnsweredBy, Proposal, ProposalStatus
from app.offers.models import Offer, Request
from app.profiles.models import Person

SHOWN = (ProposalStatus.APPROVED.value, ProposalStatus.ACTIVE.value)


def give_logins_a_match(logins: list[Person], coordinator: User, today: date) -> None:
    """For each person in ``logins`` without an approved or active match, one match on their
    first published offer that a newcomer kept on behalf may have."""
    for person in logins:
        if has_own_match(person):
            continue
        for offer in free_offers(person):
            if match_with_someone_kept(offer, coordinator, today):
                break


def has_own_match(person: Person) -> bool:
    mine = or_(Offer.owner_id == person.id, Request.person_id == person.id)
    query = (
        select(Proposal.id)
        .join(Offer, Offer.id == Proposal.offer_id)
        .join(Request, Request.id == Proposal.request_id)
        .where(mine, Proposal.status.in_(SHOWN))
    )
    return db.session.scalar(query.limit(1)) is not None


def free_offers(person: Person) -> list[Offer]:
    query = select(Offer).where(
        Offer.owner_id == person.id, Offer.status == "published", Offer.filled < Offer.capacity
    )
    return list(db.session.scalars(query.order_by(Offer.id)))


def kept_newcomers() -> list[Person]:
    """Adult newcomers without an account (children are kept by a coordinator on behalf of
    their family and ask for nothing themselves)."""
    query = select(Person).where(
        Person.refugee_profile.has(), Person.user_id.is_(None), Person.created_by_id.is_(None)
    )
    return list(db.session.scalars(query.order_by(Person.id)))


def match_with_someone_kept(offer: Offer, coordinator: User, today: date) -> bool:
    """The first kept newcomer whose pair with ``offer`` keeps every hard rule asks for it, is
    matched, and has said yes by phone; False if nobody may have it."""
    for newcomer in kept_newcomers():
        try:
            with db.session.begin_nested():
                propose_and_accept(newcomer, offer, coordinator, today)
        except MatchError:
            continue
        return True
    return False


def propose_and_accept(newcomer: Person, offer: Offer, coordinator: User, today: date) -> None:
    request = Request(person=newcomer, kind=offer.kind, offer=offer, status="open")
    db.session.add(request)
    db.session.flush()
    proposal = matches.propose_by_hand(request, offer, coordinator, today, notify=False)
    day = proposal.decided_at.date() if proposal.decided_at else today
    given = GivenAnswer(True, AnsweredBy.PERSON, AnswerChannel.PHONE, day)
    record_answer(proposal, "seeker", given, coordinator, day)
