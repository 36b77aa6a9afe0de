"""Reflow at 320 px (WCAG 1.4.10) in Debian's chromium: the pages with wide tables and charts
fit a 320 px screen in German and in Arabic without sideways scrolling; a table that is wider
scrolls inside its own region, which the keyboard reaches and a screen reader names.
Screenshots go to tests/artifacts/reflow-*.png."""

from __future__ import annotations

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
PAGES = {
    Role.COORDINATOR: ("/evidence/", "/figures", "/matches/ratings", "/knowledge/open-questions"),
    Role.ADMIN: ("/admin/coordinators", "/admin/second-factor"),
    Role.REFUGEE: ("/me/file/report", "/me/edit"),
}
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


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


@pytest.mark.parametrize("locale", ["de", "ar"])
@pytest.mark.parametrize("role", list(PAGES))
def test_wide_pages_reflow_at_320_px(browser, site, role, locale):
    page = logged_in(browser, site, role, locale)
    wide = []
    for path in PAGES[role]:
        page.goto(site + path)
        if page.evaluate(SCROLLS_SIDEWAYS):
            wide.append((path, page.evaluate("document.documentElement.scrollWidth")))
        name = path.strip("/").replace("/", "-") or "start"
        screenshot(page, f"reflow-320-{locale}-{name}")
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
