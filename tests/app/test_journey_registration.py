"""A person registers as a volunteer, confirms by the mailed link, logs in and switches to Arabic;
the demo coordinator logs in. Driven through Debian's chromium on a phone-sized screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.demo.seed import DEMO_PASSWORD, seed_demo
from app.extensions import db
from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve
from tests.app.two_factor import pass_second_step_in_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    yield context.new_page()
    context.close()


def test_volunteer_registers_confirms_logs_in_and_reads_arabic(site, page, outbox):
    page.goto(site + "/register")
    page.get_by_label("Ihr Name").fill("Jana Kowalski")
    page.get_by_label("E-Mail-Adresse").fill("jana@example.org")
    page.get_by_label("Ich möchte mitmachen als").select_option("volunteer")
    page.get_by_label("Passwort", exact=True).fill("ein langes Geheimnis")
    page.get_by_label("Passwort wiederholen").fill("ein langes Geheimnis")
    page.get_by_label("Datenschutz", exact=False).check()
    screenshot(page, "registration-form-de")
    page.get_by_role("button", name="Registrieren").click()
    expect(page).to_have_url(re.compile(r"/login$"))

    page.goto(outbox.link_in_last_to("jana@example.org").replace("http://localhost", site))
    page.get_by_label("E-Mail-Adresse").fill("jana@example.org")
    page.get_by_label("Passwort", exact=True).fill("ein langes Geheimnis")
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/me$"))  # a new member starts with their profile
    expect(page.get_by_role("heading", name="Mein Profil")).to_be_visible()

    page.get_by_label("Sprache").select_option("ar")  # choosing alone changes nothing yet
    with page.expect_navigation():
        page.get_by_role("button", name="Ändern").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > PHONE["width"] / 2  # the brand sits on the right: the layout is mirrored
    screenshot(page, "volunteer-home-ar")


def test_demo_coordinator_logs_in_and_sees_the_district(app, site, page):
    with app.app_context():
        seed_demo()
        db.session.commit()
        in_district = people_in_the_demo_district()
    page.goto(site + "/login")
    page.get_by_label("E-Mail-Adresse").fill("coordinator@demo.example")
    page.get_by_label("Passwort", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    pass_second_step_in_browser(page, "coordinator@demo.example")
    page.goto(site + "/people/")
    expect(page.get_by_text(f"{in_district} Personen")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(25)  # the first page
    screenshot(page, "coordinator-people-de")


def people_in_the_demo_district() -> int:
    from sqlalchemy import func, select

    from app.accounts.models import Region
    from app.profiles.models import Person

    district = db.session.scalar(select(Region).where(Region.code == "03459"))
    towns = [child.id for child in district.children]
    return db.session.scalar(select(func.count(Person.id)).where(Person.region_id.in_(towns)))
