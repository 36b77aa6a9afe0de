"""Offer services: posting, editing and deleting offers, their lifecycle, requests.

Services flush and never commit: the caller (a view or a task) owns the transaction. The acting
person or user is always passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.core.taxonomy import normalise_skill_text
from app.extensions import db
from app.offers import lifecycle
from app.offers.bookings import notify_bookers
from app.offers.errors import (
    DuplicateRequest,
    OfferError,
    RequestTransitionNotAllowed,
    SlotNotAvailable,
    TransitionNotAllowed,
    UnknownPostcode,
)
from app.offers.models import (
    TRANSITIONS,
    Offer,
    OfferKind,
    OfferSkill,
    OfferStatus,
    Request,
    RequestKind,
    RequestStatus,
)
from app.offers.queries import interest_of, open_mentoring_request, open_request
from app.offers.signals import offers_closed
from app.places.postcodes import lookup
from app.places.regions import municipality_named
from app.profiles.models import Person
from app.profiles.options import VOLUNTEER_INTEREST_LABELS
from app.profiles.signals import mentor_places_changed, volunteer_help_changed

MAX_SKILLS = 20


@dataclass(frozen=True)
class OfferData:
    """What the employer's form says, already validated."""

    kind: str
    title: str
    description: str | None
    skills: str
    min_german: str | None
    capacity: int
    postcode: str
    hours_per_week: float
    interpreter_available: bool
    valid_until: date | None


@dataclass(frozen=True)
class AdviceData:
    title: str
    topics: str
    description: str | None
    meeting_mode: str
    postcode: str | None


# -- owners ---------------------------------------------------------------------------------------


# -- a mentor's tandem places ------------------------------------------------------------------


@mentor_places_changed.connect
def sync_mentoring_offer(person: Person, capacity: int) -> Offer:
    """The mentor's tandem places as one offer: published while places are offered (called when
    a profile announces ``mentor_places_changed``)."""
    offer = db.session.execute(
        select(Offer).where(Offer.owner_id == person.id, Offer.kind == OfferKind.MENTORING.value)
    ).scalar_one_or_none()
    if offer is None:
        offer = Offer(
            kind=OfferKind.MENTORING.value,
            owner_id=person.id,
            title=f"Mentoring: {person.given_name}",
        )
        db.session.add(offer)
    offer.capacity = max(capacity, offer.filled or 0)
    was_published = offer.status == OfferStatus.PUBLISHED
    offer.status = (OfferStatus.PUBLISHED if capacity > 0 else OfferStatus.DRAFT).value
    _where_the_owner_is(offer, person)
    offer.hours_per_week = 2.0
    db.session.flush()
    _announce_if_taken_back(offer, was_published)
    return offer


def _where_the_owner_is(offer: Offer, person: Person) -> None:
    """An offer kept from a profile (tandem places, volunteer help) is where its owner lives."""
    offer.postcode, offer.town, offer.lat, offer.lon = (
        person.postcode,
        person.town,
        person.lat,
        person.lon,
    )
    offer.region_id, offer.max_km = person.region_id, person.max_km


def _announce_if_taken_back(offer: Offer, was_published: bool) -> None:
    """A profile's offer that went back to a draft takes nobody new: its undecided proposals
    lapse (matches listens to ``offers_closed``)."""
    if was_published and offer.status == OfferStatus.DRAFT:
        offers_closed.send((offer.id,), full=False)


# -- what a volunteer helps with -----------------------------------------------------------------

VOLUNTEER_PLACES = 2  # people a volunteer helps at a time, as in the demo


def volunteering_title(interests: list[str]) -> str:
    """The offer's title from what the volunteer helps with, in German like every title that
    its owner writes (the interests' labels in the person's own language are on their profile)."""
    with force_locale("de"):
        labels = [
            str(VOLUNTEER_INTEREST_LABELS[i]) for i in interests if i in VOLUNTEER_INTEREST_LABELS
        ]
    return ", ".join(labels)[:200] or "Ehrenamtliche Unterstützung"


