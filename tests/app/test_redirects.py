"""Redirects never leave the site: every ``next`` goes through app.core.urls.safe_next_url."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.permissions import Role
from app.core.urls import safe_next_url

APP = Path(__file__).resolve().parents[2] / "app"
# Each of these leads a browser to evil.example when used as a Location.
FOREIGN = (
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "/\r\n/evil.example/",
    "javascript:alert(1)",
    "evil.example",
)


@pytest.mark.parametrize("target", FOREIGN)
def test_foreign_targets_are_refused(target):
    assert safe_next_url(target) is None


@pytest.mark.parametrize("target", ["/privacy", "/offers/?kind=advice&page=2", "/knowledge/7"])
def test_paths_on_the_site_are_kept(target):
    assert safe_next_url(target) == target


@pytest.mark.parametrize("target", FOREIGN)
def test_login_and_language_switch_stay_on_the_site(client, build, login, target):
    response = client.post("/language", data={"locale": "en", "next": target})
    assert response.status_code == 302 and "evil" not in response.location
    user = build.user(Role.REFUGEE)
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": user.email, "password": build.PASSWORD},
    )
    assert response.status_code == 302 and "evil" not in response.location


def test_no_view_redirects_to_the_referer():
    offenders = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if "request.referrer" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
