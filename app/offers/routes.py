"""The offers blueprint and its URL table: every URL of offers, advice, bookings and requests.

The views live in app.offers.views, booking_views and request_views; they do not know the
blueprint, so importing them registers nothing and no view module imports this one.
"""

from __future__ import annotations

from flask import Blueprint

from app.offers import booking_views, queries, request_views, views

bp = Blueprint("offers", __name__)

# Offers and advice (app.offers.views)
bp.app_template_filter("berlin_time")(views.berlin_time)
bp.add_app_template_global(queries.published_profile_offers)
bp.add_url_rule("/offers/", view_func=views.search)
bp.add_url_rule("/offers/<int:offer_id>", view_func=views.detail)
bp.add_url_rule("/offers/new", view_func=views.new_offer, methods=["GET", "POST"])
bp.add_url_rule("/offers/<int:offer_id>/edit", view_func=views.edit_offer, methods=["GET", "POST"])
bp.add_url_rule("/offers/<int:offer_id>/status", view_func=views.change_status, methods=["POST"])
bp.add_url_rule(
    "/offers/<int:offer_id>/delete", view_func=views.delete_offer, methods=["GET", "POST"]
)
bp.add_url_rule("/offers/mine", view_func=views.my_offers)
bp.add_url_rule("/advice/new", view_func=views.new_advice, methods=["GET", "POST"])
bp.add_url_rule("/advice/<int:offer_id>/edit", view_func=views.edit_advice, methods=["GET", "POST"])

# Advice slots and bookings (app.offers.booking_views)
bp.add_url_rule(
    "/advice/<int:offer_id>/slots", view_func=booking_views.slots, methods=["GET", "POST"]
)
bp.add_url_rule("/slots/<int:slot_id>/book", view_func=booking_views.book, methods=["POST"])
bp.add_url_rule("/bookings/<int:slot_id>", view_func=booking_views.booking_page)
bp.add_url_rule("/bookings/<int:slot_id>.ics", view_func=booking_views.booking_ics)
bp.add_url_rule(
    "/bookings/<int:slot_id>/cancel", view_func=booking_views.cancel_booking, methods=["POST"]
)
bp.add_url_rule("/availability.ics", view_func=booking_views.availability_ics)

# Requests (app.offers.request_views)
bp.add_url_rule(
    "/offers/<int:offer_id>/interest", view_func=request_views.show_interest, methods=["POST"]
)
bp.add_url_rule("/requests/new", view_func=request_views.new_request, methods=["GET", "POST"])
bp.add_url_rule("/requests/mine", view_func=request_views.my_requests)
bp.add_url_rule(
    "/people/<int:person_id>/requests/new",
    view_func=request_views.new_request_on_behalf,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/requests/<int:request_id>/withdraw", view_func=request_views.withdraw, methods=["POST"]
)
bp.add_url_rule("/requests/", view_func=request_views.requests_for_coordinator)
bp.add_url_rule("/requests/<int:request_id>", view_func=request_views.request_detail)
