"""A coordinator on a phone sets up the second factor from the QR page, then logs in with it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from app.core.permissions import Role
from tests.app.browser import PHONE, screenshot
from tests.app.builders import Builders
from tests.app.live_server import serve

pytestmark = pytest.mark.browser


def test_a_coordinator_enrols_on_a_phone_and_logs_in_with_a_code(app, browser, build):
    user = build.user(Role.COORDINATOR, second_factor=False, locale="de")
    with serve(app) as site:
        page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
        page.set_default_timeout(15_000)
        page.goto(site + "/login")
        page.fill("#email", user.email)
        page.fill("#password", Builders.PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/login/enrol")
        expect(page.get_by_role("heading", name="Zweiten Faktor einrichten")).to_be_visible()
        expect(page.locator("main svg.qr-code")).to_be_visible()
        screenshot(page, "second-factor-enrol-phone")
        secret = page.locator("main code").inner_text()
        page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Einschalten").click()
        expect(page.get_by_role("heading", name="Ihre Wiederherstellungscodes")).to_be_visible()
        expect(page.locator("main li")).to_have_count(10)
        page.get_by_role("link", name="Ich habe sie sicher aufbewahrt").click()
        page.goto(site + "/people/")
        expect(page).to_have_url(re.compile(r"/people/$"))

        page.context.clear_cookies()
        page.goto(site + "/login")
        page.fill("#email", user.email)
        page.fill("#password", Builders.PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/login/verify")
        later = pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30))
        page.get_by_label("Code").fill(later)
        page.get_by_role("button", name="Bestätigen").click()
        page.wait_for_url(site + "/")
        page.goto(site + "/people/")
        expect(page).to_have_url(re.compile(r"/people/$"))
