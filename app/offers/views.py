"""Offer pages: find and filter offers, employers' and advisers' own offers, slots, requests.

Each view loads, checks access in one place, calls one service, and redirects or renders. Another
person's offer, booking or request answers 404, so that nobody learns it exists.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.clock import local_today as today
from app.core.db import utcnow
from app.core.i18n import current_locale
from app.core.pages import page_number
from app.core.permissions import Role, require
from app.core.urls import external_url
from app.core.views import FORM_FAILED, refused, render_form
from app.extensions import db
from app.offers import bookings, forms, queries, services
from app.offers.models import (
    MEETING_MODE_LABELS,
    OFFER_ACTION_LABELS,
    OFFER_KIND_LABELS,
    OFFER_STATUS_CHANGED,
    OFFER_STATUS_LABELS,
    REQUEST_STATUS_LABELS,
    TRANSITIONS,
    Offer,
    OfferKind,
    OfferStatus,
)
from app.places.postcodes import lookup
from app.profiles.queries import get_own_person, get_refugee_profile
from app.profiles.services import ensure_person

LABELS = {
    "kind": OFFER_KIND_LABELS,
    "status": OFFER_STATUS_LABELS,
    "action": OFFER_ACTION_LABELS,
    "mode": MEETING_MODE_LABELS,
    "request_status": REQUEST_STATUS_LABELS,
}

Page = str | tuple[str, int] | Response


def berlin_time(moment: datetime) -> str:
    return bookings.local_time_text(moment, current_locale())


def render(template: str, form: Any = None, **context: Any) -> tuple[str, int]:
    """Render a page; a submitted form that failed answers 422, like the other views."""
    return render_form(template, form, labels=LABELS, **context)


def detail_url(offer: Offer) -> str:
    return url_for("offers.detail", offer_id=offer.id)


# -- loading with access checks (one place per kind of object) --------------------------------


def visible_offer(offer_id: int) -> Offer:
    offer = queries.get_offer(offer_id)
    if offer is None or not queries.may_see_offer(current_user, offer, today()):
        abort(404)
    return offer


def managed_offer(offer_id: int, *kinds: OfferKind) -> Offer:
    offer = queries.get_offer(offer_id)
    if offer is None or not queries.may_manage_offer(current_user, offer):
        abort(404)
    if kinds and offer.kind not in kinds:
        abort(404)
    return offer


def refugee_person() -> Any:
    """The logged-in refugee's person, when they have completed a newcomer profile."""
    person = get_own_person(current_user)
    return person if person is not None and get_refugee_profile(person) else None


# -- find and filter ----------------------------------------------------------------------------


def search_origin(form: forms.SearchForm) -> tuple[float, float] | None:
    if form.postcode.data and (place := lookup(form.postcode.data)):
        return place.lat, place.lon
    person = get_own_person(current_user) if current_user.is_authenticated else None
    if person is not None and person.lat is not None and person.lon is not None:
        return person.lat, person.lon
    return None


def search() -> Page:
    form = forms.SearchForm(current_locale(), formdata=request.args)
    if request.args and not form.validate():
        return render_template(
            "offers/search.html", search_form=form, result=None, labels=LABELS, args={}
        ), FORM_FAILED
    origin = search_origin(form)
    filters = queries.SearchFilters(
        kind=form.kind.data or None,
        km=form.km.data if origin else None,
        language=form.language.data or None,
        max_hours=form.max_hours.data,
        origin=origin,
        text=form.text.data or None,
        # Nearest first wherever the search knows a place; newest first otherwise.
        sort=form.sort.data or ("closest" if origin else "newest"),
    )
    result = queries.search_offers(filters, today(), page_number(request.args.get("page")))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render(
        "offers/search.html",
        result=result,
        search_form=form,
        args=args,
        origin=origin,
        by_distance=queries.sorts_by_distance(filters),
        no_place_to_sort=filters.sort == "closest" and origin is None,
    )


def detail(offer_id: int) -> Page:
    offer = visible_offer(offer_id)
    manages = queries.may_manage_offer(current_user, offer)
    person = refugee_person() if current_user.is_authenticated else None
    return render(
        "offers/detail.html",
        offer=offer,
        manages=manages,
        interest=queries.list_interest(offer) if manages else [],
        my_interest=queries.interest_of(person, offer) if person else None,
        refugee=person,
        free_slots=queries.list_free_slots(offer, utcnow()),
        transitions=sorted(TRANSITIONS[OfferStatus(offer.status)]) if manages else [],
        booking_form=forms.BookingForm(),
        button=forms.ConfirmForm(),
        is_expired=offer.is_expired_on(today()),
    )


