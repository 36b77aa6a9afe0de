"""Browser helpers for the match tests."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.app.browser import PHONE
from tests.app.builders import Builders
from tests.app.two_factor import pass_second_step_in_browser


def logged_in(browser, site, user, locale: str, password: str = Builders.PASSWORD):
    """A new phone-sized page, logged in as ``user`` through the login form."""
    page = browser.new_context(viewport=PHONE, locale=locale).new_page()
    page.set_default_timeout(15_000)
    page.goto(site + "/login")
    page.fill("#email", user.email)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, user.email)
    return page


def start_round(page, site: str, region_id: int, aim: str | None = None) -> int:
    """Start a round for the district from the rounds page (choosing its aim, when given) and
    wait for its summary; returns the round's id."""
    page.goto(site + "/matches/rounds")
    page.select_option("#region_id", str(region_id))
    if aim is not None:
        page.check(f"input[name=aim][value={aim}]")
    page.click("main form button[type=submit]")
    expect(page.locator("#summary")).to_be_visible()
    return int(re.search(r"/matches/rounds/(\d+)$", page.url).group(1))


def queue_cards(page, site: str) -> list[str]:
    """The ids of the two proposal cards in the approval queue, sorted."""
    page.goto(site + "/matches/queue")
    cards = page.locator("main .card[id^=proposal-]")
    expect(cards).to_have_count(2)
    return sorted(cards.evaluate_all("cards => cards.map(c => c.id)"))
