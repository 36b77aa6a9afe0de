"""Accessibility in Debian's chromium: axe-core (vendored, static/vendor/axe-core-*) finds no
violation of WCAG 2.0 / 2.1 level A or AA on any page a role of the demo district reaches.

The pages are found by crawling, not listed: from the role's start page every same-origin link is
followed (breadth first, up to a cap), so a new page is scanned as soon as a menu or a list links
to it. Pages that differ only in an id (``/matches/12`` and ``/matches/13``) are one pattern and
are scanned once, and a page that another role reached with the same layout is not scanned
again. Each pattern is scanned in German and in Arabic (right to left), each on a 1280 px screen
and on a 320 × 640 px phone: the desktop bar with its contrast, and the phone with its scrolling
tables and collapsed menu. The second login step of the staff is scanned on the way in.

Reflow (WCAG 1.4.10): on every page of the 320 px passes the document must not scroll sideways
(1 px allowed for rounding), and a table wider than the screen must sit in a focusable, named
scroll region (templates/macros/tables.html ``scroll_region``), and no visible element outside such
a region may stick out of the screen (in right to left, what sticks out on the right is cut off
rather than scrollable, so the document's width alone would not show it). Offenders, with the
elements that stick out, go to the same artifact as ``reflow`` and fail the test.

axe is injected as an init script (through the DevTools protocol, which the page's
Content-Security-Policy does not govern), so the policy stays on and the guard every browser test
uses still fails the test on a violation of it. What it found goes to
tests/artifacts/axe-crawl.json.

The same crawl keeps the HTML the server sent for every page it visited (and for each page it
scanned in Arabic); after the crawl the Nu Html Checker (tests/app/nu_checker.py) validates that
folder in one run and the test fails on any error it reports. The pages stay in
tests/artifacts/nu-pages/ to be looked at.

On every page it visits the crawl also reads each link's accessible name (axe's own computation)
and fails when two links with the same name lead to different places (WCAG 2.4.4: "Correct"
five times on one page, each for another entry, tells a screen reader's list of links nothing).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter, deque
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from tests.app.browser import ARTIFACTS
from tests.app.live_server import SERVED, serve
from tests.app.nu_checker import check_folder
from tests.app.two_factor import VERIFY_PATH, next_code

pytestmark = pytest.mark.browser

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"
AXE = VENDOR / "axe-core-4.14.1" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
# The narrowest screen WCAG 1.4.10 asks a page to reflow to (400 % of 1280 px).
NARROW = {"width": 320, "height": 640}
# Each pattern in German on a desktop and in Arabic on a phone: both languages and both widths.
PASSES = (("de", DESKTOP), ("ar", NARROW))
ROLES = (None, *DEMO_LOGINS)
PATTERNS_PER_ROLE = 80
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


# Links by accessible name (as axe computes it, case and spacing folded): each name whose links
# lead to more than one address, with those addresses.
SAME_NAME_OTHER_TARGET = """() => {
  axe.setup(document);  // the tree axe computes names from, as during a run
  const targets = new Map();
  for (const link of document.querySelectorAll("a[href]")) {
    if (link.closest("[aria-hidden=true]")) continue;
    // A link in a collapsed menu keeps its name: it is a link all the same once opened.
    const text = axe.commons.text.accessibleText(link, {includeHidden: true});
    const name = text.replace(/\\s+/g, " ").trim().toLowerCase();
    if (!targets.has(name)) targets.set(name, new Set());
    targets.get(name).add(link.href);
  }
  axe.teardown();
  return [...targets].filter(([, hrefs]) => hrefs.size > 1)
    .map(([name, hrefs]) => [name, [...hrefs]]);
}"""


# Sideways scrolling of the whole document (1 px allowed for rounding), every table wider than the
# screen that is not inside a focusable, named scroll region, and the outermost visible elements
# that stick out of the screen outside such a region (what to fix).
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const inRegion = (e) => e.closest(".scroll-region[tabindex='0'][role=region][aria-label]");
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + [...e.classList].map((c) => "." + c).join("");
  const tables = [...document.querySelectorAll("table")]
    .filter((t) => t.getBoundingClientRect().width > width + 1 && !inRegion(t))
    .map((t) => `${describe(t)} ${Math.round(t.getBoundingClientRect().width)} px`);
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    if (inRegion(e) || out.some((o) => o.contains(e))) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(e).visibility === "hidden") continue;
    if (r.right > width + 1 || r.left < -1) out.push(e);
  }
  return {
    scrollWidth: root.scrollWidth, clientWidth: width,
    sideways: root.scrollWidth > width + 1, tables,
    elements: out.slice(0, 5).map((e) => {
      const r = e.getBoundingClientRect();
      return `${describe(e)} [${Math.round(r.left)}, ${Math.round(r.right)}]`;
    }),
  };
}"""


