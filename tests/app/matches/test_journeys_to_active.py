"""Issue 15: every journey reaches its real end — a match active on both sides — on a phone in
Debian's chromium, including matches with people the office keeps on behalf (no account), whose
answer the coordinator records. Two journeys, to keep the browser's CPU time small:

1. A newcomer asks for a mentor in Arabic; the coordinator's round proposes a mentor and the
   coordinator approves; the newcomer sees what she needs to decide and accepts; the mentor
   accepts; the match is active for both, with contact details.
2. The coordinator matches an employer's job and an adviser's start-up advice with two people
   without an account by hand; the employer accepts, the adviser accepts, and the coordinator
   records each person's answer (by phone, in person); both matches become active.

Screenshots go to tests/artifacts/journey-*.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.matches.models import AnswerOnBehalf, Proposal
from app.offers.models import Request
from tests.app.browser import screenshot
from tests.app.live_server import serve
from tests.app.matches.pages import (
    as_newcomer,
    district_office,
    kept_on_behalf,
    logged_in,
    proposal_of,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def test_newcomer_in_arabic_and_mentor_reach_an_active_match(app, build, offers, browser, site):
    district, bramsche, coordinator = district_office(build)
    amina_user = build.user(Role.REFUGEE, name="Amina Haddad", locale="ar")
    amina = as_newcomer(app, offers.person(amina_user, bramsche, "Amina", languages=("ar", "de")))
    jana_user = build.user(Role.MENTOR, name="Jana Kowalski", locale="de")
    jana = offers.person(jana_user, bramsche, "Jana", languages=("de", "ar"))
    offers.offer(
        jana,
        bramsche,
        kind="mentoring",
        title="Tandem: Ankommen in Bramsche, Behördengänge und Formulare",
        capacity=1,
    )
    offers.weekly_times(jana, (1, 10 * 60, 12 * 60))  # Tuesdays 10–12, like Amina

    newcomer = logged_in(browser, site, amina_user, "ar")
    newcomer.goto(site + "/requests/new")
    newcomer.fill("#topic", "مساعدة في الأوراق الرسمية")
    newcomer.check("input[name=languages][value=ar]")
    newcomer.click("main form button[type=submit]")
    expect(newcomer).to_have_url(re.compile(r"/requests/mine$"))
    screenshot(newcomer, "journey-newcomer-1-request-ar")

    office = logged_in(browser, site, coordinator, "de")
    office.goto(site + "/matches/rounds")
    office.select_option("#region_id", str(district.id))
    office.click("main form button[type=submit]")
    office.wait_for_selector("#summary")
    office.goto(site + "/matches/queue")
    with app.app_context():
        request_id = db.session.scalar(select(Request.id).where(Request.person_id == amina.id))
    match = proposal_of(app, request_id)
    office.click(f"#proposal-{match.id} button.btn-success")
    office.wait_for_selector(".alert-success")
    screenshot(office, "journey-newcomer-2-coordinator-approved-de")

    newcomer.goto(site + "/matches/mine")
    card = newcomer.locator(f"#match-{match.id}")
    facts = card.locator(".match-facts").inner_text()
    for shown in ("Bramsche", "الألمانية", "10:00–12:00"):  # place, Jana's German, her times
        assert shown in facts, shown
    assert "Kowalski" not in card.inner_text() and jana_user.email not in card.inner_text()
    expect(card.locator(".match-state")).to_have_text("بانتظار إجابتك")
    assert_title_and_name_on_lines_of_their_own(card)
    screenshot(newcomer, "journey-newcomer-3-decides-ar")
    card.locator("button[value=accept]").click()
    expect(card.locator(".match-state")).to_have_text("لقد وافقت · بانتظار Jana")
    screenshot(newcomer, "journey-newcomer-4-accepted-ar")

    mentor = logged_in(browser, site, jana_user, "de")
    mentor.goto(site + "/matches/mine")
    mentor.click(f"#match-{match.id} button[value=accept]")
    mentor.wait_for_selector(f"#match-{match.id} .contact")
    assert amina_user.email in mentor.inner_text(f"#match-{match.id} .contact")
    screenshot(mentor, "journey-mentor-active-de")
    newcomer.goto(site + "/matches/mine")
    assert jana_user.email in newcomer.inner_text(f"#match-{match.id} .contact")
    screenshot(newcomer, "journey-newcomer-5-active-ar")
    assert proposal_of(app, request_id).status == "active"


def assert_title_and_name_on_lines_of_their_own(card) -> None:
    """A German title wrapping in the Arabic card must not share a line with the name: right to
    left the two would trade places on that line. Both start at the card's right edge."""
    title, name = (card.locator(f".match-title > span[dir] >> nth={i}") for i in (0, 1))
    title_box, name_box = title.bounding_box(), name.bounding_box()
    body = card.locator(".card-body").bounding_box()
    assert title_box and name_box and body
    assert title_box["height"] > 30, "the long title wraps on a phone"
    assert name_box["y"] >= title_box["y"] + title_box["height"] - 1
    right = body["x"] + body["width"]
    for box in (title_box, name_box):
        assert right - (box["x"] + box["width"]) < 20, "aligned to the card's right edge"
    for span in (title, name):
        words_right = span.evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " const b = [...r.getClientRects()]; return Math.max(...b.map(x => x.right)); }"
        )
        assert right - words_right < 20, "the words themselves start on the right"
    # Every fact stands beside its label, also a German town in the Arabic list.
    for label, value in zip(
        card.locator(".match-facts > dt").all(),
        card.locator(".match-facts > dd").all(),
        strict=True,
    ):
        label_box, value_box = label.bounding_box(), value.bounding_box()
        assert label_box and value_box
        assert abs(label_box["y"] - value_box["y"]) < 2, value.inner_text()
        assert value_box["x"] + value_box["width"] <= label_box["x"] + 1, value.inner_text()


