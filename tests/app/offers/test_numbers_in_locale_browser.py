"""Offer pages on a phone (390 px) in Persian and Ukrainian: Persian digits in the search results,
one date style on a Ukrainian offer page. The screenshots go to artifacts/ for a look."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve

pytestmark = pytest.mark.browser


def test_offer_pages_on_a_phone_in_persian_and_ukrainian(app, browser, world, offers):
    offers.offer(
        world.employer_person, world.osnabrueck.children[1], title="Melle", hours_per_week=7.5
    )
    end = date.today() + timedelta(days=40)
    advice = offers.offer(world.adviser_person, world.bramsche, kind="advice", valid_until=end)
    offers.slot(advice, starts_in=timedelta(days=3))
    with serve(app) as site:
        persian = browser.new_context(viewport=PHONE, locale="fa")
        page = persian.new_page()
        page.goto(f"{site}/offers/?postcode=49565")
        screenshot(page, "numbers-offer-search-fa-390")
        text = page.inner_text("main")
        assert re.search(r"[۰-۹]+٫[۰-۹] کیلومتر فاصله", text)
        assert not re.search(r"[0-9]", re.sub(r"\b[ABC][12]\b|\b\d{5}\b", "", text)), text
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        ukrainian = browser.new_context(viewport=PHONE, locale="uk")
        page = ukrainian.new_page()
        page.goto(f"{site}/offers/{advice.id}")
        screenshot(page, "numbers-offer-detail-uk-390")
        text = page.inner_text("main")
        # Every date on the page in CLDR's medium style: "15 січ. 2027 р.", never "9 грудня".
        months = re.findall(r"\d{1,2} ([а-яґєії]+\.?) \d{4}", text)
        assert len(months) >= 2 and all(m.endswith(".") for m in months), months