@volunteer_help_changed.connect
def sync_volunteering_offer(
    person: Person, interests: list[str], hours: float | None
) -> Offer | None:
    """What a volunteer helps with as one offer: published while they name something, a draft
    when they name nothing (called when a profile announces ``volunteer_help_changed``)."""
    offer = db.session.execute(
        select(Offer)
        .where(Offer.owner_id == person.id, Offer.kind == OfferKind.VOLUNTEERING.value)
        .order_by(Offer.id)
        .limit(1)
    ).scalar_one_or_none()
    if offer is None and not interests:
        return None
    if offer is None:
        offer = Offer(
            kind=OfferKind.VOLUNTEERING.value, owner_id=person.id, capacity=VOLUNTEER_PLACES
        )
        db.session.add(offer)
    offer.title = volunteering_title(interests) if interests else offer.title
    was_published = offer.status == OfferStatus.PUBLISHED
    if offer.status in (None, OfferStatus.DRAFT.value, OfferStatus.PUBLISHED.value):
        # A filled or expired offer keeps its status: the lifecycle moves it on from there.
        offer.status = (OfferStatus.PUBLISHED if interests else OfferStatus.DRAFT).value
    offer.hours_per_week = hours
    _where_the_owner_is(offer, person)
    db.session.flush()
    _announce_if_taken_back(offer, was_published)
    return offer


# -- offers ---------------------------------------------------------------------------------------


def place_offer(offer: Offer, postcode: str | None, owner: Person) -> None:
    """Town, coordinates and region from the postcode (offline data); no postcode: none."""
    if not postcode:
        offer.postcode = offer.town = offer.lat = offer.lon = None
        offer.region_id = owner.region_id
        return
    place = lookup(postcode)
    if place is None:
        raise UnknownPostcode(_l("We do not know this postcode."))
    region = next(filter(None, (municipality_named(t) for t in place.towns)), None)
    offer.postcode, offer.town = place.postcode, place.town
    offer.lat, offer.lon = place.lat, place.lon
    offer.region_id = region.id if region else owner.region_id


def skill_rows(text: str, locale: str) -> list[OfferSkill]:
    """Comma-separated skills, each normalised to the taxonomy with the author's words kept."""
    seen: dict[str, OfferSkill] = {}
    for part in text.split(","):
        words = " ".join(part.split())[:200]
        if words and words.casefold() not in seen and len(seen) < MAX_SKILLS:
            match = normalise_skill_text(words, locale)
            seen[words.casefold()] = OfferSkill(taxonomy_id=match.taxonomy_id, original_text=words)
    return list(seen.values())


def fill_offer(offer: Offer, data: OfferData, owner: Person, locale: str) -> None:
    offer.kind = data.kind
    offer.title = data.title.strip()
    offer.taxonomy_id = normalise_skill_text(offer.title, locale).taxonomy_id
    offer.description = (data.description or "").strip() or None
    offer.min_german = data.min_german or None
    offer.capacity = data.capacity
    offer.hours_per_week = data.hours_per_week
    offer.interpreter_available = data.interpreter_available
    offer.valid_until = data.valid_until
    offer.skills = skill_rows(data.skills, locale)
    place_offer(offer, data.postcode, owner)


def create_offer(owner: Person, data: OfferData, locale: str) -> Offer:
    """A new job, apprenticeship or internship offer of ``owner``, as a draft."""
    offer = Offer(owner=owner, status=OfferStatus.DRAFT.value, filled=0)
    fill_offer(offer, data, owner, locale)
    db.session.add(offer)
    db.session.flush()
    return offer


def update_offer(offer: Offer, data: OfferData, locale: str) -> Offer:
    """Change an offer's content; its status stays as it is."""
    if data.capacity < offer.filled:
        raise OfferError(_l("There are more places filled than that already."))
    fill_offer(offer, data, offer.owner, locale)
    db.session.flush()
    return offer


def change_status(offer: Offer, target: str, today: date) -> Offer:
    """Move the offer along its lifecycle; only the transitions in TRANSITIONS are allowed."""
    try:
        wanted = OfferStatus(target)
    except ValueError:
        raise TransitionNotAllowed(_l("This status does not exist.")) from None
    if wanted not in TRANSITIONS[OfferStatus(offer.status)]:
        raise TransitionNotAllowed(_l("This change of status is not possible."))
    if wanted == OfferStatus.PUBLISHED and offer.valid_until and offer.valid_until < today:
        raise TransitionNotAllowed(_l("The end date has passed. Please change it first."))
    offer.status = wanted.value
    db.session.flush()
    if wanted != OfferStatus.PUBLISHED:  # it takes nobody new: undecided proposals lapse
        offers_closed.send((offer.id,), full=wanted == OfferStatus.FILLED)
    return offer


def delete_offer(offer: Offer, acting: User, now: datetime, search_link: str) -> None:
    """Delete an offer with its skills, appointments and the interest shown in it.

    Nothing of it is kept: an offer holds no one else's personal data, and interest and
    appointments exist only for it. People with an appointment still to come are told by mail.
    """
    notify_bookers([s for s in offer.slots if s.starts_at > now], acting, search_link)
    db.session.execute(delete(Request).where(Request.offer_id == offer.id))
    db.session.delete(offer)
    db.session.flush()


