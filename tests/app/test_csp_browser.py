"""The Content-Security-Policy in Debian's chromium: the guard every browser test uses sees a
violation, and a crawl of the demo district's pages, for every role, logs none (charts, menus,
the language chooser and the readable data export included). Screenshots go to tests/artifacts/."""

from __future__ import annotations

from collections import deque
from datetime import date
from urllib.parse import urldefrag, urlsplit

import pytest

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from tests.app.browser import CspGuard, GuardedBrowser, choose_language, screenshot
from tests.app.live_server import serve
from tests.app.two_factor import pass_second_step_in_browser

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# Enough to reach every page of the menus and one of each kind behind them.
PAGES_PER_ROLE = 30
DEPTH = 2
# Links that end the session, or answer with a file to save instead of a page.
NOT_FOLLOWED = ("/logout", "/download", ".pdf", ".json", ".csv", ".ics", ".xlsx")


@pytest.fixture
def site(app):
    with app.app_context():
        seed_demo(date(2026, 11, 26))
        db.session.commit()
    with serve(app) as url:
        yield url


def links(page, site: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    return [
        urldefrag(href).url
        for href in hrefs
        if href.startswith(site) and not any(part in href for part in NOT_FOLLOWED)
    ]


def crawl(page, site: str) -> list[str]:
    """Breadth first from the start page; one page per path (a page's ?page=2 is that page)."""
    seen: set[str] = set()
    visited: list[str] = []
    queue = deque([(site + "/", 0)])
    while queue and len(visited) < PAGES_PER_ROLE:
        url, depth = queue.popleft()
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        page.goto(url)
        visited.append(path)
        if depth < DEPTH:
            queue.extend((link, depth + 1) for link in links(page, site))
    return visited


def log_in(page, site: str, role: Role) -> None:
    page.goto(site + "/login")
    page.fill("#email", DEMO_LOGINS[role])
    page.fill("#password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, DEMO_LOGINS[role])


def test_an_inline_style_on_a_page_of_the_site_fails_the_guard(app, chromium):
    """The guard on its own (not the test's): an injected inline style and an inline script are
    blocked by the policy and reported, and ``check`` then fails."""
    guard = CspGuard()
    guarded = GuardedBrowser(chromium, guard)
    with serve(app) as site:
        page = guarded.new_page()
        page.goto(site + "/login")
        page.evaluate(
            """() => {
                const box = document.createElement("div");
                box.innerHTML = '<p style="color: red">styled</p><img src=x onerror="alert(1)">';
                document.body.append(box);
            }"""
        )
        page.wait_for_timeout(200)
        guarded.close()
    assert any("style-src" in text for text in guard.violations), guard.violations
    assert any("script-src" in text for text in guard.violations), guard.violations
    with pytest.raises(pytest.fail.Exception):
        guard.check()


@pytest.mark.parametrize("role", [None, *DEMO_LOGINS])
def test_no_page_of_any_role_violates_the_policy(browser, site, role):
    page = browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()
    if role is not None:
        log_in(page, site, role)
    visited = crawl(page, site)
    assert len(visited) > 3, visited
    # The language chooser and a right-to-left page with its stylesheet.
    choose_language(page, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The guard fails the test afterwards on any violation on any of these pages.


def test_the_readable_export_shows_under_its_own_policy(browser, site):
    page = browser.new_context(viewport=DESKTOP, locale="en-GB").new_page()
    log_in(page, site, Role.REFUGEE)
    page.goto(site + "/me/data/export.html")
    # Its own styles apply: the headings carry the rule line the document's <style> gives them.
    border = page.eval_on_selector("h2", "h => getComputedStyle(h).borderBottomStyle")
    assert border == "solid"
    screenshot(page, "csp-readable-export")


def test_styles_survive_the_policy_on_the_dashboard(browser, site):
    page = browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()
    log_in(page, site, Role.COORDINATOR)
    page.goto(site + "/evidence/")
    chart = page.locator("svg.chart").first
    assert chart.evaluate("svg => getComputedStyle(svg).maxWidth") == "544px"  # 34rem
    navbar = page.locator("nav.navbar")
    assert navbar.evaluate("nav => getComputedStyle(nav).backgroundColor") != "rgba(0, 0, 0, 0)"
    screenshot(page, "csp-dashboard-coordinator")
