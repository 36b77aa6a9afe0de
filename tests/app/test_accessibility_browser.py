"""Accessibility in Debian's chromium: axe-core (vendored, static/vendor/axe-core-*) finds no
violation of WCAG 2.0 / 2.1 level A or AA on any page a role of the demo district reaches.

The pages are found by crawling, not listed: from the role's start page every same-origin link is
followed (breadth first, up to a cap), so a new page is scanned as soon as a menu or a list links
to it. Pages that differ only in an id (``/matches/12`` and ``/matches/13``) are one pattern and
are scanned once. Each pattern is scanned in German on a 1280 px screen and in Arabic (right to
left) on a 390 px phone: the desktop bar with its contrast, and the phone with its scrolling
tables and collapsed menu. The second login step of the staff is scanned on the way in.

axe is injected as an init script (through the DevTools protocol, which the page's
Content-Security-Policy does not govern), so the policy stays on and the guard every browser test
uses still fails the test on a violation of it. Each role writes what it found to
tests/artifacts/axe-<role>.json.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, deque
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from tests.app.browser import ARTIFACTS, PHONE
from tests.app.live_server import SERVED, serve
from tests.app.two_factor import VERIFY_PATH, next_code

pytestmark = pytest.mark.browser

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"
AXE = VENDOR / "axe-core-4.14.1" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
# Each pattern in German on a desktop and in Arabic on a phone: both languages and both widths.
PASSES = (("de", DESKTOP), ("ar", PHONE))
PATTERNS_PER_ROLE = 45
DEPTH = 3
# Links that end the session, change the language, or answer with a file instead of a page.
NOT_FOLLOWED = ("/logout", "/language", "/download", "/static/", ".pdf", ".json", ".csv", ".ics")
ID_SEGMENT = re.compile(r"/(?:\d+|[0-9a-f-]{16,})(?=/|$)")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def pattern(url: str) -> str:
    """The page's route, ids replaced: one scan stands for every record of a kind."""
    return ID_SEGMENT.sub("/<id>", urlsplit(url).path)


class Scanner:
    """Scans pages with axe and keeps what it found, per pattern and pass."""

    def __init__(self) -> None:
        self.findings: list[dict[str, Any]] = []
        self.scanned = 0

    def scan(self, page: Any, label: str) -> None:
        violations = page.evaluate(RUN_AXE, WCAG_A_AA)
        self.scanned += 1
        self.findings.extend({"page": label, **violation} for violation in violations)

    def summary(self) -> Counter[tuple[str, str]]:
        return Counter((f["impact"], f["id"]) for f in self.findings)

    def report(self) -> str:
        lines = [
            f"{f['page']}: {f['impact']} {f['id']} ×{f['count']} ({f['help']}): "
            + " | ".join(f["nodes"])
            for f in self.findings
        ]
        return "\n".join(lines)


def links(page: Any, site: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    return [
        urldefrag(href).url
        for href in hrefs
        if href.startswith(site) and not any(part in href for part in NOT_FOLLOWED)
    ]


def is_html(response: Any) -> bool:
    return response is not None and "text/html" in response.headers.get("content-type", "")


def crawl(page: Any, site: str, scanner: Scanner, label: str) -> list[str]:
    """Breadth first from the start page; scans the first page of each new pattern and returns
    the address it scanned for each pattern."""
    seen: set[str] = set()
    visited: list[str] = []
    queue = deque([(site + "/", 0)])
    while queue and len(visited) < PATTERNS_PER_ROLE:
        url, depth = queue.popleft()
        if pattern(url) in seen:
            continue
        seen.add(pattern(url))
        if not is_html(page.goto(url)):
            continue
        visited.append(url)
        scanner.scan(page, f"{label} {pattern(url)}")
        if depth < DEPTH:
            queue.extend((link, depth + 1) for link in links(page, site))
    return visited


def choose_language(page: Any, site: str, locale: str) -> None:
    answer = page.request.post(site + "/language", form={"locale": locale, "next": "/"})
    assert answer.ok, answer.status


def log_in(page: Any, site: str, role: Role, scanner: Scanner, label: str) -> None:
    """The login form and, for the staff, the second step: both scanned on the way."""
    email = DEMO_LOGINS[role]
    page.goto(site + "/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: urlsplit(url).path != "/login")
    if urlsplit(page.url).path == VERIFY_PATH:
        scanner.scan(page, f"{label} {VERIFY_PATH}")
        page.fill("#code", next_code(SERVED[site], email))
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: urlsplit(url).path != VERIFY_PATH)


@pytest.fixture
def site(app):
    with app.app_context():
        seed_demo(date(2026, 11, 26))
        db.session.commit()
    with serve(app) as url:
        yield url


def test_the_vendored_axe_matches_its_checksum() -> None:
    sums = dict(
        reversed(line.split("  ")) for line in (VENDOR / "SHA256SUMS").read_text().splitlines()
    )
    name = f"{AXE.parent.name}/{AXE.name}"
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == sums[name]
    assert f"{AXE.parent.name}/LICENSE" in sums


@pytest.mark.parametrize("role", [None, *DEMO_LOGINS], ids=lambda role: role or "anonymous")
def test_no_page_of_any_role_violates_wcag_a_or_aa(browser, site, role):
    scanner = Scanner()
    addresses: list[str] = []
    for number, (locale, viewport) in enumerate(PASSES):
        context = browser.new_context(viewport=viewport, locale=locale)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        label = f"{locale}@{viewport['width']}"
        if role is not None:
            log_in(page, site, role, scanner, label)
        choose_language(page, site, locale)
        if number == 0:
            addresses = crawl(page, site, scanner, label)
        else:
            for url in addresses:
                page.goto(url)
                scanner.scan(page, f"{label} {pattern(url)}")
        assert page.evaluate("document.documentElement.lang") == locale
        context.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{role or 'anonymous'}.json").write_text(
        json.dumps(
            {
                "patterns": [pattern(url) for url in addresses],
                "scans": scanner.scanned,
                "violations": scanner.findings,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    assert len(addresses) > 3, addresses
    assert not scanner.findings, f"{dict(scanner.summary())}\n{scanner.report()}"
