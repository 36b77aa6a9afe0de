"""The language chooser in Debian's chromium: moving through the languages with the arrow keys
changes nothing (WCAG 3.2.2, on input); the language changes when its button is pressed, with
JavaScript and without."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def test_arrow_keys_do_not_reload_the_page_and_the_button_changes_the_language(browser, site):
    page = browser.new_context(locale="de-DE").new_page()
    page.goto(site + "/login")
    page.evaluate("window.__samePage = true")  # gone if the page is loaded again
    chooser = page.locator("#locale-chooser")
    chooser.focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)  # a reload would have started by now
    assert page.evaluate("window.__samePage === true")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert chooser.input_value() != "de"  # the arrows did choose another language
    chosen = chooser.input_value()
    page.keyboard.press("Tab")
    expect(page.locator("#locale-submit")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", chosen.replace("_", "-"))
    assert page.url == site + "/login"


def test_without_javascript_the_button_changes_the_language(browser, site):
    page = browser.new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto(site + "/offers/")
    page.select_option("#locale-chooser", "ar")
    with page.expect_navigation():
        page.click("#locale-submit")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.url == site + "/offers/"


@pytest.mark.parametrize(("code", "tag", "direction"), [("ti", "ti", "ltr"), ("ps", "ps", "rtl"),
                                                       ("fa_AF", "fa-AF", "rtl")])  # fmt: skip
def test_further_languages_read_on_a_phone(browser, site, code, tag, direction):
    # Issue 15: Tigrinya's Ge'ez script comes from the vendored font, whatever fonts the phone
    # has; Pashto and Dari are laid out right to left.
    page = browser.new_context(viewport=PHONE).new_page()
    fonts: list[tuple[str, int]] = []
    page.on("response", lambda r: fonts.append((r.url, r.status)) if "/fonts/" in r.url else None)
    page.goto(site + "/offers/")
    page.select_option("#locale-chooser", code)
    with page.expect_navigation():
        page.click("#locale-submit")
    expect(page.locator("html")).to_have_attribute("lang", tag)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    page.evaluate("document.fonts.ready")
    if code == "ti":
        loaded = page.evaluate("document.fonts.check('16px \"Noto Sans Ethiopic\"', 'ሰላም')")
        assert loaded
        assert any("noto-sans-ethiopic" in url and status == 200 for url, status in fonts), fonts
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, f"language-{code}-phone")