# Right to left, what keeps its own direction (dir="auto": names, towns, what people typed) must
# hold nothing else: an element mixing the page's Arabic words with a German name takes the
# direction of whichever comes first, and a name first sets the Arabic words left to right
# (isolate the name with <bdi> instead). Arabic text quoting a German term is right to left, fine.
# And no definition in a grid takes the browser's indent on either side, which pushed a German town
# below its Arabic label.
MIXED_DIRECTIONS = """() => {
  if (document.documentElement.dir !== "rtl") return {mixed: [], indented: []};
  const arabic = /[\\u0600-\\u06FF\\u0750-\\u077F\\uFB50-\\uFDFF\\uFE70-\\uFEFF]/;
  const latin = /[A-Za-zÄÖÜäöüß]/;
  const shown = (e) => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
  };
  const mixed = [...document.querySelectorAll("[dir=auto]")]
    .filter((e) => !["INPUT", "TEXTAREA", "SELECT"].includes(e.tagName))
    .filter((e) => getComputedStyle(e).direction === "ltr")
    .map(shown).filter((text) => arabic.test(text) && latin.test(text));
  const indented = [...document.querySelectorAll("dl.row > dd")]
    .filter((e) => {
      const style = getComputedStyle(e);
      return style.marginLeft !== "0px" || style.marginRight !== "0px";
    })
    .map(shown);
  return {mixed, indented};
}"""


# The structure of the page's main content, without its text: one role's page that looks like
# another's differs only in words, which axe's rules here do not judge.
SKELETON = """() => {
  const main = document.querySelector("main") || document.body;
  return [...main.querySelectorAll("*")]
    .map((e) => `${e.tagName}.${e.className}[${e.getAttribute("role") || ""}]`).join(" ");
}"""


def pattern(url: str) -> str:
    """The page's route, ids replaced: one scan stands for every record of a kind."""
    return ID_SEGMENT.sub("/<id>", urlsplit(url).path)


class Scanner:
    """Scans pages with axe and keeps what it found. A page whose route and whose main content's
    structure (its elements, classes and roles; not its text) were scanned already, for another
    role, is not scanned again: each role's own navigation is scanned on its start page."""

    def __init__(self, pages: Path) -> None:
        self.findings: list[dict[str, Any]] = []
        self.scans: Counter[str] = Counter()
        self.layouts: set[tuple[str, str]] = set()
        self.pages = pages
        self.saved: dict[str, str] = {}
        self.same_names: list[str] = []
        self.too_wide: list[dict[str, Any]] = []
        self.mixed_directions: list[str] = []

    def keep(self, response: Any, label: str) -> None:
        """Keep the HTML the server sent, for the Nu Html Checker after the crawl."""
        name = f"{len(self.saved):04d}-{re.sub(r'[^A-Za-z0-9]+', '-', label).strip('-')}.html"
        (self.pages / name).write_bytes(response.body())
        self.saved[name] = label

    def read_link_names(self, page: Any, label: str) -> None:
        """Each accessible name that two links of the page share while leading elsewhere."""
        for name, hrefs in page.evaluate(SAME_NAME_OTHER_TARGET):
            self.same_names.append(f"{label}: «{name}» → {', '.join(sorted(hrefs))}")

    def check_reflow(self, page: Any, label: str) -> None:
        """The page fits the screen's width, nothing sticks out of it; a wider table scrolls in its
        own region."""
        found = page.evaluate(OVERFLOW)
        if found["sideways"] or found["tables"] or found["elements"]:
            self.too_wide.append({"page": label, **found})

    def check_directions(self, page: Any, label: str) -> None:
        """Right to left: nothing isolated mixes the page's words with a name, no indented fact."""
        found = page.evaluate(MIXED_DIRECTIONS)
        self.mixed_directions += [f"{label}: mixes directions: «{text}»" for text in found["mixed"]]
        self.mixed_directions += [f"{label}: indented: «{text}»" for text in found["indented"]]

    def is_new(self, page: Any) -> bool:
        layout = (pattern(page.url), page.evaluate(SKELETON))
        if layout in self.layouts and layout[0] != "/":
            return False
        self.layouts.add(layout)
        return True

    def scan(self, page: Any, label: str) -> None:
        violations = page.evaluate(RUN_AXE, WCAG_A_AA)
        self.scans[label.split(maxsplit=1)[0]] += 1
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


