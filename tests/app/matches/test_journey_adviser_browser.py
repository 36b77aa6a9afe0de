"""Issue 15: the start-up adviser's own journey on a phone (390 px), to its real end. The
coordinator's round proposes the adviser's start-up advice to Omar, a newcomer the office keeps
on behalf (no account), and approves it; the adviser sees the proposal and accepts; the
coordinator finds the match with the queue's filter for answers the office records and records
Omar's yes, given by phone; the match is active for the adviser, who reaches Omar through the
office.

Screenshots go to tests/artifacts/journey-adviser-*.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.core.permissions import Role
from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve
from tests.app.matches.pages import (
    district_office,
    kept_on_behalf,
    logged_in,
    proposal_of,
    start_round,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_the_adviser_accepts_and_the_office_records_the_newcomers_answer(
    app, build, offers, browser, site
):
    district, bramsche, coordinator = district_office(build)
    adviser_user = build.user(Role.ADVISER, name="Tarek Nasser", locale="de")
    adviser = offers.person(adviser_user, bramsche, "Tarek", languages=("de", "ar"))
    offers.offer(adviser, bramsche, kind="advice", title="Gründen in Bramsche")
    _, request = kept_on_behalf(app, offers, bramsche, "Omar", "advice")

    office = logged_in(browser, site, coordinator, "de")
    start_round(office, site, district.id)
    match = proposal_of(app, request.id)
    office.goto(site + "/matches/queue")
    office.click(f"#proposal-{match.id} button.btn-success")
    office.wait_for_selector(".alert-success")

    counsel = logged_in(browser, site, adviser_user, "de")
    counsel.goto(site + "/matches/mine")
    card = counsel.locator(f"#match-{match.id}")
    expect(card).to_contain_text("Gründen in Bramsche")
    assert "Bramsche" in card.locator(".match-facts").inner_text()
    fits_the_phone(counsel)
    screenshot(counsel, "journey-adviser-1-proposal-de")
    card.locator("button[value=accept]").click()
    expect(card.locator(".match-state")).to_have_text("Sie haben zugestimmt · wartet auf Omar")
    screenshot(counsel, "journey-adviser-2-accepted-de")

    # The coordinator finds the match among those waiting for an answer the office records.
    office.goto(site + "/matches/queue")
    office.select_option("#status", "office_answer")
    office.click("main form[method=get] button[type=submit]")
    cards = office.locator("main .card[id^=proposal-]")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_id(f"proposal-{match.id}")
    fits_the_phone(office)
    screenshot(office, "journey-adviser-3-office-filter-de")
    office.click(f"#proposal-{match.id} a.record-answer")
    expect(office.locator("h1")).to_contain_text("Omar")
    office.check("input[name=answer][value=accept]")
    office.select_option("#channel", "phone")
    office.click("main form button[type=submit]")
    expect(office.locator(".alert-success")).to_contain_text("aktiv")

    counsel.goto(site + "/matches/mine")
    expect(card.locator(".match-state")).to_have_text("Aktiv")
    assert "Fachdienst Integration" in card.locator(".contact").inner_text()
    fits_the_phone(counsel)
    screenshot(counsel, "journey-adviser-4-active-de")
    assert proposal_of(app, request.id).status == "active"
