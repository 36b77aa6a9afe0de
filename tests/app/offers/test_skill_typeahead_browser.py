"""Type-ahead for an offer's skills (issue 15): the comma-separated field proposes skills of the
taxonomy for the part being typed, keeping the skills before it, on a phone. Screenshot goes to
tests/artifacts/."""

from __future__ import annotations

import pytest

from tests.app.browser import PHONE, screenshot
from tests.app.builders import Builders
from tests.app.live_server import serve

pytestmark = pytest.mark.browser

OPTIONS = "() => [...document.querySelectorAll('#skill-suggestions option')].map(o => o.value)"
# A function (not an expression): the page's Content-Security-Policy forbids eval.
OFFERED = """(wanted) => [...document.querySelectorAll('#skill-suggestions option')]
  .some(o => o.value === wanted)"""


def test_the_skills_of_an_offer_are_proposed_while_typing(app, browser, world):
    with serve(app) as site:
        page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
        page.set_default_timeout(20_000)
        page.goto(site + "/login")
        page.fill("#email", world.employer.email)
        page.fill("#password", Builders.PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: not url.endswith("/login"))
        assert page.request.post(site + "/language", form={"locale": "de", "next": "/"}).ok
        page.goto(site + "/offers/new")
        skills = page.locator("#skills")
        assert skills.get_attribute("list") == "skill-suggestions"
        skills.press_sequentially("schwei")
        page.wait_for_function(OFFERED, arg="Schweißer/in")
        skills.fill("")
        skills.press_sequentially("Schweißen, Stap")
        page.wait_for_function(OFFERED, arg="Schweißen, Staplerfahrer/in")
        assert all(o.startswith("Schweißen, ") for o in page.evaluate(OPTIONS))
        screenshot(page, "offer-skills-typeahead-phone")
