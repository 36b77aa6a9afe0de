"""Reads about rounds, proposals, ratings and the inbox, and who may see which."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from app.accounts.models import Region, User
from app.accounts.policy import coordinated_region_ids
from app.accounts.queries import region_with_descendants
from app.core.pages import page_offset
from app.extensions import db
from app.matches import policy
from app.matches.adapters import RoundInput
from app.matches.models import (
    ExcludedPair,
    MatchingRound,
    Notification,
    Proposal,
    ProposalStatus,
    Rating,
    RoundStatus,
)
from app.offers.models import Offer, Request, RequestStatus
from app.offers.queries import live_conditions
from app.profiles.models import Person

CANDIDATES = 200  # requests or offers checked against the rules when replacing one side
PENDING = (
    ProposalStatus.PROPOSED.value,
    ProposalStatus.APPROVED.value,
    ProposalStatus.ACTIVE.value,
)


def get_round(round_id: int) -> MatchingRound | None:
    return db.session.get(MatchingRound, round_id)


def get_proposal(proposal_id: int) -> Proposal | None:
    return db.session.get(Proposal, proposal_id)


def coordinated_districts(user: User) -> list[Region]:
    """The districts (top regions) a coordinator may start rounds for."""
    ids = coordinated_region_ids(user)
    if not ids:
        return []
    query = select(Region).where(Region.id.in_(ids), Region.kind == "district")
    return list(db.session.scalars(query.order_by(Region.name)))


def running_round(region_id: int) -> MatchingRound | None:
    active = (RoundStatus.QUEUED.value, RoundStatus.RUNNING.value)
    query = select(MatchingRound).where(
        MatchingRound.region_id == region_id, MatchingRound.status.in_(active)
    )
    return db.session.scalars(query).first()


def unmatched_requests(matching_round: MatchingRound) -> dict[int, Request]:
    """The requests a finished round left without a match, by id (for its summary)."""
    ids = [u["request"] for u in (matching_round.summary or {}).get("unmatched", [])]
    if not ids:
        return {}
    query = select(Request).where(Request.id.in_(ids)).options(selectinload(Request.person))
    return {r.id: r for r in db.session.scalars(query)}


def list_rounds(region_ids: set[int], limit: int = 20) -> list[MatchingRound]:
    query = (
        select(MatchingRound)
        .where(MatchingRound.region_id.in_(region_ids))
        .order_by(MatchingRound.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def _district_of() -> dict[int, str]:
    """Every region mapped to the id of the district it lies in (as the engine's region key)."""
    rows = db.session.execute(select(Region.id, Region.parent_id, Region.kind)).all()
    parents = {region_id: parent for region_id, parent, _ in rows}
    kinds = {region_id: kind for region_id, _, kind in rows}
    found: dict[int, str] = {}
    for region_id in parents:
        current = region_id
        while kinds.get(current) != "district" and parents.get(current) is not None:
            current = parents[current]
        found[region_id] = str(current)
    return found


def average_stars_by_owner() -> dict[int, float]:
    query = (
        select(Offer.owner_id, func.avg(Rating.stars))
        .join(Offer, Offer.id == Rating.offer_id)
        .group_by(Offer.owner_id)
    )
    return {owner: float(avg) for owner, avg in db.session.execute(query)}


def _person_loading(path: Any) -> list[Any]:
    """Everything the adapter reads of a person, in one query per relation (not one per row:
    lazy loading cost 40,000 queries for a 10,000-person region)."""
    return [
        path.selectinload(Person.languages),
        path.selectinload(Person.skills),
        path.selectinload(Person.availability),
    ]


def _seeker_loading() -> list[Any]:
    person = selectinload(Request.person)
    return [*_person_loading(person), person.selectinload(Person.refugee_profile)]


def _offer_loading() -> list[Any]:
    owner = selectinload(Offer.owner)
    return [
        *_person_loading(owner),
        owner.selectinload(Person.mentor_profile),
        selectinload(Offer.skills),
    ]


def _waiting_in(regions: set[int], round_id: int | None) -> list[ColumnElement[bool]]:
    """The requests in ``regions`` a round takes (joined with their person): open ones, and those a
    dead attempt of this round left in the round, but not those waiting for a decision on
    another round's proposal."""
    waiting = (RequestStatus.OPEN.value, RequestStatus.IN_ROUND.value)
    return [
        Request.status.in_(waiting),
        Person.region_id.in_(regions),
        Request.id.not_in(_held_elsewhere(round_id)),
    ]


def load_round_input(region_id: int, today: date, round_id: int | None = None) -> RoundInput:
    """A region's waiting requests (``_waiting_in``) and its live offers with open places, the
    excluded pairs and the past ratings."""
    regions = region_with_descendants({region_id})
    waiting = _waiting_in(regions, round_id)
    requests = list(
        db.session.scalars(
            select(Request)
            .join(Person, Person.id == Request.person_id)
            .where(*waiting)
            .options(*_seeker_loading())
            .order_by(Request.id)
        )
    )
    offers = db.session.scalars(
        select(Offer)
        .where(*live_conditions(today), Offer.region_id.in_(regions))
        .where(Offer.filled < Offer.capacity)
        .options(*_offer_loading())
        .order_by(Offer.id)
    )
    data = _round_input(requests, list(offers), today)
    return replace(data, current=_earlier_proposals(waiting, round_id))


def _held_elsewhere(round_id: int | None) -> Select[tuple[int]]:
    """Requests a round leaves alone: approved or active (they hold a place and never move), or
    proposed by hand or in another round that is not the engine's to move (a manual one)."""
    return select(Proposal.request_id).where(
        Proposal.status.in_(PENDING),
        or_(Proposal.round_id.is_(None), Proposal.round_id != round_id),
        or_(Proposal.status != ProposalStatus.PROPOSED.value, Proposal.manual.is_(True)),
    )


def _earlier_proposals(
    waiting: list[ColumnElement[bool]], round_id: int | None
) -> list[tuple[int, int]]:
    """The engine's undecided proposals of earlier rounds for the requests ``waiting`` selects,
    as (request id, offer id), joined in SQL. A retried round's own proposals are not among
    them: the retry recomputes those."""
    rows = db.session.execute(
        select(Proposal.request_id, Proposal.offer_id)
        .join(Request, Request.id == Proposal.request_id)
        .join(Person, Person.id == Request.person_id)
        .where(*waiting)
        .where(Proposal.status == ProposalStatus.PROPOSED.value, Proposal.manual.is_(False))
        .where(Proposal.round_id.is_not(None), Proposal.round_id != (round_id or 0))
        .order_by(Proposal.request_id, Proposal.offer_id)
    )
    return [(int(r), int(o)) for r, o in rows]


def _round_input(requests: list[Request], offers: list[Offer], today: date) -> RoundInput:
    """These requests and offers with the exclusions, past ratings and districts."""
    excluded = db.session.execute(select(ExcludedPair.person_id, ExcludedPair.offer_id))
    return RoundInput(
        requests=requests,
        offers=offers,
        excluded={(int(p), int(o)) for p, o in excluded},
        ratings=average_stars_by_owner(),
        district_of=_district_of(),
        today=today,
    )


#: The queue's filter, beside the statuses, for the matches the office must answer for.
OFFICE_ANSWER = "office_answer"


def waits_for_office_answer() -> ColumnElement[bool]:
    """An approved match that waits for the answer of a person without an account: the office
    that keeps them records it (``answers_on_behalf.sides_to_record``). Assumes the queue's join
    of the request's person."""
    owner = aliased(Person)
    without_account = select(owner.id).where(owner.user_id.is_(None))
    return and_(
        Proposal.status == ProposalStatus.APPROVED.value,
        or_(
            and_(Proposal.seeker_answer.is_(None), Person.user_id.is_(None)),
            and_(Proposal.provider_answer.is_(None), Offer.owner_id.in_(without_account)),
        ),
    )


def queue_conditions(
    region_ids: set[int], status: str | None, kind: str | None, min_score: float | None
) -> list[ColumnElement[bool]]:
    conditions = policy.queue_scope(region_ids)
    if status == OFFICE_ANSWER:
        conditions.append(waits_for_office_answer())
    elif status:
        conditions.append(Proposal.status == status)
    if kind:
        conditions.append(Offer.kind == kind)
    if min_score is not None:
        conditions.append(Proposal.score >= min_score)
    return conditions


QUEUE_PAGE_SIZE = 50


def list_queue(
    region_ids: set[int],
    status: str | None = ProposalStatus.PROPOSED.value,
    kind: str | None = None,
    min_score: float | None = None,
    page: int = 1,
) -> tuple[list[Proposal], int]:
    """One page of the proposals whose two sides both lie in a coordinator's regions, the most
    valuable first, and how many there are in all. Both sides and their people are loaded with
    the page (a few queries per page, not a few per proposal)."""
    query = (
        select(Proposal)
        .join(Offer, Offer.id == Proposal.offer_id)
        .join(Request, Request.id == Proposal.request_id)
        .join(Person, Person.id == Request.person_id)
        .where(*queue_conditions(region_ids, status, kind, min_score))
    )
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    proposals = db.session.scalars(
        query.options(
            selectinload(Proposal.request).selectinload(Request.person),
            selectinload(Proposal.offer).selectinload(Offer.owner),
        )
        .order_by(Proposal.score.desc(), Proposal.id)
        .limit(QUEUE_PAGE_SIZE)
        .offset(page_offset(page, QUEUE_PAGE_SIZE))
    )
    return list(proposals), total


def list_own_matches(user: User) -> list[Proposal]:
    """The approved, active and finished matches the user is part of."""
    shown = (
        ProposalStatus.APPROVED.value,
        ProposalStatus.ACTIVE.value,
        ProposalStatus.DECLINED.value,
        ProposalStatus.ENDED.value,
    )
    seeker = select(Request.id).join(Person).where(Person.user_id == user.id)
    provider = (
        select(Offer.id).join(Person, Person.id == Offer.owner_id).where(Person.user_id == user.id)
    )
    query = (
        select(Proposal)
        .where(Proposal.status.in_(shown))
        .where(or_(Proposal.request_id.in_(seeker), Proposal.offer_id.in_(provider)))
        .order_by(Proposal.id.desc())
    )
    return list(db.session.scalars(query))


def list_notifications(user: User) -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(100)
    )
    return list(db.session.scalars(query))


