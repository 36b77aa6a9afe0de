"""The round page in Debian's chromium, with the web app in production mode and a real Celery
worker on Redis: the coordinator starts a round for the demo district, the page shows it waiting
for a worker, then a stage in between with the bar part-way (the worker is held at a database
lock there), then the summary — all in the same page, which polls and never reloads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.accounts.models import User
from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD
from app.extensions import db
from app.matches.models import MatchingRound
from tests.app.browser import screenshot
from tests.app.live_server import serve
from tests.app.matches.pages import logged_in
from tests.app.matches.workers import holding_the_round_row, needs_redis, seeded_demo, wait_for

pytestmark = [pytest.mark.browser, needs_redis]

# The progress each stage stands at while it runs, and its label.
STAGES = {
    "10": ("loading", "Loading requests and offers"),
    "30": ("solving", "Computing the best matches"),
    "70": ("saving", "Saving the proposals"),
}


FULL_WIDTH = """() => {
    const outer = document.querySelector('#round-progress').getBoundingClientRect().width;
    return document.querySelector('#round-progress .progress-bar').getBoundingClientRect().width
        >= outer - 1;
}"""


@pytest.fixture
def site(web):
    with serve(web) as url:
        yield url


def demo_coordinator(web) -> User:
    with web.app_context():
        user = db.session.scalar(select(User).where(User.email == DEMO_LOGINS[Role.COORDINATOR]))
        user.locale = "en"
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def progress(page) -> str:
    return page.get_attribute("#round-progress", "aria-valuenow")


def test_the_bar_moves_and_the_summary_appears_without_a_reload(
    web, workers, browser, site, database_url
):
    district_id = seeded_demo(web)
    page = logged_in(browser, site, demo_coordinator(web), "en", password=DEMO_PASSWORD)
    page.goto(site + "/matches/rounds")
    page.select_option("#region_id", str(district_id))
    page.click("main form button[type=submit]")
    page.wait_for_selector("#round[data-status=queued]")
    round_id = int(re.search(r"/matches/rounds/(\d+)$", page.url).group(1))
    page.evaluate("window.sameDocument = 'still here'")  # gone if the page were reloaded
    assert progress(page) == "0"
    assert page.inner_text("#round-stage") == "Waiting for a worker"
    screenshot(page, "round-progress-1-waiting")

    workers()
    # Its first stage committed, so the lock below stops the worker at a stage in between (held
    # right after the claim, it would stop it at 0 %, which the page rightly shows as waiting).
    wait_for(web, round_id, {"running"}, min_progress=1)
    with holding_the_round_row(database_url, round_id):
        # A function, not an expression: Playwright evaluates an expression with eval, which the
        # Content-Security-Policy refuses.
        page.wait_for_function(
            "() => document.querySelector('#round-progress').ariaValueNow !== '0'"
        )
        shown = progress(page)
        assert shown in STAGES, shown
        stage, label = STAGES[shown]
        assert page.get_attribute("#stages [aria-current=step]", "data-stage") == stage
        assert page.inner_text("#round-stage") == label
        expect(page.locator("#summary")).to_have_count(0)
        screenshot(page, "round-progress-2-running")

    page.wait_for_selector("#summary", timeout=60_000)
    assert page.evaluate("window.sameDocument") == "still here"
    assert progress(page) == "100"
    assert page.get_attribute("#round", "data-status") == "finished"
    done = page.locator("#stages .text-bg-success").evaluate_all("items => items.length")
    assert done == 3  # loading, solving and saving behind, "done" current
    with web.app_context():
        matched = db.session.get(MatchingRound, round_id).matched
    assert f"{matched} pairs proposed" in page.inner_text("#summary")
    page.wait_for_function(FULL_WIDTH)  # the bar's width is animated; shoot it at the end
    screenshot(page, "round-progress-3-summary")
