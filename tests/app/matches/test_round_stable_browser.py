"""In Debian's chromium: a coordinator runs a round for the best total; a newcomer asks for a
mentor through the request form; the coordinator runs the round again, this time choosing a
stable answer, and sees the earlier proposals stay — the same cards in the queue — with the kept
and moved counts, the blocking pairs, the total and the price of stability on the round page,
on a phone and on a desktop screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.accounts.models import User
from app.core.permissions import Role
from app.extensions import db
from app.matches.models import MatchingRound
from tests.app.browser import screenshot
from tests.app.live_server import serve
from tests.app.matches.builders import build_match_world
from tests.app.matches.pages import logged_in, queue_cards, start_round
from tests.app.matches.test_round_stable import envy_world
from tests.app.test_accessibility_browser import AXE, RUN_AXE, WCAG_A_AA

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def test_a_stable_rerun_after_a_newcomer_asks_keeps_the_earlier_proposals(
    app, build, offers, browser, site
):
    world = build_match_world(build, offers)
    page = logged_in(browser, site, world.coordinator_os, "en")
    page.context.add_init_script(path=str(AXE))
    page.goto(site + "/matches/rounds")
    expect(page.locator("input[name=aim][value=best]")).to_be_checked()
    expect(page.locator("#aim-hint")).to_contain_text("a few percent of the total value")
    screenshot(page, "round-stable-0-start-form-phone")
    start_round(page, site, world.osnabrueck.id, "best")
    expect(page.locator("#round-aim")).to_have_text("Aim: the best total")
    expect(page.locator("#summary")).to_contain_text("2 pairs proposed")
    before = queue_cards(page, site)

    # The newcomer fills in the newcomer profile and asks for a mentor, as a refugee does.
    with app.app_context():
        user = build.user(Role.REFUGEE, name="Newcomer", locale="en")
        offers.person(user, world.bramsche, "Newcomer", languages=("ar",))
    newcomer = logged_in(browser, site, user, "en")
    newcomer.goto(site + "/me/newcomer")
    newcomer.check("input[value=mentor]")
    newcomer.select_option("#right_to_work", "allowed")
    newcomer.click("main form button[type=submit]")
    expect(newcomer).to_have_url(re.compile(r"/me$"))
    newcomer.goto(site + "/requests/new")
    newcomer.fill("#topic", "German conversation")
    newcomer.click("main form button[type=submit]")
    expect(newcomer.locator(".alert-success")).to_contain_text("Your request is sent")

    second = start_round(page, site, world.osnabrueck.id, "stable")
    with app.app_context():
        again = db.session.get(MatchingRound, second)
        assert again.stable and again.seekers == 5  # the four earlier requests and the new one
        price = again.summary["stats"]["stability"]
    expect(page.locator("#round-aim")).to_contain_text("Aim: stable")
    expect(page.locator("#round-kept")).to_have_text("2 earlier proposals kept")
    expect(page.locator("#round-moved")).to_have_text("0 earlier proposals moved")
    expect(page.locator("#round-blocking")).to_contain_text("0 blocking pairs")
    expect(page.locator("#round-total")).to_be_visible()
    assert price["cost"] == 0  # four alike seekers: the stable answer is a best one
    expect(page.locator("#round-stability-cost")).to_contain_text(
        "Stability cost nothing here: the stable answer reaches the best total of 135 points"
    )
    expect(page.locator("#round-stability-blocking")).to_have_text(
        "The best total would leave 0 blocking pairs"
    )
    assert page.evaluate(RUN_AXE, WCAG_A_AA) == []
    screenshot(page, "round-stable-1-second-round-phone")
    page.set_viewport_size(DESKTOP)
    assert page.evaluate(RUN_AXE, WCAG_A_AA) == []
    screenshot(page, "round-stable-2-second-round-desktop")
    assert queue_cards(page, site) == before  # the same proposals, untouched


def test_the_price_of_stability_reads_in_persian(app, build, offers, browser, site):
    world = envy_world(build, offers)
    with app.app_context():
        db.session.get(User, world.coordinator_os.id).locale = "fa"  # the page follows the user
        db.session.commit()
    page = logged_in(browser, site, world.coordinator_os, "fa")
    page.context.add_init_script(path=str(AXE))  # through DevTools: the page's policy stays on
    page.goto(site + "/matches/rounds")
    assert page.evaluate(RUN_AXE, WCAG_A_AA) == []  # the start form with its choice of aim
    start_round(page, site, world.osnabrueck.id, "stable")
    assert page.evaluate(RUN_AXE, WCAG_A_AA) == []
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("#round-stability-cost")).to_contain_text("بهای پایداری")
    expect(page.locator("#round-stability-matches")).to_have_text("۱ جفت کمتر از حالت بهترین مجموع")
    screenshot(page, "round-stable-3-price-fa-phone")