def record_answer(office, site, match_id: int, name: str, channel: str, shot: str) -> None:
    """The coordinator opens the approved matches and records the answer ``name`` gave."""
    office.goto(site + "/matches/queue?status=approved")
    office.click(f"#proposal-{match_id} a.record-answer")
    expect(office.locator("h1")).to_contain_text(name)
    office.check("input[name=answer][value=accept]")
    office.select_option("#channel", channel)
    screenshot(office, shot)
    office.click("main form button[type=submit]")
    office.wait_for_selector(".alert-success")


def test_employer_and_adviser_matches_with_people_without_an_account_become_active(
    app, build, offers, browser, site
):
    _district, bramsche, coordinator = district_office(build)
    employer_user = build.user(Role.EMPLOYER, name="Bäckerei Möller", locale="de")
    employer = offers.person(employer_user, bramsche, "Petra", languages=("de",))
    job = offers.offer(employer, bramsche, kind="job", title="Bäckereihilfe", capacity=1)
    adviser_user = build.user(Role.ADVISER, name="Gründungsberatung", locale="en")
    adviser = offers.person(adviser_user, bramsche, "Tarek", languages=("de", "ar"))
    advice = offers.offer(adviser, bramsche, kind="advice", title="Gründen in Bramsche")
    _, job_request = kept_on_behalf(app, offers, bramsche, "Layla", "job")
    _, advice_request = kept_on_behalf(app, offers, bramsche, "Omar", "advice")

    office = logged_in(browser, site, coordinator, "de")
    for request, offer in ((job_request, job), (advice_request, advice)):
        office.goto(site + "/matches/manual")
        office.fill("#request_id", str(request.id))
        office.fill("#offer_id", str(offer.id))
        office.click("main form button[type=submit]")
        office.wait_for_selector(".alert-success")
    screenshot(office, "journey-coordinator-1-matched-by-hand-de")
    job_match = proposal_of(app, job_request.id)
    advice_match = proposal_of(app, advice_request.id)

    # The employer sees what Layla brings and accepts; Layla said yes on the phone.
    bakery = logged_in(browser, site, employer_user, "de")
    bakery.goto(site + "/matches/mine")
    card = bakery.locator(f"#match-{job_match.id}")
    assert "Bramsche" in card.locator(".match-facts").inner_text()
    card.locator("button[value=accept]").click()
    expect(card.locator(".match-state")).to_have_text("Sie haben zugestimmt · wartet auf Layla")
    screenshot(bakery, "journey-employer-1-accepted-de")
    office.goto(site + "/matches/queue?status=approved")
    expect(office.locator(f"#proposal-{job_match.id} .match-state")).to_have_text(
        "Petra hat zugestimmt · wartet auf Layla"
    )
    record_answer(office, site, job_match.id, "Layla", "phone", "journey-coordinator-2-record-de")
    assert "aktiv" in office.inner_text(".alert-success")
    bakery.goto(site + "/matches/mine")
    expect(card.locator(".match-state")).to_have_text("Aktiv")
    assert "Fachdienst Integration" in card.locator(".contact").inner_text()  # how to reach Layla
    screenshot(bakery, "journey-employer-2-active-de")

    # Omar said yes at the office first; then the adviser accepts.
    record_answer(
        office, site, advice_match.id, "Omar", "in_person", "journey-coordinator-3-record-de"
    )
    office.goto(site + "/matches/queue?status=approved")
    assert "Omar" in office.inner_text(f"#proposal-{advice_match.id} .recorded-answers")
    screenshot(office, "journey-coordinator-4-recorded-de")
    counsel = logged_in(browser, site, adviser_user, "en")
    counsel.goto(site + "/matches/mine")
    counsel.click(f"#match-{advice_match.id} button[value=accept]")
    counsel.wait_for_selector(f"#match-{advice_match.id} .contact")
    screenshot(counsel, "journey-adviser-active-en")

    with app.app_context():
        statuses = {p.id: p.status for p in db.session.scalars(select(Proposal))}
        assert statuses == {job_match.id: "active", advice_match.id: "active"}
        channels = {r.proposal_id: r.channel for r in db.session.scalars(select(AnswerOnBehalf))}
        assert channels == {job_match.id: "phone", advice_match.id: "in_person"}