def crawl(page: Any, site: str, scanner: Scanner, label: str) -> tuple[list[str], list[str]]:
    """Breadth first from the start page, one visit per pattern; scans each page whose layout is
    new. Returns the patterns visited and the addresses scanned."""
    seen: set[str] = set()
    scanned: list[str] = []
    queue = deque([(site + "/", 0)])
    while queue and len(seen) < PATTERNS_PER_ROLE:
        url, depth = queue.popleft()
        if pattern(url) in seen:
            continue
        seen.add(pattern(url))
        response = page.goto(url)
        if not is_html(response):
            continue
        scanner.keep(response, f"{label} {pattern(url)}")
        scanner.read_link_names(page, f"{label} {pattern(url)}")
        if scanner.is_new(page):
            scanned.append(url)
            scanner.scan(page, f"{label} {pattern(url)}")
        if depth < DEPTH:
            queue.extend((link, depth + 1) for link in links(page, site))
    return sorted(seen), scanned


def choose_language(page: Any, site: str, locale: str) -> None:
    answer = page.request.post(site + "/language", form={"locale": locale, "next": "/"})
    assert answer.ok, answer.status


def log_in(page: Any, site: str, role: Role, scanner: Scanner, label: str) -> None:
    """The login form and, for the staff, the second step: both scanned on the way."""
    email = DEMO_LOGINS[role]
    page.goto(site + "/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: urlsplit(url).path != "/login")
    if urlsplit(page.url).path == VERIFY_PATH:
        scanner.keep(navigation.value, f"{label} {VERIFY_PATH}")
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


def scan_role(browser: Any, site: str, role: Role | None, scanner: Scanner) -> list[str]:
    """One login per role: the crawl in German at 1280 px, then the pages it scanned in Arabic at
    320 px (each checked for reflow too), in Arabic at 1280 px and in German at 320 px (reflow
    too). Returns the patterns the role reached."""
    page = browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()
    page.context.add_init_script(path=str(AXE))
    name = role or "anonymous"
    if role is not None:
        log_in(page, site, role, scanner, f"de@1280/{name}")
    choose_language(page, site, "de")
    reached, scanned = crawl(page, site, scanner, f"de@1280/{name}")
    if role is None:
        scanner.keep(page.goto(site + "/no-such-page"), f"de@1280/{name} 404")  # the error page
        scanner.scan(page, f"de@1280/{name} 404")
    page.set_viewport_size(NARROW)
    choose_language(page, site, "ar")
    for url in scanned:
        label = f"ar@320/{name} {pattern(url)}"
        scanner.keep(page.goto(url), label)
        scanner.read_link_names(page, label)
        scanner.scan(page, label)
        scanner.check_reflow(page, label)
        scanner.check_directions(page, label)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    # The other two of the four (language × screen): Arabic on the desktop bar (contrast and
    # layout right to left), German on the phone (long compound words must wrap).
    page.set_viewport_size(DESKTOP)
    for url in scanned:
        page.goto(url)
        scanner.scan(page, f"ar@1280/{name} {pattern(url)}")
    page.set_viewport_size(NARROW)
    choose_language(page, site, "de")
    for url in scanned:
        label = f"de@320/{name} {pattern(url)}"
        page.goto(url)
        scanner.scan(page, label)
        scanner.check_reflow(page, label)
    page.context.close()
    return reached


def saved_pages_folder() -> Path:
    folder = ARTIFACTS / "nu-pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def test_every_page_any_role_reaches_passes_axe_the_nu_checker_link_names_and_reflow(browser, site):
    """axe and the link names on every page while crawling, reflow on every page at 320 px; then
    the Nu Html Checker once over every page kept."""
    scanner = Scanner(saved_pages_folder())
    patterns = {role or "anonymous": scan_role(browser, site, role, scanner) for role in ROLES}
    html_errors = check_folder(scanner.pages)
    (ARTIFACTS / "axe-crawl.json").write_text(
        json.dumps(
            {
                "patterns": patterns,
                "scans": scanner.scans,
                "violations": scanner.findings,
                "html_pages": len(scanner.saved),
                "html_errors": [str(error) for error in html_errors],
                "same_link_names": scanner.same_names,
                "reflow": scanner.too_wide,
                "directions": scanner.mixed_directions,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    assert all(len(found) > 3 for found in patterns.values()), patterns
    assert len(scanner.saved) > sum(len(found) for found in patterns.values()) / 2
    assert not scanner.findings, f"{dict(scanner.summary())}\n{scanner.report()}"
    assert not html_errors, "Nu Html Checker:\n" + "\n".join(map(str, html_errors))
    assert not scanner.same_names, "Same link text, other target:\n" + "\n".join(scanner.same_names)
    assert not scanner.mixed_directions, "Right to left:\n" + "\n".join(scanner.mixed_directions)
    assert not scanner.too_wide, "Does not fit 320 px:\n" + "\n".join(
        f"{wide['page']}: {wide['scrollWidth']} of {wide['clientWidth']} px;"
        f" tables outside a region {wide['tables']}; sticking out {wide['elements']}"
        for wide in scanner.too_wide
    )
