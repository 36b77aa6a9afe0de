"""Consultation appointments: adding slots, booking once, cancelling, calendar files, the mail.

Services flush and never commit: the caller (a view or a task) owns the transaction.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.core.clock import BERLIN
from app.core.i18n import format_number, localise_digits
from app.core.outbox import queue_mail
from app.extensions import db
from app.offers import ics
from app.offers.errors import SlotNotAvailable
from app.offers.models import AdviceSlot, Offer, OfferStatus
from app.profiles.models import Person


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
    slot = db.session.get_one(AdviceSlot, slot_id)
    db.session.refresh(slot)
    return slot


def cancel_booking(slot: AdviceSlot, acting: User, search_link: str) -> AdviceSlot:
    """Free the slot again, so somebody else can book it; tell the person if the adviser (or a
    coordinator) cancelled."""
    notify_bookers([slot], acting, search_link)
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


def local_time_text(moment: datetime, locale: str, style: str = "medium") -> str:
    """A moment in German time, wholly in the locale's own patterns and separators.

    "medium" (the pages' date style, with the weekday): "Donnerstag, 10.12.2026, 09:00",
    "پنجشنبه، ۱۰ دسامبر ۲۰۲۶، ۹:۰۰". "full" (mails and notifications): CLDR's full date and
    short time joined as the locale joins them: "Donnerstag, 10. Dezember 2026, 09:00",
    "پنجشنبه ۱۰ دسامبر ۲۰۲۶، ساعت ۹:۰۰", "الخميس، 10 ديسمبر 2026، 9:00 ص".
    """
    from babel import Locale

    local = moment.astimezone(BERLIN)
    known = Locale.parse(locale)
    joined = str(known.datetime_formats[style])
    day = known.date_formats[style].pattern
    if style == "medium":
        day = joined.replace("{1}", "EEEE").replace("{0}", day)
    pattern = joined.replace("{1}", day).replace("{0}", known.time_formats["short"].pattern)
    return localise_digits(format_datetime(local, pattern, tzinfo=BERLIN, locale=locale), locale)


def send_booking_mail(user: User, slot: AdviceSlot, page_link: str, calendar_link: str) -> None:
    """Confirm the booking to the person, in their language, with the calendar file's link."""
    locale = user.locale or "de"
    with force_locale(locale):
        subject = _("Your appointment: %(title)s", title=slot.offer.title)
        body = _(
            "Hello %(name)s,\n\nyour appointment is booked:\n\n%(title)s\n%(when)s (%(minutes)s "
            "minutes)\n%(where)s\n\nAdd it to your calendar:\n%(calendar)s\n\nTo see or cancel "
            "it:\n%(page)s",
            name=user.display_name,
            title=slot.offer.title,
            when=local_time_text(slot.starts_at, locale, style="full"),
            minutes=format_number(slot.minutes, locale=locale),
            where=slot_location(slot),
            calendar=calendar_link,
            page=page_link,
        )
    queue_mail(user.email, subject, body)


def notify_bookers(slots: list[AdviceSlot], acting: User, search_link: str) -> None:
    """Tell the people holding ``slots`` that their appointment is cancelled, unless they
    cancelled it themselves."""
    for slot in slots:
        user = slot.booked_by.user if slot.booked_by else None
        if user is not None and user.id != acting.id:
            send_cancellation_mail(user, slot, search_link)


def send_cancellation_mail(user: User, slot: AdviceSlot, search_link: str) -> None:
    locale = user.locale or "de"
    with force_locale(locale):
        subject = _("Cancelled: %(title)s", title=slot.offer.title)
        body = _(
            "Hello %(name)s,\n\nunfortunately your appointment on %(when)s (%(title)s) has "
            "been cancelled. You can book another one here:\n\n%(link)s",
            name=user.display_name,
            when=local_time_text(slot.starts_at, locale, style="full"),
            title=slot.offer.title,
            link=search_link,
        )
    queue_mail(user.email, subject, body)
