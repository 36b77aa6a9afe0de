"""Two journeys on a phone-sized screen in Debian's chromium:
a volunteer signs up as a mentor and offers tandems; a newcomer completes a profile in Arabic
and requests a mentor. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.offers.models import Offer, Request
from app.profiles.models import Person
from tests.app.browser import phone_page, screenshot
from tests.app.live_server import serve

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def site(app, build):
    build.district("Landkreis Osnabrück", ("Bramsche", "Melle", "Quakenbrück"))
    with serve(app) as url:
        yield url


def register_and_log_in(page, site, outbox, email: str, role: str) -> None:
    """Register through the form, follow the mailed link, log in (labels in any language)."""
    page.goto(site + "/register")
    page.fill("#display_name", "Test Person")
    page.fill("#email", email)
    page.select_option("#role", role)
    page.fill("#password", "ein langes Geheimnis")
    page.fill("#password_again", "ein langes Geheimnis")
    page.check("#accept_privacy")
    page.click("main form button[type=submit]")
    page.goto(outbox.link_in_last_to(email).replace("http://localhost", site))
    page.fill("#email", email)
    page.fill("#password", "ein langes Geheimnis")
    page.click("main form button[type=submit]")


def fill_about_me(page, given: str, family: str, languages: list[tuple[str, str]]) -> None:
    page.fill("#given_name", given)
    page.fill("#family_name", family)
    page.fill("#postcode", "49565")
    page.fill("#max_km", "15")
    for index, (code, level) in enumerate(languages):
        page.select_option(f"#languages-{index}-code", code)
        page.select_option(f"#languages-{index}-level", level)
    page.fill("#skills-0-text", "Schneid")
    page.fill("#weekly-0-start", "18:00")
    page.fill("#weekly-0-end", "20:00")


def test_volunteer_signs_up_and_offers_tandems(app, site, browser, outbox, tmp_path):
    page = phone_page(browser, "de-DE")
    register_and_log_in(page, site, outbox, "jana@example.org", "mentor")
    page.goto(site + "/me")
    page.click("main a[href$='/me/edit']")
    fill_about_me(page, "Jana", "Kowalski", [("de", "native"), ("en", "B2")])
    screenshot(page, "mentor-about-me-de")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/me$"))

    page.goto(site + "/me/helping")
    page.check("input[value=language_cafe]")
    page.fill("#hours_per_week", "3")
    page.fill("#tandem_capacity", "2")
    page.fill("#certificate_issued_on", "2026-10-01")
    scan = Path(tmp_path) / "führungszeugnis.pdf"
    scan.write_bytes(PDF)
    page.set_input_files("#certificate_file", str(scan))
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/me$"))
    expect(page.get_by_text("Sprachcafé", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name="Mein veröffentlichtes Angebot: Sprachcafé")
    ).to_be_visible()
    screenshot(page, "mentor-profile-de")

    with app.app_context():
        jana = db.session.scalar(select(Person).where(Person.given_name == "Jana"))
        offer = db.session.scalar(
            select(Offer).where(Offer.owner_id == jana.id, Offer.kind == "mentoring")
        )
        assert (offer.capacity, offer.status) == (2, "published")
    page.goto(site + f"/offers/{offer.id}")
    expect(page.get_by_text("Bramsche").first).to_be_visible()


def test_newcomer_completes_profile_in_arabic_and_requests_a_mentor(app, site, browser, outbox):
    page = phone_page(browser, "ar")
    register_and_log_in(page, site, outbox, "amina@example.org", "refugee")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.goto(site + "/me/edit")
    fill_about_me(page, "أمينة", "حداد", [("ar", "native"), ("de", "A2")])
    page.select_option("#gender", "female")
    screenshot(page, "newcomer-about-me-ar")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/me$"))

    page.goto(site + "/me/newcomer")
    for goal in ("german_course", "job", "mentor"):
        page.check(f"input[value={goal}]")
    page.select_option("#preferred_mentor_gender", "female")
    page.select_option("#right_to_work", "allowed")
    page.click("main form button[type=submit]")
    screenshot(page, "newcomer-profile-ar")

    page.goto(site + "/requests/new")
    page.fill("#topic", "مساعدة في الأوراق الرسمية")
    page.check("input[name=languages][value=ar]")
    page.select_option("#mentor_gender", "female")
    screenshot(page, "newcomer-request-ar")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/requests/mine$"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "newcomer-requests-ar")

    with app.app_context():
        amina = db.session.scalar(select(Person).where(Person.family_name == "حداد"))
        assert amina.town == "Bramsche" and amina.region.name == "Bramsche"
        assert {goal.goal for goal in amina.goals} == {"german_course", "job", "mentor"}
        [request] = db.session.scalars(select(Request).where(Request.person_id == amina.id))
        assert request.kind == "mentoring" and request.status == "open"
