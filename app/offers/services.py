"""Offer services: posting and editing offers, their lifecycle, advice slots and bookings, requests.

Services flush and never commit: the caller (a view or a task) owns the transaction. The acting
person or user is always passed in.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.core.tasks import send_mail
from app.extensions import db
from app.matches.adapters import normalise_skill_text
from app.offers import ics
from app.offers.models import (
    TRANSITIONS,
    AdviceSlot,
    Offer,
    OfferKind,
    OfferSkill,
    OfferStatus,
    Request,
    RequestKind,
    RequestStatus,
)
from app.offers.queries import interest_of, open_mentoring_request
from app.places.postcodes import lookup
from app.places.regions import municipality_named
from app.profiles.models import Person

BERLIN = ZoneInfo("Europe/Berlin")
MAX_SKILLS = 20


class OfferError(Exception):
    """A change that the rules do not allow; ``message`` says why, in the user's language."""

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


def split_name(display_name: str) -> tuple[str, str]:
    given, _space, family = display_name.strip().partition(" ")
    return given or display_name.strip() or "-", family.strip()


def ensure_person(user: User) -> Person:
    """The user's person; an employer or adviser without one gets one from their account name."""
    person = db.session.scalar(select(Person).where(Person.user_id == user.id))
    if person is None:
        given, family = split_name(user.display_name)
        person = Person(
            user_id=user.id, given_name=given, family_name=family, created_by_id=user.id
        )
        db.session.add(person)
        db.session.flush()
    return person


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
    return offer


def expire_overdue_offers(today: date) -> int:
    """Mark published offers whose end date has passed as expired; return how many."""
    result = db.session.execute(
        update(Offer)
        .where(Offer.status == OfferStatus.PUBLISHED.value, Offer.valid_until < today)
        .values(status=OfferStatus.EXPIRED.value)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


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


def local_to_utc(day: date, start: time) -> datetime:
    return datetime.combine(day, start, tzinfo=BERLIN).astimezone(ZoneInfo("UTC"))


def add_slots(offer: Offer, day: date, start: time, minutes: int, count: int) -> list[AdviceSlot]:
    """``count`` back-to-back appointments from ``start`` (German time); existing ones stay."""
    first = local_to_utc(day, start)
    taken = {s.starts_at for s in offer.slots}
    new = [
        AdviceSlot(starts_at=first + timedelta(minutes=minutes * i), minutes=minutes)
        for i in range(count)
    ]
    new = [slot for slot in new if slot.starts_at not in taken]
    offer.slots.extend(new)
    offer.capacity = len(offer.slots)
    db.session.flush()
    return new


def book_slot(slot_id: int, person: Person, note: str | None, now: datetime) -> AdviceSlot:
    """Book a free, future slot of a published advice offer for ``person``.

    One conditional UPDATE decides: it changes the row only while nobody holds the slot, so of
    two people booking at the same moment exactly one succeeds. The unique constraint on
    (booked_by_id, starts_at) refuses a second appointment at the same time.
    """
    published = select(Offer.id).where(Offer.status == OfferStatus.PUBLISHED.value)
    statement = (
        update(AdviceSlot)
        .where(
            AdviceSlot.id == slot_id,
            AdviceSlot.booked_by_id.is_(None),
            AdviceSlot.starts_at > now,
            AdviceSlot.offer_id.in_(published),
        )
        .values(
            booked_by_id=person.id,
            booked_at=now,
            booking_note=(note or "").strip()[:500] or None,
            uid=f"{secrets.token_hex(16)}@bruecke.example",
        )
        .execution_options(synchronize_session=False)
    )
    try:
        with db.session.begin_nested():
            changed = db.session.execute(statement).rowcount  # type: ignore[attr-defined]
    except IntegrityError:
        raise SlotNotAvailable(_l("You already have an appointment at this time.")) from None
    if changed != 1:
        raise SlotNotAvailable(_l("Sorry, this appointment has just been taken or has passed."))
    slot = db.session.get(AdviceSlot, slot_id)
    assert slot is not None
    db.session.refresh(slot)
    return slot


def cancel_booking(slot: AdviceSlot) -> AdviceSlot:
    """Free the slot again, so somebody else can book it."""
    db.session.execute(
        update(AdviceSlot)
        .where(AdviceSlot.id == slot.id)
        .values(booked_by_id=None, booked_at=None, booking_note=None, uid=None)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(slot)
    return slot


def slot_location(slot: AdviceSlot) -> str:
    offer = slot.offer
    if offer.meeting_mode == "video":
        return str(_l("Video call (the adviser sends the link)"))
    return " ".join(filter(None, [offer.postcode, offer.town]))


def booking_calendar(slot: AdviceSlot, now: datetime) -> str:
    """The booked appointment as an iCalendar file."""
    offer = slot.offer
    organisation = offer.organisation.name if offer.organisation else offer.owner.full_name
    appointment = ics.Appointment(
        uid=slot.uid or f"slot-{slot.id}@bruecke.example",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=f"{offer.title} – {organisation}",
        description=", ".join(offer.topic_list),
        location=slot_location(slot),
    )
    return ics.appointment_calendar(appointment, now)


def availability_calendar(person: Person | None, title: str, now: datetime) -> str:
    """A person's weekly times as recurring events (an empty calendar without a person)."""
    times = [
        ics.WeeklyTime(
            f"availability-{s.id}@bruecke.example", s.weekday, s.start_minute, s.end_minute, title
        )
        for s in (person.availability if person else [])
    ]
    return ics.weekly_calendar(times, now, now.astimezone(BERLIN).date())


def local_time_text(moment: datetime, locale: str) -> str:
    """e.g. "Tuesday, 1 December 2026, 09:00" in German time, written the locale's way."""
    local = moment.astimezone(BERLIN)
    day = format_date(local.date(), format="full", locale=locale)
    return f"{day}, {format_time(local, format='short', tzinfo=BERLIN, locale=locale)}"


def send_booking_mail(user: User, slot: AdviceSlot, page_link: str, calendar_link: str) -> None:
    """Confirm the booking to the person, in their language, with the calendar file's link."""
    locale = user.locale or "de"
    with force_locale(locale):
        subject = _("Your appointment: %(title)s", title=slot.offer.title)
        body = _(
            "Hello %(name)s,\n\nyour appointment is booked:\n\n%(title)s\n%(when)s (%(minutes)d "
            "minutes)\n%(where)s\n\nAdd it to your calendar:\n%(calendar)s\n\nTo see or cancel "
            "it:\n%(page)s",
            name=user.display_name,
            title=slot.offer.title,
            when=local_time_text(slot.starts_at, locale),
            minutes=slot.minutes,
            where=slot_location(slot),
            calendar=calendar_link,
            page=page_link,
        )
    send_mail.delay(user.email, subject, body)


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


def show_interest(person: Person, offer: Offer, today: date) -> Request:
    """Record ``person``'s interest in a live offer; a withdrawn interest is opened again."""
    if offer.status != OfferStatus.PUBLISHED or offer.is_expired_on(today):
        raise OfferError(_l("This offer is not open any more."))
    existing = interest_of(person, offer)
    if existing is not None and existing.status != RequestStatus.WITHDRAWN:
        raise DuplicateRequest(_l("You have shown interest in this offer already."))
    if existing is not None:
        existing.status = RequestStatus.OPEN.value
        db.session.flush()
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
    if request.status not in (RequestStatus.OPEN, RequestStatus.IN_ROUND):
        raise OfferError(_l("This request cannot be withdrawn any more."))
    request.status = RequestStatus.WITHDRAWN.value
    db.session.flush()
    return request