# -- employers' offers ----------------------------------------------------------------------------


def offer_data(form: forms.OfferForm) -> services.OfferData:
    return services.OfferData(
        kind=form.kind.data,
        title=form.title.data,
        description=form.description.data,
        skills=form.skills.data or "",
        min_german=form.min_german.data or None,
        capacity=form.capacity.data,
        postcode=form.postcode.data,
        hours_per_week=form.hours_per_week.data,
        interpreter_available=form.interpreter_available.data,
        valid_until=form.valid_until.data,
    )


@require(Role.EMPLOYER)
def new_offer() -> Page:
    form = forms.OfferForm()
    if form.validate_on_submit():
        owner = ensure_person(current_user)
        offer = services.create_offer(owner, offer_data(form), current_locale())
        db.session.commit()
        flash(_("Your offer is saved as a draft. Publish it when it is ready."), "success")
        return redirect(url_for("offers.detail", offer_id=offer.id))
    return render("offers/form.html", form=form, offer=None)


@require()
def edit_offer(offer_id: int) -> Page:
    offer = managed_offer(offer_id)
    if offer.kind == OfferKind.ADVICE:
        return redirect(url_for("offers.edit_advice", offer_id=offer.id))
    form = forms.OfferForm(obj=offer)
    if request.method == "GET":
        form.skills.data = ", ".join(s.original_text for s in offer.skills)
        form.min_german.data = offer.min_german or ""
    if form.validate_on_submit():
        try:
            services.update_offer(offer, offer_data(form), current_locale())
        except services.OfferError as error:
            return refused(error, url_for("offers.edit_offer", offer_id=offer.id))
        db.session.commit()
        flash(_("Your changes are saved."), "success")
        return redirect(url_for("offers.detail", offer_id=offer.id))
    return render("offers/form.html", form=form, offer=offer)


@require()
def change_status(offer_id: int) -> Response:
    offer = managed_offer(offer_id)
    form = forms.StatusForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.change_status(offer, form.status.data, today())
    except services.OfferError as error:
        return refused(error, url_for("offers.detail", offer_id=offer.id))
    db.session.commit()
    flash(str(OFFER_STATUS_CHANGED[OfferStatus(offer.status)]), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id))


@require()
def delete_offer(offer_id: int) -> Page:
    offer = managed_offer(offer_id)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        link = external_url("offers.search", kind=offer.kind)
        services.delete_offer(offer, current_user, utcnow(), link)
        db.session.commit()
        flash(_("The offer is deleted."), "info")
        return redirect(
            url_for(
                "offers.my_offers" if queries.is_owner(current_user, offer) else "offers.search"
            )
        )
    return render("offers/delete.html", offer=offer, button=form)


@require(Role.EMPLOYER, Role.ADVISER)
def my_offers() -> Page:
    person = get_own_person(current_user)
    rows = queries.list_own_offers(person) if person else []
    return render("offers/mine.html", rows=rows)


# -- advisers' consultation offers and slots ---------------------------------------------------


def advice_data(form: forms.AdviceOfferForm) -> services.AdviceData:
    return services.AdviceData(
        title=form.title.data,
        topics=form.topics.data,
        description=form.description.data,
        meeting_mode=form.meeting_mode.data,
        postcode=form.postcode.data or None,
    )


@require(Role.ADVISER)
def new_advice() -> Page:
    form = forms.AdviceOfferForm()
    if form.validate_on_submit():
        owner = ensure_person(current_user)
        offer = services.create_advice_offer(owner, advice_data(form))
        db.session.commit()
        flash(_("Your consultation offer is published. Now add appointments."), "success")
        return redirect(url_for("offers.slots", offer_id=offer.id))
    return render("offers/advice_form.html", form=form, offer=None)


@require()
def edit_advice(offer_id: int) -> Page:
    offer = managed_offer(offer_id, OfferKind.ADVICE)
    form = forms.AdviceOfferForm(obj=offer)
    if form.validate_on_submit():
        services.update_advice_offer(offer, advice_data(form))
        db.session.commit()
        flash(_("Your changes are saved."), "success")
        return redirect(url_for("offers.detail", offer_id=offer.id))
    return render("offers/advice_form.html", form=form, offer=offer)
