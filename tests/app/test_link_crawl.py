"""No link answers 403 or 404 to the person it is shown to.

As every demo role (and anonymous), the crawl starts at the start page of the demo district and
follows every same-site link it finds (GET only; never the logout or the language switch), by
the Flask test client rather than a browser. The pages are found by crawling, not listed. Links
that differ only in an id (``/people/12`` and ``/people/13``) are one pattern: from the pages of
one pattern a few links of each pattern are requested, so a button that works for one person and
not for the next is still found, and a few pages of each pattern are read for further links, so
the crawl stays cheap on a district of 400 people.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from tests.app.two_factor import log_in

SITE = "http://localhost"
# Links that end the session or change the language: not followed.
NOT_FOLLOWED = ("/logout", "/language")
ID_SEGMENT = re.compile(r"/(?:\d+|[0-9a-f-]{16,})(?=/|$)")
# Links of one pattern requested from pages of one pattern: the button on six people's pages.
REQUESTS_PER_PATTERN = 6
READ_PER_PATTERN = 6  # pages of one pattern read for further links
PAGES_PER_ROLE = 800
DEPTH = 4
BROKEN = (403, 404)


class Links(HTMLParser):
    """The href of every ``<a>`` on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def pattern(url: str) -> str:
    """The route with its ids replaced, and the names (not values) of its query."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return ID_SEGMENT.sub("/<id>", parts.path) + ("?" + "&".join(keys) if keys else "")


def same_site_links(page: str, base: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    found = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(base, href)).url
        if url.startswith(SITE + "/") and not any(part in url for part in NOT_FOLLOWED):
            found.append(url.removeprefix(SITE))
    return found


@dataclass
class Crawl:
    """One role's crawl: what it requested, and each broken link with the page it was shown on."""

    client: FlaskClient
    requested: set[str] = field(default_factory=set)
    per_pattern: Counter[tuple[str, str]] = field(default_factory=Counter)
    read: Counter[str] = field(default_factory=Counter)
    broken: list[tuple[int, str, str]] = field(default_factory=list)

    def run(self) -> None:
        queue: deque[tuple[str, str, int]] = deque([("/", "(start)", 0)])
        while queue and len(self.requested) < PAGES_PER_ROLE:
            url, shown_on, depth = queue.popleft()
            kind = (pattern(shown_on), pattern(url))
            if url in self.requested or self.per_pattern[kind] >= REQUESTS_PER_PATTERN:
                continue
            self.requested.add(url)
            self.per_pattern[kind] += 1
            response = self.client.get(url, follow_redirects=True)
            if response.status_code in BROKEN:
                if self.still_shown(url, shown_on):
                    self.broken.append((response.status_code, url, shown_on))
                continue
            if not self.worth_reading(url, response.content_type, depth):
                continue
            self.read[pattern(url)] += 1
            base = SITE + response.request.path
            for link in same_site_links(response.get_data(as_text=True), base):
                queue.append((link, url, depth + 1))

    def still_shown(self, url: str, shown_on: str) -> bool:
        """Is the link on its page still? A page visited since may have changed what it shows
        (opening the consent page starts the case file, which then needs a grant to export)."""
        page = self.client.get(shown_on, follow_redirects=True)
        return url in same_site_links(page.get_data(as_text=True), SITE + page.request.path)

    def worth_reading(self, url: str, content_type: str, depth: int) -> bool:
        return (
            depth < DEPTH
            and content_type.startswith("text/html")
            and self.read[pattern(url)] < READ_PER_PATTERN
        )


def crawl_as(app: Flask, role: Role | None) -> Crawl:
    client = app.test_client()
    if role is not None:
        log_in(client, app, DEMO_LOGINS[role], DEMO_PASSWORD)
    client.post("/language", data={"locale": "de", "next": "/"})
    crawl = Crawl(client)
    crawl.run()
    return crawl


@pytest.fixture
def demo(app: Flask) -> Flask:
    with app.app_context():
        seed_demo(date(2026, 11, 26))
        db.session.commit()
    return app


def test_no_link_any_role_is_shown_answers_403_or_404(demo: Flask) -> None:
    crawls = {role or "anonymous": crawl_as(demo, role) for role in (None, *DEMO_LOGINS)}
    reached = {name: len(crawl.requested) for name, crawl in crawls.items()}
    broken = [
        f"{name}: {status} {url}  (shown on {shown_on})"
        for name, crawl in crawls.items()
        for status, url, shown_on in crawl.broken
    ]
    assert all(count > 10 for count in reached.values()), reached
    assert not broken, "\n".join(broken)
