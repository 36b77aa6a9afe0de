"""Reflow at 320 px (WCAG 1.4.10) in Debian's chromium, beyond what the crawl checks
(tests/app/test_accessibility_browser.py checks every page it scans in Arabic at 320 px for
sideways scrolling): representative pages also fit 320 px in German, whose long compound words
must wrap, and are photographed in both languages for a person to look at
(tests/artifacts/reflow320-*.png); a table that is wider scrolls inside its own region, which the
keyboard reaches and a screen reader names."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from tests.app.browser import screenshot
from tests.app.live_server import serve
from tests.app.two_factor import pass_second_step_in_browser

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
# Each role's representative pages; "first:<list>" opens the first record the list links to.
PAGES = {
    Role.COORDINATOR: {
        "case-file": "first:/files",
        "evidence": "/evidence/",
        "approval-queue": "/matches/queue",
        "knowledge-article": "first:/knowledge/",
    },
    Role.EMPLOYER: {"offer-form": "/offers/new"},
}
RECORD = {"/files": re.compile(r"/people/\d+/file$"), "/knowledge/": re.compile(r"/knowledge/\d+$")}
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture
def site(app):
    with app.app_context():
        seed_demo(date(2026, 11, 26))
        db.session.commit()
    with serve(app) as url:
        yield url


def logged_in(browser, site, role, locale):
    page = browser.new_context(viewport=NARROW, locale=locale).new_page()
    page.goto(site + "/login")
    page.fill("#email", DEMO_LOGINS[role])
    page.fill("#password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, DEMO_LOGINS[role])
    assert page.request.post(site + "/language", form={"locale": locale, "next": "/"}).ok
    return page


def open_page(page, site, path):
    if not path.startswith("first:"):
        return page.goto(site + path)
    listing = path.removeprefix("first:")
    page.goto(site + listing)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(l => l.href)")
    for record in dict.fromkeys(href for href in hrefs if RECORD[listing].search(href)):
        response = page.goto(record)
        if response.ok:
            return response
    raise AssertionError(f"no record under {listing} opens")


@pytest.mark.parametrize("locale", ["ar", "de"])
@pytest.mark.parametrize("role", list(PAGES))
def test_representative_pages_reflow_at_320_px(browser, site, role, locale):
    page = logged_in(browser, site, role, locale)
    wide = []
    for name, path in PAGES[role].items():
        assert open_page(page, site, path).ok, path
        if page.evaluate(SCROLLS_SIDEWAYS):
            wide.append((path, page.evaluate(WIDTH)))
        screenshot(page, f"reflow320-{locale}-{name}")
    assert wide == []


def test_a_table_wider_than_the_phone_scrolls_in_a_named_region_the_keyboard_reaches(browser, site):
    page = logged_in(browser, site, Role.COORDINATOR, "ar")
    page.goto(site + "/figures")
    region = page.locator("[role=region]:has(table[data-table=open-figures])").first
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the table is wider
    assert region.get_attribute("aria-label")
    region.focus()
    expect(region).to_be_focused()
    before = region.evaluate("r => r.scrollLeft")
    page.keyboard.press("ArrowLeft")  # right to left: the table's further columns lie left
    page.wait_for_function("([r, x]) => r.scrollLeft !== x", arg=[region.element_handle(), before])
    assert not page.evaluate(SCROLLS_SIDEWAYS)


def test_the_administrators_list_of_resets_fits_320_px(browser, site):
    """Two addresses and a date side by side are wider than 320 px: the table scrolls in its own
    region (the crawl sees the page only while the demo has no reset)."""
    page = logged_in(browser, site, Role.ADMIN, "ar")
    page.goto(site + "/admin/second-factor")
    page.fill("#email", DEMO_LOGINS[Role.COORDINATOR])
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    table = page.locator("main table")
    expect(table).to_contain_text(DEMO_LOGINS[Role.COORDINATOR])
    assert not page.evaluate(SCROLLS_SIDEWAYS), page.evaluate(WIDTH)
    region = page.locator("[role=region][tabindex='0'][aria-label]:has(table)")
    expect(region).to_have_count(1)
    screenshot(page, "reflow320-ar-second-factor-resets")
