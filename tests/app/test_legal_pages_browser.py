"""The legal pages on a phone in Debian's chromium: no horizontal scrolling in German or Arabic,
numbers and German addresses read left to right inside Arabic text, the start page leads to
Leichte Sprache and sign language, and the registration's privacy link opens the notice."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve

pytestmark = pytest.mark.browser

PAGES = ["/accessibility", "/easy-language", "/sign-language", "/privacy", "/imprint", "/contact"]

# For each phone number and address line: does its first character sit left of its last?
READING_ORDER = """() => [
  ...document.querySelectorAll('main address bdi, main address a[href^=tel]')
].map(element => {
    const text = element.firstChild;
    const range = document.createRange();
    range.setStart(text, 0); range.setEnd(text, 1);
    const first = range.getBoundingClientRect().x;
    range.setStart(text, text.length - 1); range.setEnd(text, text.length);
    return [text.data, first < range.getBoundingClientRect().x];
  })"""


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


@pytest.mark.parametrize("locale", ["de", "ar"])
def test_legal_pages_fit_a_phone(browser, site, locale):
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    for path in PAGES:
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        expect(page.locator("footer a[href='/accessibility']")).to_be_visible()
        screenshot(page, f"legal{path.replace('/', '-')}-phone-{locale}")


def test_numbers_and_addresses_read_left_to_right_in_arabic(browser, site):
    page = browser.new_context(viewport=PHONE, locale="ar").new_page()
    page.goto(site + "/contact")
    order = page.evaluate(READING_ORDER)
    assert ["49082 Osnabrück", True] in order
    assert ["+49 30 23125 100", True] in order
    assert all(left_to_right for _text, left_to_right in order), order


def test_start_page_leads_to_easy_language_and_sign_language(browser, site):
    page = browser.new_context(viewport=PHONE, locale="de").new_page()
    page.goto(site + "/")
    page.get_by_role("link", name="Informationen in Leichter Sprache").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informationen in Leichter Sprache")
    page.go_back()
    page.get_by_role("link", name="Informationen in Deutscher Gebärdensprache (DGS)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Informationen in Deutscher Gebärdensprache (DGS)"
    )


def test_registration_privacy_link_opens_the_notice(browser, site):
    context = browser.new_context(viewport=PHONE, locale="en")
    page = context.new_page()
    page.goto(site + "/register")
    checkbox = page.get_by_role("checkbox")
    expect(checkbox).to_have_accessible_name(
        "I have read the privacy notice and agree that my data is processed for this purpose."
    )
    expect(checkbox).to_have_accessible_description("Read the privacy notice (opens in a new tab)")
    with context.expect_page() as opened:
        page.get_by_role("link", name="Read the privacy notice (opens in a new tab)").click()
    notice = opened.value
    notice.wait_for_load_state()
    expect(notice.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    assert page.url.endswith("/register")  # what was typed into the form stays
