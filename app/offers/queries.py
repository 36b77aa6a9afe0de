"""Reads about offers, advice slots and requests, and who may see which.

The offer search is built for tens of thousands of offers: every filter runs in SQL, a distance
filter first narrows to a bounding box on the indexed (lat, lon) columns, the count is one
``count(*)``, and only the 20 offers of the page are loaded and get their exact distance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.policy import acts_in_region, coordinated_region_ids
from app.core.pages import page_offset
from app.extensions import db
from app.offers.models import (
    EMPLOYMENT_KINDS,
    AdviceSlot,
    Offer,
    OfferKind,
    OfferSkill,
    OfferStatus,
    Request,
    RequestKind,
    RequestStatus,
)
from app.places.distance import EARTH_RADIUS_KM, bounding_box, km_between
from app.profiles.models import Person, PersonLanguage

PAGE_SIZE = 20
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
# Requests that still count as interest in an offer (a withdrawn one does not).
ACTIVE_REQUEST = (RequestStatus.OPEN, RequestStatus.IN_ROUND, RequestStatus.MATCHED)


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    km: float | None = None
    language: str | None = None
    max_hours: float | None = None
    origin: tuple[float, float] | None = None  # (lat, lon) of the person searching
    text: str | None = None  # words that must each appear in the offer (any field)
    sort: str = "newest"  # newest, closest (needs an origin, else newest) or title


MAX_WORDS = 5


def words_of(text: str | None) -> list[str]:
    """The words of a text search, at most MAX_WORDS (more would only slow the query)."""
    return (text or "").split()[:MAX_WORDS]


@dataclass(frozen=True)
class Hit:
    offer: Offer
    km: float | None


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))


# -- the search -------------------------------------------------------------------------------


def live_conditions(today: date) -> list[ColumnElement[bool]]:
    """Published and not past its end date (whether or not the nightly expiry has run yet)."""
    return [
        Offer.status == OfferStatus.PUBLISHED.value,
        or_(Offer.valid_until.is_(None), Offer.valid_until >= today),
    ]


def _approximate_km_squared(origin: tuple[float, float]) -> ColumnElement[Any]:
    """Squared equirectangular distance: plain arithmetic that SQLite and PostgreSQL both run.

    Within a district it is within about 1 % of the great-circle distance, enough to filter and
    order; the page's offers then get their exact distance in Python.
    """
    lat0, lon0 = origin
    north = (Offer.lat - lat0) * KM_PER_DEGREE
    east = (Offer.lon - lon0) * (KM_PER_DEGREE * math.cos(math.radians(lat0)))
    return north * north + east * east


def _language_condition(code: str) -> ColumnElement[bool]:
    owner_speaks = (
        select(PersonLanguage.id)
        .where(PersonLanguage.person_id == Offer.owner_id, PersonLanguage.code == code)
        .exists()
    )
    no_language_needed = and_(
        Offer.kind.in_([k.value for k in EMPLOYMENT_KINDS]), Offer.min_german.is_(None)
    )
    return or_(owner_speaks, no_language_needed)


def _word_condition(word: str) -> ColumnElement[bool]:
    """The word in any of the offer's texts (case-insensitive; % and _ are taken literally)."""
    in_skills = (
        select(OfferSkill.id)
        .where(OfferSkill.offer_id == Offer.id)
        .where(OfferSkill.original_text.icontains(word, autoescape=True))
        .exists()
    )
    return or_(
        *(
            column.icontains(word, autoescape=True)
            for column in (Offer.title, Offer.description, Offer.topics, Offer.town)
        ),
        in_skills,
    )


def search_conditions(filters: SearchFilters, today: date) -> list[ColumnElement[bool]]:
    conditions = live_conditions(today)
    conditions += [_word_condition(word) for word in words_of(filters.text)]
    if filters.kind:
        conditions.append(Offer.kind == filters.kind)
    if filters.max_hours is not None:
        conditions.append(
            or_(Offer.hours_per_week.is_(None), Offer.hours_per_week <= filters.max_hours)
        )
    if filters.language:
        conditions.append(_language_condition(filters.language))
    if filters.origin is not None and filters.km is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(*filters.origin, filters.km)
        conditions += [
            Offer.lat.between(min_lat, max_lat),  # the indexed prefilter
            Offer.lon.between(min_lon, max_lon),
            _approximate_km_squared(filters.origin) <= filters.km * filters.km,
        ]
    return conditions