def expire_overdue_offers(today: date) -> int:
    """Mark published offers whose end date has passed as expired; return how many. Their
    undecided proposals lapse."""
    overdue = tuple(
        db.session.scalars(
            select(Offer.id).where(
                Offer.status == OfferStatus.PUBLISHED.value, Offer.valid_until < today
            )
        )
    )
    if not overdue:
        return 0
    db.session.execute(
        update(Offer)
        .where(Offer.id.in_(overdue), Offer.status == OfferStatus.PUBLISHED.value)
        .values(status=OfferStatus.EXPIRED.value)
        .execution_options(synchronize_session=False)
    )
    offers_closed.send(overdue, full=False)
    return len(overdue)


# -- advice offers and slots ----------------------------------------------------------------------


def fill_advice(offer: Offer, data: AdviceData, owner: Person) -> None:
    offer.title = data.title.strip()
    offer.topics = ", ".join(t.strip() for t in data.topics.split(",") if t.strip())
    offer.description = (data.description or "").strip() or None
    offer.meeting_mode = data.meeting_mode
    place_offer(offer, data.postcode, owner)


def create_advice_offer(owner: Person, data: AdviceData) -> Offer:
    """A consultation offer of a start-up adviser; published at once, slots follow."""
    offer = Offer(
        owner=owner, kind=OfferKind.ADVICE.value, status=OfferStatus.PUBLISHED.value, capacity=0
    )
    fill_advice(offer, data, owner)
    db.session.add(offer)
    db.session.flush()
    return offer


def update_advice_offer(offer: Offer, data: AdviceData) -> Offer:
    fill_advice(offer, data, offer.owner)
    db.session.flush()
    return offer


# -- requests -------------------------------------------------------------------------------------


def request_mentor(
    person: Person, topic: str, languages: list[str], mentor_gender: str | None
) -> Request:
    """A refugee's request for a mentor; it waits, open, for the next matching round."""
    if open_mentoring_request(person) is not None:
        raise DuplicateRequest(_l("You have asked for a mentor already. We are looking for one."))
    request = Request(
        person=person,
        kind=RequestKind.MENTORING.value,
        topic=topic.strip(),
        wished_languages=",".join(dict.fromkeys(languages)) or None,
        wished_mentor_gender=mentor_gender or None,
        status=RequestStatus.OPEN.value,
    )
    db.session.add(request)
    db.session.flush()
    return request


def request_on_behalf(person: Person, kind: str, topic: str | None) -> Request:
    """What a person kept on behalf asked the office for, recorded by the coordinator who keeps
    them; it waits, open, for the next matching round like a request of one's own."""
    if open_request(person, kind) is not None:
        raise DuplicateRequest(
            _l("%(name)s has an open request of this kind already.", name=person.given_name)
        )
    request = Request(
        person=person,
        kind=RequestKind(kind).value,
        topic=(topic or "").strip() or None,
        status=RequestStatus.OPEN.value,
    )
    db.session.add(request)
    db.session.flush()
    return request


def show_interest(person: Person, offer: Offer, today: date) -> Request:
    """Record ``person``'s interest in a live offer; a withdrawn interest is opened again."""
    if offer.status != OfferStatus.PUBLISHED or offer.is_expired_on(today):
        raise OfferError(_l("This offer is not open any more."))
    if offer.open_places <= 0:
        # No round can match an interest in a full offer: it would wait for ever.
        raise OfferError(_l("All places of this offer are taken."))
    existing = interest_of(person, offer)
    if existing is not None and existing.status != RequestStatus.WITHDRAWN:
        raise DuplicateRequest(_l("You have shown interest in this offer already."))
    if existing is not None:
        lifecycle.open_again(existing)
        return existing
    request = Request(person=person, kind=offer.kind, offer=offer, status=RequestStatus.OPEN.value)
    try:
        with db.session.begin_nested():
            db.session.add(request)
            db.session.flush()
    except IntegrityError:  # the same person, a second browser tab, at the same moment
        raise DuplicateRequest(_l("You have shown interest in this offer already.")) from None
    return request


def withdraw_request(request: Request) -> Request:
    """The person takes back their request; a matched one stays (it ends with the match)."""
    lifecycle.withdraw(request)
    return request


__all__ = [  # the errors, for the views that catch them
    "DuplicateRequest",
    "OfferError",
    "RequestTransitionNotAllowed",
    "SlotNotAvailable",
    "TransitionNotAllowed",
    "UnknownPostcode",
]
