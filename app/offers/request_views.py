"""Requests: a refugee asks for a mentor or shows interest; coordinators of the region read them."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.i18n import current_locale
from app.core.pages import page_number
from app.core.permissions import Role, require
from app.extensions import db
from app.offers import forms, queries, services
from app.offers.models import Request, RequestStatus
from app.offers.views import (
    Page,
    detail_url,
    refugee_person,
    refused,
    render,
    today,
    visible_offer,
)
from app.profiles.policy import keeps_on_behalf
from app.profiles.queries import get_own_person, get_person_for_coordinator


def visible_request(request_id: int) -> Request:
    found = queries.get_request(request_id)
    if found is None or not queries.may_see_request(current_user, found):
        abort(404)
    return found


@require(Role.REFUGEE)
def show_interest(offer_id: int) -> Response:
    offer = visible_offer(offer_id)
    person = refugee_person()
    if person is None:
        flash(_("Please complete your profile first."), "warning")
        return redirect(url_for("profiles.my_profile"))
    if not forms.ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.show_interest(person, offer, today())
    except services.OfferError as error:
        return refused(error, detail_url(offer))
    db.session.commit()
    flash(_("Your interest is noted. The integration office will be in touch."), "success")
    return redirect(detail_url(offer))


@require(Role.REFUGEE)
def new_request() -> Page:
    person = refugee_person()
    form = forms.MentorRequestForm(current_locale())
    if person is None and form.is_submitted():
        flash(_("Please complete your profile first."), "warning")
        return redirect(url_for("profiles.my_profile"))
    if person is not None and form.validate_on_submit():
        try:
            services.request_mentor(
                person, form.topic.data, form.languages.data or [], form.mentor_gender.data
            )
        except services.OfferError as error:
            return refused(error, url_for("offers.my_requests"))
        db.session.commit()
        flash(_("Your request is sent. The integration office looks for a mentor."), "success")
        return redirect(url_for("offers.my_requests"))
    return render("offers/request_form.html", form=form, person=person)


@require(Role.COORDINATOR)
def new_request_on_behalf(person_id: int) -> Page:
    """The coordinator who keeps a person on behalf records what they asked the office for."""
    person = get_person_for_coordinator(current_user, person_id)
    if person is None:
        abort(404)  # outside the coordinator's regions: nobody learns that the person exists
    if not keeps_on_behalf(current_user, person):
        abort(403)  # a person with an account asks for themselves
    form = forms.RequestOnBehalfForm()
    person_page = url_for("profiles.person_detail", person_id=person.id)
    if form.validate_on_submit():
        try:
            services.request_on_behalf(person, form.kind.data, form.topic.data)
        except services.OfferError as error:
            return refused(error, person_page)
        db.session.commit()
        flash(_("The request is recorded. The next matching round takes it in."), "success")
        return redirect(person_page)
    return render("offers/request_on_behalf.html", form=form, person=person)


@require(Role.REFUGEE)
def my_requests() -> Page:
    person = get_own_person(current_user)
    return render(
        "offers/my_requests.html",
        requests=queries.list_own_requests(person) if person else [],
        bookings=queries.list_bookings(person) if person else [],
        button=forms.ConfirmForm(),
    )


@require(Role.REFUGEE)
def withdraw(request_id: int) -> Response:
    found = visible_request(request_id)
    if found.person.user_id != current_user.id:
        abort(404)  # a coordinator who is also a refugee does not withdraw other people's
    if not forms.ConfirmForm().validate_on_submit():
        abort(400)
    try:
        services.withdraw_request(found)
    except services.OfferError as error:
        return refused(error, url_for("offers.my_requests"))
    db.session.commit()
    flash(_("Your request is withdrawn."), "info")
    return redirect(url_for("offers.my_requests"))


@require(Role.COORDINATOR)
def requests_for_coordinator() -> Page:
    status = request.args.get("status", RequestStatus.OPEN.value)
    status = status if status in set(RequestStatus) else ""
    page = page_number(request.args.get("page"))
    rows, total = queries.list_requests_for_coordinator(current_user, status or None, page)
    return render(
        "offers/requests.html",
        requests=rows,
        total=total,
        page=page,
        page_size=queries.PAGE_SIZE,
        status=status,
    )


@require(Role.REFUGEE, Role.COORDINATOR)
def request_detail(request_id: int) -> Page:
    found = visible_request(request_id)
    return render("offers/request_detail.html", req=found, button=forms.ConfirmForm())
