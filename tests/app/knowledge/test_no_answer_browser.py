"""A search without an answer on a phone, in German and Arabic: the page passes axe-core, fits
the screen, and leads on – a topic opens its answers, the mail to the office carries the
question."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.demo.knowledge import add_demo_articles
from app.extensions import db
from tests.app.browser import PHONE, screenshot
from tests.app.live_server import serve

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[3] / "static" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
RUN_AXE = """async () => (await axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"],
})).violations.map((v) => v.id + ": " + v.help)"""
TOPIC = {"de": "Wohnen", "ar": "السكن"}


@pytest.fixture
def site(app, build):
    district = build.district("Landkreis Osnabrück")
    editor = build.coordinator(build.organisation("Fachdienst Integration"))
    with app.app_context():
        add_demo_articles(
            db.session.merge(editor), {}, db.session.merge(district), date(2026, 11, 26)
        )
        db.session.commit()
    with serve(app) as url:
        yield url


@pytest.mark.parametrize("locale", ["de", "ar"])
def test_a_search_without_an_answer_leads_to_topics_and_the_office(browser, site, locale):
    page = browser.new_context(viewport=PHONE, locale=locale).new_page()
    page.context.add_init_script(path=str(AXE))
    page.goto(f"{site}/knowledge/?q=Qwertzuiop")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(RUN_AXE) == []
    mail = page.locator("[data-mark=no-answer] a[href*='body=']")
    assert "body=Qwertzuiop" in (mail.get_attribute("href") or "")
    screenshot(page, f"knowledge-no-answer-phone-{locale}")
    page.locator("[data-mark=no-answer] nav a", has_text=TOPIC[locale]).click()
    expect(page.locator(".card-title").first).to_be_visible()
    assert "topic=housing" in page.url
    assert page.locator(".card-title").count() == 5
