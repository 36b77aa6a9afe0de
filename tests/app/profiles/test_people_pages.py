"""The people list is paged by the shared pagination macro, and its links keep the filters."""

from __future__ import annotations

import re

from app.profiles.queries import PAGE_SIZE


def page_links(html: str) -> dict[str, str]:
    """The pagination's links by their text (Previous / Next)."""
    found = re.findall(r'<a class="page-link" href="([^"]+)">(\w+)</a>', html)
    return {text: href.replace("&amp;", "&") for href, text in found}


def test_people_pages_keep_the_filters(client, build, login, district):
    office = build.organisation("Fachdienst Integration", district)
    for number in range(PAGE_SIZE + 1):
        build.refugee_person(district.children[0], f"Person{number:02d}", "Paged")
    build.refugee_person(district.children[0], "Amina", "Haddad")
    login(build.coordinator(office))
    english = {"Accept-Language": "en"}

    first = client.get("/people/?q=paged&role=newcomer", headers=english).get_data(as_text=True)
    assert "Page 1 of 2" in first
    assert page_links(first) == {"Next": "/people/?q=paged&role=newcomer&page=2"}

    second = client.get(page_links(first)["Next"], headers=english).get_data(as_text=True)
    assert "Page 2 of 2" in second and "Haddad" not in second
    assert page_links(second) == {"Previous": "/people/?q=paged&role=newcomer&page=1"}


def test_one_page_shows_no_pagination(client, build, login, district):
    office = build.organisation("Fachdienst Integration", district)
    build.refugee_person(district.children[0])
    login(build.coordinator(office))
    html = client.get("/people/").get_data(as_text=True)
    assert "page-item" not in html
