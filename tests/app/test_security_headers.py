"""Security headers: a strict policy and no caching on every page, download and error page; the
readable export keeps its own styles under a narrower policy; HSTS only when served securely; and
no template holds inline script or style (which the policy would block)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from app import create_app
from app.core.permissions import Role
from tests.app.conftest import app_config

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def assert_protected(response, **different: str) -> None:
    for name, value in {**EXPECTED, **different}.items():
        assert response.headers.get(name) == value, name
    assert "Strict-Transport-Security" not in response.headers


def test_a_page_carries_every_header(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert_protected(response)


def test_a_logged_in_page_and_its_download_are_not_kept(client, build, login):
    login(build.user(Role.REFUGEE))
    settings = client.get("/account")
    download = client.get("/me/data/export.json")
    assert (settings.status_code, download.status_code) == (200, 200)
    assert "attachment" in download.headers["Content-Disposition"]
    assert_protected(settings)
    assert_protected(download)


def test_error_pages_carry_every_header(client, build, login):
    assert_protected(client.get("/no-such-page"))
    login(build.user(Role.REFUGEE))
    forbidden = client.get("/admin/coordinators")
    assert forbidden.status_code == 403
    assert_protected(forbidden)


def test_static_assets_may_be_cached_but_are_not_sniffed(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_the_readable_export_allows_exactly_its_own_styles(client, build, login):
    login(build.user(Role.REFUGEE))
    response = client.get("/me/data/export.html")
    html = response.get_data(as_text=True)
    (css,) = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert response.headers["Content-Security-Policy"] == (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert "style=" not in html and "<script" not in html


@pytest.mark.parametrize(
    "secure", [{"SESSION_COOKIE_SECURE": True}, {"PREFERRED_URL_SCHEME": "https"}]
)
def test_hsts_only_when_the_site_is_served_securely(tmp_path, database_url, secure):
    secure_app = create_app(app_config(tmp_path, database_url, **secure))
    response = secure_app.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"


# Documents rendered for print (PDF) or delivered on their own with a policy of their own.
SELF_CONTAINED = {"casefile/documents/print.html", "privacy/document.html"}
INLINE = re.compile(
    r"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def test_no_template_holds_inline_script_or_style():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if str(path.relative_to(TEMPLATES)) not in SELF_CONTAINED
        for match in INLINE.finditer(path.read_text())
    ]
    assert found == []
