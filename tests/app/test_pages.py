"""Every paged list reads its page number through app.core.pages: a probe never answers 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.pages import MAX_PAGE, page_number

APP = Path(__file__).resolve().parents[2] / "app"
PROBES = ("99999999999999999999999", str(2**63), "-3", "0", "", "abc", "1e9", " 2 ")


@pytest.mark.parametrize(
    ("arg", "expected"),
    [(None, 1), ("", 1), ("0", 1), ("-7", 1), ("abc", 1), ("3", 3), (str(10**30), MAX_PAGE)],
)
def test_page_number_is_always_a_valid_page(arg, expected):
    assert page_number(arg) == expected


@pytest.fixture
def coordinator(build):
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    build.refugee_person(district.children[0])
    return build.coordinator(build.organisation("Fachdienst Integration", district))


@pytest.mark.parametrize("path", ["/people/", "/requests/", "/offers/"])
def test_any_page_argument_answers_a_page(client, login, coordinator, path):
    login(coordinator)
    for probe in PROBES:
        response = client.get(path, query_string={"page": probe})
        assert response.status_code == 200, (path, probe)


def test_no_view_reads_the_page_argument_by_itself():
    offenders = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if path.name != "pages.py" and '"page", 1, type=int' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
