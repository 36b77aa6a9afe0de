"""Consultation appointments: advisers add slots, refugees book and cancel; calendar files."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.db import utcnow
from app.core.downloads import download
from app.core.i18n import format_number
from app.core.permissions import Role, require
from app.core.urls import external_url
from app.extensions import db
from app.offers import bookings, forms, queries, services
from app.offers.models import AdviceSlot, OfferKind
from app.offers.views import (
    Page,
    detail_url,
    managed_offer,
    refugee_person,
    refused,
    render,
    today,
)
from app.profiles.queries import get_own_person


def booking(slot_id: int) -> AdviceSlot:
    slot = queries.get_slot(slot_id)
    if slot is None or not slot.is_booked or not queries.may_see_booking(current_user, slot):
        abort(404)
    return slot


@require()
def slots(offer_id: int) -> Page:
    offer = managed_offer(offer_id, OfferKind.ADVICE)
    form = forms.SlotsForm()
    if form.validate_on_submit():
        added = bookings.add_slots(
            offer, form.day.data, form.start.data, form.minutes.data, form.count.data
        )
        db.session.commit()
        flash(
            ngettext(
                "%(count)s appointment added.",
                "%(count)s appointments added.",
                len(added),
                count=format_number(len(added)),
            ),
            "success",
        )
        return redirect(url_for("offers.slots", offer_id=offer.id))
    return render("offers/slots.html", form=form, offer=offer, slots=queries.list_slots(offer))


@require(Role.REFUGEE)
def book(slot_id: int) -> Page:
    slot = queries.get_slot(slot_id)
    person = refugee_person()
    if slot is None or not queries.may_see_offer(current_user, slot.offer, today()):
        abort(404)
    if person is None:
        flash(_("Please complete your profile first."), "warning")
        return redirect(url_for("profiles.my_profile"))
    form = forms.BookingForm()
    if not form.validate_on_submit():
        return refused(services.OfferError(" ".join(form.note.errors)), detail_url(slot.offer))
    try:
        bookings.book_slot(slot.id, person, form.note.data, utcnow())
    except services.OfferError as error:
        return refused(error, detail_url(slot.offer))
    bookings.send_booking_mail(
        current_user,
        slot,
        external_url("offers.booking_page", slot_id=slot.id),
        external_url("offers.booking_ics", slot_id=slot.id),
    )
    db.session.commit()
    return redirect(url_for("offers.booking_page", slot_id=slot.id))


@require()
def booking_page(slot_id: int) -> Page:
    slot = booking(slot_id)
    return render(
        "offers/booking.html",
        slot=slot,
        button=forms.ConfirmForm(),
        location=bookings.slot_location(slot),
    )


@require()
def booking_ics(slot_id: int) -> Response:
    slot = booking(slot_id)
    return calendar_response(bookings.booking_calendar(slot, utcnow()), f"appointment-{slot.id}")


@require()
def cancel_booking(slot_id: int) -> Response:
    slot = booking(slot_id)
    if not forms.ConfirmForm().validate_on_submit():
        abort(400)
    bookings.cancel_booking(slot, current_user, advice_search_link())
    db.session.commit()
    flash(_("The appointment is cancelled. Somebody else can book it now."), "info")
    return redirect(detail_url(slot.offer))


def advice_search_link() -> str:
    return external_url("offers.search", kind=OfferKind.ADVICE.value)


@require(Role.MENTOR, Role.VOLUNTEER)
def availability_ics() -> Response:
    person = get_own_person(current_user)
    calendar = bookings.availability_calendar(person, _("Brücke: my time for meetings"), utcnow())
    return calendar_response(calendar, "brucke-weekly-times")


def calendar_response(text: str, name: str) -> Response:
    return download(text, "text/calendar", f"{name}.ics")
