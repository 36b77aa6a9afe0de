"""Browser helpers for the match tests."""

from __future__ import annotations

from tests.app.browser import PHONE
from tests.app.builders import Builders
from tests.app.two_factor import pass_second_step_in_browser


def logged_in(browser, site, user, locale: str, password: str = Builders.PASSWORD):
    """A new phone-sized page, logged in as ``user`` through the login form."""
    page = browser.new_context(viewport=PHONE, locale=locale).new_page()
    page.set_default_timeout(15_000)
    page.goto(site + "/login")
    page.fill("#email", user.email)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, user.email)
    return page
