"""In chromium on a phone: the person finds her data, downloads it as JSON, reads what erasure
deletes and keeps, erases, and reads the account of what was done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.profiles.models import Person
from tests.app.browser import PHONE, screenshot
from tests.app.builders import Builders
from tests.app.live_server import serve
from tests.app.privacy.rich import EMAIL, GIVEN
from tests.app.two_factor import pass_second_step_in_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", accept_downloads=True)
    yield context.new_page()
    context.close()


def test_person_downloads_her_data_then_erases_it(app, site, page, rich):
    page.goto(site + "/login")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(Builders.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_second_step_in_browser(page, EMAIL)
    page.goto(site + "/me")
    page.get_by_role("link", name="Your data, your rights").click()
    expect(page.get_by_role("heading", name="Your data, your rights")).to_be_visible()
    screenshot(page, "privacy-mine-en")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as JSON").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["tables"]["person"][0]["given_name"] == GIVEN
    # The PDF is asked for, made in the background (here: at once), and listed to download.
    page.get_by_role("button", name="Prepare a PDF").click()
    expect(page.get_by_text("The PDF is ready: it is the first in the list.")).to_be_visible()
    screenshot(page, "privacy-mine-pdf-en")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="Delete my account and all my data").click()
    deleted, kept = page.locator("[data-test=deleted]"), page.locator("[data-test=kept]")
    assert "Case file: notes: 1" in deleted.inner_text()
    assert "Case file: who read or changed it" in kept.inner_text()
    screenshot(page, "privacy-erase-en")
    page.get_by_label("Your password").fill(Builders.PASSWORD)
    page.get_by_label("I want to delete my account and all my data for good.").check()
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_role("heading", name="The data is erased")).to_be_visible()
    screenshot(page, "privacy-erased-en")
    with app.app_context():
        assert db.session.scalar(select(Person).where(Person.given_name == GIVEN)) is None


def test_coordinator_erases_a_person_kept_on_behalf(app, site, page, build):
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    coordinator = build.coordinator(build.organisation("Integration OS", district))
    person = build.refugee_person(district.children[0], "Warda", "Sulaimani")
    page.goto(site + "/login")
    page.get_by_label("E-mail address").fill(coordinator.email)
    page.get_by_label("Password").fill(Builders.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    pass_second_step_in_browser(page, coordinator.email)
    page.goto(f"{site}/people/{person.id}")
    page.get_by_role("link", name="Data and rights: export or erase").click()
    expect(page.get_by_role("button", name="PDF · العربية")).to_be_visible()
    screenshot(page, "privacy-on-behalf-en")
    page.get_by_role("link", name="Erase this person's data").click()
    page.get_by_label("Reason").fill("The person asked at the office on 2026-11-20.")
    page.get_by_label("I erase this person's data for good.").check()
    screenshot(page, "privacy-erase-on-behalf-en")
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_role("heading", name="The data is erased")).to_be_visible()
    with app.app_context():
        assert db.session.get(Person, person.id) is None
