"""On a phone the case file is many screens long (8,400 px in the demo, issue 15): a list of
its sections at the top jumps to each one. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest

from app.casefile.access.policy import Section
from tests.app.browser import ARTIFACTS, PHONE, screenshot
from tests.app.builders import Builders
from tests.app.live_server import serve

pytestmark = pytest.mark.browser


def test_the_sections_list_jumps_to_each_section_on_a_phone(app, browser, world):
    with serve(app) as site:
        page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
        page.set_default_timeout(20_000)
        page.goto(site + "/login")
        page.fill("#email", world.newcomer.email)
        page.fill("#password", Builders.PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: not url.endswith("/login"))
        page.goto(site + "/me/file")
        jump = page.locator("nav.casefile-jump a")
        assert jump.count() == len(Section)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "casefile-jump-phone-top")
        for section in (Section.NOTES, Section.QUALIFICATIONS):
            page.click(f"nav.casefile-jump a[href='#section-{section.value}']")
            # Bootstrap scrolls smoothly: wait until the section has arrived near the top.
            page.wait_for_function(
                """([id, height]) => {
                  const top = document.getElementById(id).getBoundingClientRect().top;
                  return top >= 0 && top < height / 2;
                }""",
                arg=[f"section-{section.value}", PHONE["height"]],
            )
        # The screen as the phone shows it after the jump (not the whole page).
        page.screenshot(path=str(ARTIFACTS / "casefile-jump-phone-qualifications.png"))