def sorts_by_distance(filters: SearchFilters) -> bool:
    return filters.sort == "closest" and filters.origin is not None


def _search_order(filters: SearchFilters) -> list[Any]:
    if filters.sort == "title":
        return [func.lower(Offer.title), Offer.id]
    if not sorts_by_distance(filters) or filters.origin is None:
        return [Offer.created_at.desc(), Offer.id.desc()]
    # Offers without a place come last, then the nearest first.
    return [Offer.lat.is_(None), _approximate_km_squared(filters.origin), Offer.id]


def search_offers(filters: SearchFilters, today: date, page: int = 1) -> SearchPage:
    """One page of live offers matching ``filters``, nearest first when a location is known."""
    conditions = search_conditions(filters, today)
    total = db.session.scalar(select(func.count(Offer.id)).where(*conditions)) or 0
    page = min(max(page, 1), max(1, math.ceil(total / PAGE_SIZE)))
    ids = list(
        db.session.scalars(
            select(Offer.id)
            .where(*conditions)
            .order_by(*_search_order(filters))
            .limit(PAGE_SIZE)
            .offset(page_offset(page, PAGE_SIZE))
        )
    )
    offers = _load_offers(ids)
    hits = [Hit(offers[i], _exact_km(offers[i], filters.origin)) for i in ids]
    return SearchPage(hits, total, page)


def _load_offers(ids: list[int]) -> dict[int, Offer]:
    if not ids:
        return {}
    rows = db.session.scalars(
        select(Offer)
        .where(Offer.id.in_(ids))
        .options(selectinload(Offer.skills), selectinload(Offer.owner))
    )
    return {offer.id: offer for offer in rows}


def _exact_km(offer: Offer, origin: tuple[float, float] | None) -> float | None:
    if origin is None or offer.lat is None or offer.lon is None:
        return None
    return km_between(origin[0], origin[1], offer.lat, offer.lon)


# -- single offers and who may see them --------------------------------------------------------


def get_offer(offer_id: int) -> Offer | None:
    return db.session.get(Offer, offer_id)


def is_owner(user: User, offer: Offer) -> bool:
    return user.is_authenticated and offer.owner.user_id == user.id


def may_manage_offer(user: User, offer: Offer) -> bool:
    """The owner, and the coordinators of the offer's region, edit it and see the interest."""
    return is_owner(user, offer) or acts_in_region(user, offer.region_id)


def may_see_offer(user: User, offer: Offer, today: date) -> bool:
    """Everyone sees a live offer; drafts and closed offers only their managers."""
    live = offer.status == OfferStatus.PUBLISHED and not offer.is_expired_on(today)
    return live or may_manage_offer(user, offer)


def list_own_offers(person: Person) -> list[tuple[Offer, int]]:
    """The person's offers with the number of people interested in each."""
    interest = (
        select(func.count(Request.id))
        .where(Request.offer_id == Offer.id, Request.status.in_(ACTIVE_REQUEST))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Offer, interest)
        .where(Offer.owner_id == person.id)
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    )
    return [(offer, count) for offer, count in rows]


def published_profile_offers(person: Person | None) -> list[Offer]:
    """The offers a volunteer's or mentor's profile keeps (the help they offer, their tandem
    places) that are published: the profile page links each."""
    if person is None or person.id is None:
        return []
    return list(
        db.session.scalars(
            select(Offer)
            .where(
                Offer.owner_id == person.id,
                Offer.kind.in_([OfferKind.VOLUNTEERING.value, OfferKind.MENTORING.value]),
                Offer.status == OfferStatus.PUBLISHED.value,
            )
            .order_by(Offer.id)
        )
    )


