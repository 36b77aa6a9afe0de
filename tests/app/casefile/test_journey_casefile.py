"""In Debian's chromium on a phone-sized screen: a newcomer (Arabic interface) allows the
integration office to see the file; the coordinator adds and corrects an entry; the newcomer
sees who looked, withdraws, and the coordinator's next page load finds nothing.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from playwright.sync_api import expect

from app.casefile.models.status import LIFECYCLE_LABELS, LifecycleStatus
from app.extensions import db
from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve
from tests.app.two_factor import pass_second_step_in_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def site(app, world):
    with app.app_context():
        user = db.session.merge(world.newcomer)
        user.locale = "ar"
        db.session.commit()
    with serve(app) as url:
        yield url


def logged_in(browser, site, user, locale):
    page = browser.new_context(viewport=PHONE, locale=locale).new_page()
    page.set_default_timeout(10_000)
    page.goto(site + "/login")
    page.fill("#email", user.email)
    page.fill("#password", "correct horse battery")
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, user.email)
    return page


def test_consent_entry_correction_audit_and_withdrawal(app, browser, site, world):
    newcomer = logged_in(browser, site, world.newcomer, "ar")
    newcomer.goto(site + "/me/file/access")
    assert newcomer.locator("html").get_attribute("dir") == "rtl"
    newcomer.select_option("#organisation_id", str(world.office.id))
    newcomer.select_option("#purpose", "counselling")
    newcomer.click("main form:not([action]) button[type=submit]")
    expect(newcomer.locator("#grant-1")).to_have_count(1)
    screenshot(newcomer, "casefile-1-consent-ar")

    coordinator = logged_in(browser, site, world.coordinator, "en")
    coordinator.goto(f"{site}/people/{world.person.id}")
    coordinator.click("main >> text=Case file")
    screenshot(coordinator, "casefile-2a-overview")
    coordinator.click("#section-status >> text=History and changes")
    coordinator.click("#kind-status >> text=Add")
    coordinator.select_option("#status", "naturalised")
    coordinator.fill("#since", "2026-10-01")
    coordinator.click("main form button[type=submit]")
    coordinator.click(f"#status-{world.entries['status']} >> text=Correct")
    coordinator.fill("#since", "2025-05-09")
    coordinator.click("main form button[type=submit]")
    expect(coordinator.locator(f"#status-{world.entries['status']} s")).to_have_count(2)
    assert "corrected on" in coordinator.inner_text(f"#status-{world.entries['status']}")
    screenshot(coordinator, "casefile-2-status-history")

    newcomer.goto(site + "/me/file")
    with app.app_context(), force_locale("ar"):  # she reads Arabic
        naturalised = str(LIFECYCLE_LABELS[LifecycleStatus.NATURALISED])
    assert naturalised in newcomer.inner_text("main")
    screenshot(newcomer, "casefile-3a-own-file-ar")
    newcomer.goto(site + "/me/file/audit")
    assert "Clara Coordinator" in newcomer.inner_text("main")
    screenshot(newcomer, "casefile-3-audit-ar")
    newcomer.goto(site + "/me/file/access")
    newcomer.click("#grant-1 button[type=submit]")

    response = coordinator.goto(f"{site}/people/{world.person.id}/file/status")
    assert response.status == 404
    screenshot(coordinator, "casefile-4-after-withdrawal")
