"""The navigation bar in Debian's chromium: a coordinator's bar fits a desktop screen in every
language, the coordination menu opens and leads to its pages, and on a phone it sits in the
collapsed menu."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.core.i18n import LOCALES
from app.core.permissions import Role
from tests.app.browser import PHONE, choose_language, screenshot
from tests.app.live_server import serve
from tests.app.two_factor import pass_second_step_in_browser

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


@pytest.fixture
def coordinator(build):
    district = build.district("Landkreis Test", ("Musterstadt",))
    office = build.organisation("Fachdienst Integration", district)
    return build.coordinator(office, email="coord@example.org", name="Clara Koordinatorin")


def logged_in(browser, site, viewport, locale):
    context = browser.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    page.goto(site + "/login")
    page.fill("input[name=email]", "coord@example.org")
    page.fill("input[name=password]", "correct horse battery")
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, "coord@example.org")
    return page


@pytest.mark.parametrize("locale", list(LOCALES))
def test_a_coordinators_bar_fits_a_desktop_screen(browser, site, coordinator, locale):
    page = logged_in(browser, site, DESKTOP, "de-DE")
    choose_language(page, locale)
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    chooser = page.locator("#locale-chooser")
    expect(chooser).to_be_visible()
    assert chooser.bounding_box()["width"] >= 110  # not squeezed: the language's name is legible
    expect(page.locator("#coordination-menu")).to_be_visible()
    screenshot(page, f"navigation-coordinator-desktop-{locale}")


def test_the_coordination_menu_leads_to_the_ratings(browser, site, coordinator):
    page = logged_in(browser, site, DESKTOP, "en-GB")
    choose_language(page, "en")
    expect(page.get_by_role("link", name="Ratings")).to_be_hidden()
    page.click("#coordination-menu")
    expect(page.get_by_role("link", name="Approvals")).to_be_visible()
    page.get_by_role("link", name="Ratings").click()
    expect(page).to_have_url(re.compile(r"/matches/ratings$"))


def test_on_a_phone_the_menu_is_collapsed_and_opens(browser, site, coordinator):
    page = logged_in(browser, site, PHONE, "en-GB")
    choose_language(page, "en")
    expect(page.locator("#coordination-menu")).to_be_hidden()
    page.click(".navbar-toggler")
    # Wait for the collapse to finish: a click while it still animates can land on a moving menu.
    page.wait_for_selector("#nav-menu.collapse.show")
    page.click("#coordination-menu")
    page.wait_for_selector("[aria-labelledby=coordination-menu].show")
    page.get_by_role("link", name="Case files shared with us").click()
    expect(page).to_have_url(re.compile(r"/files$"))
    screenshot(page, "navigation-coordinator-phone-en")


def test_other_roles_have_no_coordination_menu(browser, site, build):
    build.user(Role.REFUGEE, email="coord@example.org")
    page = logged_in(browser, site, DESKTOP, "de-DE")
    expect(page.locator("#coordination-menu")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
