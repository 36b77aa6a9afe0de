"""The demo district: knowledge answers and capacity figures are seeded, and the dashboard opens
in German and in Arabic (right to left) in Debian's chromium. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.core.permissions import Role
from app.demo.knowledge import demo_articles
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.evidence.models import CapacityFigure
from app.extensions import db
from app.knowledge.models import Article
from tests.app.browser import ARTIFACTS, PHONE, choose_language, screenshot
from tests.app.live_server import serve
from tests.app.two_factor import log_in, pass_second_step_in_browser

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo(app):
    with app.app_context():
        seed_demo(TODAY)
        db.session.commit()


def test_the_demo_has_answers_and_capacity_figures(app, client, demo):
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == len(demo_articles())
        assert db.session.scalar(select(func.count(CapacityFigure.id))) > 50
    page = client.get("/knowledge/?q=Anerkenung").get_data(as_text=True)
    assert "Berufsabschluss anerkennen" in page or "qualification recognised" in page
    assert "Arbeitshilfe" not in client.get("/knowledge/?q=Beschäftigungserlaubnis").get_data(
        as_text=True
    )


def test_the_demo_coordinator_sees_the_district(app, client, login, demo):
    log_in(client, app, DEMO_LOGINS[Role.COORDINATOR], DEMO_PASSWORD)
    response = client.get("/evidence/")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Landkreis Osnabrück" in page and page.count("<svg") == 5


@pytest.mark.browser
def test_dashboard_in_german_and_arabic(app, browser, demo):
    with serve(app) as site:
        for locale in ("de", "ar"):
            page = browser.new_context(viewport=PHONE, locale=locale).new_page()
            page.set_default_timeout(10_000)
            page.goto(site + "/login")
            page.fill("#email", DEMO_LOGINS[Role.COORDINATOR])
            page.fill("#password", DEMO_PASSWORD)
            page.click("main form button[type=submit]")
            pass_second_step_in_browser(page, DEMO_LOGINS[Role.COORDINATOR])
            page.goto(site + "/evidence/")
            if page.locator("html").get_attribute("lang") != locale:
                choose_language(page, locale)
            assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
            expect(page.locator("svg.chart")).to_have_count(5)
            screenshot(page, f"evidence-dashboard-{locale}")
            page.screenshot(path=str(ARTIFACTS / f"evidence-dashboard-{locale}-top.png"))
            page.goto(site + "/figures")
            screenshot(page, f"open-figures-{locale}")
            page.context.close()
