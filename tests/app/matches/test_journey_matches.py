"""The coordinator's journey in Debian's chromium on a phone-sized screen: start a round, watch
its progress, approve two proposals, reject one with a reason; then both sides of one match
accept, each in their own language. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.matches.models import ExcludedPair, Proposal
from tests.app.browser import screenshot
from tests.app.live_server import serve
from tests.app.matches.builders import build_match_world
from tests.app.matches.pages import logged_in

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def test_coordinator_decides_and_both_sides_accept(app, build, offers, browser, site):
    world = build_match_world(build, offers, seekers=5, mentors=3)
    page = logged_in(browser, site, world.coordinator_os, "en")
    page.goto(site + "/matches/rounds")
    page.select_option("#region_id", str(world.osnabrueck.id))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#summary")
    assert page.get_attribute("#round-progress", "aria-valuenow") == "100"
    assert "3 pairs proposed" in page.inner_text("#summary")
    screenshot(page, "matches-1-round-summary")

    page.goto(site + "/matches/queue")
    cards = page.locator("main .card")
    expect(cards).to_have_count(3)
    assert "Both speak" in cards.first.inner_text()
    screenshot(page, "matches-2-queue")
    with app.app_context():
        ids = list(db.session.scalars(select(Proposal.id).order_by(Proposal.score.desc())))
    for proposal_id in ids[:2]:
        page.click(f"#proposal-{proposal_id} button.btn-success")
        page.wait_for_selector(".alert-success")
    page.click(f"#proposal-{ids[2]} a.btn-outline-danger")
    page.fill("#reason", "Kennen sich schon, passt nicht")
    page.click("main form button.btn-danger")
    page.wait_for_selector(".alert-success")
    screenshot(page, "matches-3-after-decisions")

    with app.app_context():
        first = db.session.get(Proposal, ids[0])
        seeker, mentor = first.request.person.user, first.offer.owner.user
        assert db.session.scalars(select(ExcludedPair)).one().reason.startswith("Kennen")
        statuses = sorted(db.session.get(Proposal, i).status for i in ids)
        assert statuses == ["approved", "approved", "rejected"]

    seeker_page = logged_in(browser, site, seeker, "ar")
    seeker_page.goto(site + "/matches/mine")
    assert seeker_page.get_attribute("html", "dir") == "rtl"
    seeker_page.click(f"#match-{ids[0]} button[value=accept]")
    screenshot(seeker_page, "matches-4-seeker-accepted-ar")

    mentor_page = logged_in(browser, site, mentor, "de")
    mentor_page.goto(site + "/matches/mine")
    assert mentor_page.get_attribute("html", "lang") == "de"
    mentor_page.click(f"#match-{ids[0]} button[value=accept]")
    mentor_page.wait_for_selector(f"#match-{ids[0]} .contact")
    screenshot(mentor_page, "matches-5-mentor-active-de")
    seeker_page.goto(site + "/matches/mine")
    assert mentor.email in seeker_page.inner_text(f"#match-{ids[0]} .contact")
    screenshot(seeker_page, "matches-6-seeker-active-ar")
    with app.app_context():
        assert db.session.get(Proposal, ids[0]).status == "active"