def replacement_offers(proposal: Proposal, today: date) -> list[Offer]:
    """Other live offers with open places of the proposal's kind in the same region, by id
    (the first ``CANDIDATES``); which of them keep the rules is the engine's to say."""
    query = (
        select(Offer)
        .where(*live_conditions(today), Offer.kind == proposal.offer.kind)
        .where(Offer.region_id == proposal.offer.region_id, Offer.filled < Offer.capacity)
        .where(Offer.id != proposal.offer_id)
        .options(*_offer_loading())
        .order_by(Offer.id)
        .limit(CANDIDATES)
    )
    return list(db.session.scalars(query))


def replacement_requests(proposal: Proposal, region_ids: set[int]) -> list[Request]:
    """Other open requests of the same kind by people in the coordinator's regions, not held by
    another proposal, by id (the first ``CANDIDATES``)."""
    query = (
        select(Request)
        .join(Person, Person.id == Request.person_id)
        .where(Request.kind == proposal.request.kind, Request.status == RequestStatus.OPEN.value)
        .where(Person.region_id.in_(region_ids), Request.id != proposal.request_id)
        .where(Request.id.not_in(select(Proposal.request_id).where(Proposal.status.in_(PENDING))))
        .options(*_seeker_loading())
        .order_by(Request.id)
        .limit(CANDIDATES)
    )
    return list(db.session.scalars(query))


def pair_input(today: date) -> RoundInput:
    """What checking single pairs needs besides the pairs: exclusions, ratings and districts."""
    return _round_input([], [], today)
