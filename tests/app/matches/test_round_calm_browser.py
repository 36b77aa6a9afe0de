"""In Debian's chromium: a coordinator runs a round, a newcomer registers, the coordinator runs
the round again and sees the earlier proposals stay — the same cards in the queue — with the
kept and moved counts, the total and the blocking pairs on the round page."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from playwright.sync_api import expect
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.matches.models import MatchingRound, Proposal
from tests.app.browser import screenshot
from tests.app.live_server import serve
from tests.app.matches.builders import build_match_world
from tests.app.matches.pages import logged_in, queue_cards, start_round

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def test_earlier_proposals_stay_after_a_newcomer_registers(app, build, offers, browser, site):
    world = build_match_world(build, offers)
    page = logged_in(browser, site, world.coordinator_os, "en")
    start_round(page, site, world.osnabrueck.id)
    expect(page.locator("#summary")).to_contain_text("2 pairs proposed")
    expect(page.locator("#round-kept")).to_have_count(0)  # nothing earlier to keep
    before = queue_cards(page, site)

    with app.app_context():
        user = build.user(Role.REFUGEE, name="Newcomer", locale="ar")
        person = offers.person(user, world.bramsche, "Newcomer", languages=("ar",))
        offers.request(person, kind="mentoring")
    second = start_round(page, site, world.osnabrueck.id)
    with app.app_context():
        total = db.session.get(MatchingRound, second).objective
        rounds = set(db.session.scalars(select(Proposal.round_id)))
    expect(page.locator("#round-kept")).to_have_text("2 earlier proposals kept")
    expect(page.locator("#round-moved")).to_have_text("0 earlier proposals moved")
    expect(page.locator("#round-blocking")).to_contain_text("0 blocking pairs")
    expect(page.locator("#round-total")).to_have_text(
        f"Total value of the proposals: {format_decimal(total, locale='en')} points"
    )
    screenshot(page, "round-calm-1-second-round")
    assert second not in rounds  # nothing new: both proposals are the first round's
    assert queue_cards(page, site) == before
