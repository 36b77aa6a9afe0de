"""The person opens their progress report in Arabic in Debian's chromium, prints it as PDF and
finds the printout in the list. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest

from tests.app.browser import PHONE, screenshot
from tests.app.builders import Builders
from tests.app.casefile.document_world import GOAL_JOB, build_document_world
from tests.app.casefile.pdf_reading import pdf_text
from tests.app.live_server import serve
from tests.app.offers.builders import OfferBuilders


@pytest.mark.browser
def test_the_person_reads_and_prints_their_report_in_arabic(app, build, browser):
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="ar")
    with serve(app) as site:
        page = browser.new_context(viewport=PHONE, locale="ar").new_page()
        page.set_default_timeout(20_000)
        page.goto(site + "/login")
        page.fill("#email", docs.person_user.email)
        page.fill("#password", Builders.PASSWORD)
        page.click("main form button[type=submit]")
        page.goto(site + "/me/file/report")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator(".level-chart svg circle").count() == 3
        assert GOAL_JOB in page.inner_text("main")
        screenshot(page, "report-page-ar")

        page.select_option("#kind", "report")
        page.click("form.card button[type=submit]")
        link = page.locator("#documents a[href$='.pdf']")
        assert link.count() == 1
        screenshot(page, "documents-page-ar")
        pdf = page.request.get(site + link.get_attribute("href")).body()
        assert GOAL_JOB in pdf_text(pdf)
        page.context.close()
