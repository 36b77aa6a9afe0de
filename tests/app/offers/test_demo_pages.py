"""The demo data fills every offers page for the demo logins (and the pages render it)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from app.offers.models import AdviceSlot, Offer, Request
from tests.app.two_factor import log_in

TODAY = date.today()


@pytest.fixture
def demo(app):
    with app.app_context():
        seed_demo(TODAY)
        db.session.commit()


def as_role(client, role: Role):
    log_in(client, client.application, DEMO_LOGINS[role], DEMO_PASSWORD)
    return client


def test_the_demo_has_slots_bookings_requests_and_interest(app, demo):
    with app.app_context():
        count = lambda *where: db.session.scalar(  # noqa: E731
            select(func.count()).select_from(AdviceSlot).where(*where)
        )
        assert count() > 50 and count(AdviceSlot.booked_by_id.is_not(None)) >= 5
        first = db.session.scalar(select(func.min(AdviceSlot.starts_at)))
        assert TODAY < first.date() <= TODAY + timedelta(days=8)
        requests = db.session.scalar(select(func.count(Request.id)))
        assert requests >= 25
        assert db.session.scalar(select(func.count(Offer.id)).where(Offer.taxonomy_id.is_not(None)))


def test_every_offers_page_has_content_for_the_demo_logins(client, demo):
    refugee = as_role(client, Role.REFUGEE)
    mine = refugee.get("/requests/mine").get_data(as_text=True)
    assert "/bookings/" in mine and "/requests/" in mine
    search = refugee.get("/offers/").get_data(as_text=True)
    assert "card-title" in search and 'dir="rtl"' in search  # Arabic, nearest first
    booking = re.search(r"/bookings/(\d+)", mine).group(0)
    assert refugee.get(booking).status_code == 200
    assert refugee.get(booking + ".ics").mimetype == "text/calendar"
    client.post("/logout")

    employer = as_role(client, Role.EMPLOYER)
    offers_page = employer.get("/offers/mine", headers={"Accept-Language": "de"})
    assert offers_page.status_code == 200
    first_offer = re.search(r'href="(/offers/\d+)"', offers_page.get_data(as_text=True)).group(1)
    assert employer.get(first_offer).status_code == 200
    client.post("/logout")

    adviser = as_role(client, Role.ADVISER)
    own = adviser.get("/offers/mine").get_data(as_text=True)
    advice_id = min(int(i) for i in re.findall(r'href="/offers/(\d+)"', own))  # the first window
    slots = adviser.get(f"/advice/{advice_id}/slots").get_data(as_text=True)
    assert "/bookings/" in slots
    client.post("/logout")

    coordinator = as_role(client, Role.COORDINATOR)
    listing = coordinator.get("/requests/").get_data(as_text=True)
    request_id = re.search(r'href="/requests/(\d+)"', listing).group(1)
    assert coordinator.get(f"/requests/{request_id}").status_code == 200
    client.post("/logout")

    mentor = as_role(client, Role.MENTOR)
    assert "RRULE:FREQ=WEEKLY" in mentor.get("/availability.ics").get_data(as_text=True)
