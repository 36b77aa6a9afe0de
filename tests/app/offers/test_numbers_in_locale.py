"""Numbers, units and dates on offer pages are written the reader's way (issue 15).

German "3,1 km", Persian digits (۰–۹) with the Persian decimal sign, and one date style in
Ukrainian for the offer's end date and its appointments.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from babel.dates import format_date

from app.accounts.models import User
from app.core.clock import BERLIN
from app.extensions import db

DISTANCE = re.compile(r'list-unstyled small[^"]*">(.*?)</ul>', re.S)
META = re.compile(r"card-text[^>]*>(.*?)</", re.S)


def search(client, locale: str) -> str:
    response = client.get("/offers/?postcode=49565", headers={"Accept-Language": locale})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_distances_and_hours_in_german_use_a_decimal_comma(client, world, offers):
    offers.offer(
        world.employer_person, world.osnabrueck.children[1], title="Melle", hours_per_week=7.5
    )
    page = search(client, "de")
    assert re.search(r"\b\d+,\d km entfernt", page), "the distance to Melle has a decimal"
    assert not re.search(r"\b\d+\.\d km", page)
    assert "7,5 Stunden pro Woche" in page


def test_persian_numbers_are_written_in_persian_digits(client, world, offers):
    offers.offer(
        world.employer_person, world.osnabrueck.children[1], title="Melle", hours_per_week=7.5
    )
    page = search(client, "fa")
    assert re.search(r"[۰-۹]+٫[۰-۹] کیلومتر فاصله", page)
    assert "۷٫۵ ساعت در هفته" in page
    assert "۱ فرصت" in page  # the count of results, through ngettext
    assert not re.search(r"[0-9]+(\.[0-9])? کیلومتر", page)


def test_ukrainian_offer_page_shows_one_date_style(app, client, login, world, offers):
    end = date.today() + timedelta(days=40)
    advice = offers.offer(world.adviser_person, world.bramsche, kind="advice", valid_until=end)
    slot = offers.slot(advice, starts_in=timedelta(days=3))
    with app.app_context():
        db.session.get(User, world.refugee.id).locale = "uk"
        db.session.commit()
    login(world.refugee)
    page = client.get(f"/offers/{advice.id}")
    text = page.get_data(as_text=True)
    day = slot.starts_at.replace(tzinfo=slot.starts_at.tzinfo or BERLIN).astimezone(BERLIN).date()
    assert format_date(end, "medium", locale="uk") in text
    assert format_date(day, "medium", locale="uk") in text
    assert format_date(day, "long", locale="uk") not in text