def list_interest(offer: Offer) -> list[Request]:
    """Who is interested in ``offer``; the page shows first names and languages only."""
    return list(
        db.session.scalars(
            select(Request)
            .where(Request.offer_id == offer.id, Request.status.in_(ACTIVE_REQUEST))
            .options(selectinload(Request.person).selectinload(Person.languages))
            .order_by(Request.created_at, Request.id)
        )
    )


# -- advice slots --------------------------------------------------------------------------------


def get_slot(slot_id: int) -> AdviceSlot | None:
    return db.session.get(AdviceSlot, slot_id)


def list_free_slots(offer: Offer, now: datetime) -> list[AdviceSlot]:
    return list(
        db.session.scalars(
            select(AdviceSlot)
            .where(
                AdviceSlot.offer_id == offer.id,
                AdviceSlot.booked_by_id.is_(None),
                AdviceSlot.starts_at > now,
            )
            .order_by(AdviceSlot.starts_at)
        )
    )


def list_slots(offer: Offer) -> list[AdviceSlot]:
    return list(
        db.session.scalars(
            select(AdviceSlot)
            .where(AdviceSlot.offer_id == offer.id)
            .options(selectinload(AdviceSlot.booked_by))
            .order_by(AdviceSlot.starts_at)
        )
    )


def list_bookings(person: Person) -> list[AdviceSlot]:
    return list(
        db.session.scalars(
            select(AdviceSlot)
            .where(AdviceSlot.booked_by_id == person.id)
            .options(selectinload(AdviceSlot.offer))
            .order_by(AdviceSlot.starts_at)
        )
    )


def may_see_booking(user: User, slot: AdviceSlot) -> bool:
    """The person who booked, the adviser, and the coordinators of the offer's region."""
    booker = slot.booked_by
    return (booker is not None and booker.user_id == user.id) or may_manage_offer(user, slot.offer)


# -- requests ------------------------------------------------------------------------------------


def _with_person() -> Any:
    return selectinload(Request.person).selectinload(Person.languages)


def list_open_requests(region_ids: set[int]) -> list[Request]:
    """Open requests of people living in ``region_ids``: the input of the next matching round."""
    return list(
        db.session.scalars(
            select(Request)
            .join(Request.person)
            .where(Request.status == RequestStatus.OPEN.value, Person.region_id.in_(region_ids))
            .options(_with_person(), selectinload(Request.offer))
            .order_by(Request.created_at, Request.id)
        )
    )


def list_requests_for_coordinator(
    coordinator: User, status: str | None = None, page: int = 1
) -> tuple[list[Request], int]:
    query = (
        select(Request)
        .join(Request.person)
        .where(Person.region_id.in_(coordinated_region_ids(coordinator)))
    )
    if status:
        query = query.where(Request.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(_with_person(), selectinload(Request.offer))
        .order_by(Request.created_at.desc(), Request.id.desc())
        .limit(PAGE_SIZE)
        .offset(page_offset(page, PAGE_SIZE))
    )
    return list(rows), total


def get_request(request_id: int) -> Request | None:
    return db.session.get(Request, request_id)


def may_see_request(user: User, request: Request) -> bool:
    """The person who asked, and the coordinators of the region they live in."""
    return request.person.user_id == user.id or acts_in_region(user, request.person.region_id)


def list_own_requests(person: Person) -> list[Request]:
    return list(
        db.session.scalars(
            select(Request)
            .where(Request.person_id == person.id)
            .options(selectinload(Request.offer))
            .order_by(Request.created_at.desc(), Request.id.desc())
        )
    )


def open_mentoring_request(person: Person) -> Request | None:
    return open_request(person, RequestKind.MENTORING.value)


def open_request(person: Person, kind: str) -> Request | None:
    """The person's waiting request of this kind for no particular offer, if any."""
    return db.session.scalar(
        select(Request)
        .where(
            Request.person_id == person.id,
            Request.kind == kind,
            Request.offer_id.is_(None),
            Request.status.in_([RequestStatus.OPEN.value, RequestStatus.IN_ROUND.value]),
        )
        .limit(1)
    )


def interest_of(person: Person, offer: Offer) -> Request | None:
    return db.session.scalar(
        select(Request).where(Request.person_id == person.id, Request.offer_id == offer.id)
    )
