"""The printed documents on a 390 px phone: one card per printout, nothing cut off and no
sideways scrolling, in German and (mirrored) in Arabic; from the sm breakpoint up, a table.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.app.browser import PHONE, screenshot
from tests.app.builders import Builders
from tests.app.casefile.document_world import build_document_world
from tests.app.casefile.pending_documents import finish, pending_document
from tests.app.live_server import serve
from tests.app.offers.builders import OfferBuilders
from tests.app.two_factor import pass_second_step_in_browser

DESKTOP = {"width": 1280, "height": 800}


def open_own_documents(browser, site, docs, viewport):
    page = browser.new_context(viewport=viewport, locale="ar").new_page()
    page.set_default_timeout(20_000)
    page.goto(site + "/login")
    page.fill("#email", docs.person_user.email)
    page.fill("#password", Builders.PASSWORD)
    page.click("main form button[type=submit]")
    page.goto(site + "/me/file/documents")
    return page


def open_documents_in_german(browser, site, docs, viewport):
    page = browser.new_context(viewport=viewport, locale="de").new_page()
    page.set_default_timeout(20_000)
    page.goto(site + "/login")
    page.fill("#email", docs.coordinator.email)
    page.fill("#password", Builders.PASSWORD)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, docs.coordinator.email)
    page.goto(f"{site}/people/{docs.person.id}/file/documents")
    return page


def head_height(page) -> float:
    return page.locator("#documents thead").bounding_box()["height"]


def assert_within_the_screen(page, width: int) -> None:
    table = page.locator("#documents")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    for cell in page.locator("#documents td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, cell.inner_text()


@pytest.fixture
def two_printouts(app, build):
    """A ready agreement and a report still being prepared."""
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="ar")
    finish(app, pending_document(app, docs.person.id, docs.coordinator))
    pending_document(app, docs.person.id, docs.coordinator, kind="report")
    return docs


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
def test_on_a_phone_each_printout_is_a_card_with_its_status(app, browser, two_printouts, language):
    opener = open_documents_in_german if language == "de" else open_own_documents
    with serve(app) as site:
        page = opener(browser, site, two_printouts, PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert head_height(page) <= 1  # for screen readers only
        assert_within_the_screen(page, PHONE["width"])
        status = page.locator("#documents tr[data-status-url] [data-cell=status]")
        label = status.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label.strip('"') == ("Status" if language == "de" else "الحالة")
        if language == "de":
            assert "wird erstellt" in status.inner_text()
            expect(
                page.locator("#documents >> text=Integrationsvereinbarung (PDF)")
            ).to_be_visible()
        else:  # mirrored: the column names sit at the right, the values to their left
            padding = status.evaluate(
                "cell => [getComputedStyle(cell).paddingRight, getComputedStyle(cell).paddingLeft]"
            )
            assert padding == ["120px", "0px"]
        screenshot(page, f"documents-phone-{language}")
        page.context.close()


@pytest.mark.browser
def test_from_the_sm_breakpoint_the_printouts_are_a_table(app, browser, two_printouts):
    with serve(app) as site:
        page = open_documents_in_german(browser, site, two_printouts, DESKTOP)
        assert head_height(page) > 10
        assert (
            page.locator("#documents tr").nth(1).evaluate("row => getComputedStyle(row).display")
            == "table-row"
        )
        assert_within_the_screen(page, DESKTOP["width"])
        screenshot(page, "documents-desktop-de")
        page.context.close()
