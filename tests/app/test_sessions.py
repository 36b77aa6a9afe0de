"""Sessions really end: a cookie copied before logout or a password change is refused after."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from app import create_app
from app.core.permissions import Role
from tests.app.conftest import app_config


def copy_cookies(source, target) -> None:
    for cookie in source._cookies.values():
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def test_cookie_replayed_after_logout_is_refused(client, make_client, build, login):
    user = build.user(Role.VOLUNTEER)
    login(user)
    attacker = make_client()
    copy_cookies(client, attacker)
    assert attacker.get("/account").status_code == 200  # the copy works while the session lives

    client.post("/logout")
    response = attacker.get("/account")
    assert response.status_code == 302 and "/login" in response.location


def test_password_change_ends_other_sessions_but_not_this_one(client, make_client, build, login):
    user = build.user(Role.MENTOR)
    login(user)
    other_device = make_client()
    login(user, on=other_device)

    new = "another long passphrase"
    response = client.post(
        "/account/password",
        data={"current_password": build.PASSWORD, "password": new, "password_again": new},
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other_device.get("/account").status_code == 302


def test_wrong_current_password_changes_nothing(client, build, login):
    user = build.user(Role.MENTOR)
    login(user)
    response = client.post(
        "/account/password",
        data={
            "current_password": "not my password",
            "password": "x" * 12,
            "password_again": "x" * 12,
        },
    )
    assert response.status_code == 422
    assert "The current password is wrong." in response.get_data(as_text=True)


def test_remember_me_cookie_dies_with_the_session_token(client, make_client, build):
    user = build.user(Role.VOLUNTEER)
    client.post("/login", data={"email": user.email, "password": build.PASSWORD, "remember": "y"})
    remember = client.get_cookie("remember_token")
    assert remember is not None
    client.post("/logout")
    thief = make_client()
    thief.set_cookie("remember_token", remember.value)
    assert thief.get("/account").status_code == 302


def remember_cookie_header(client, user, password: str) -> str:
    response = client.post(
        "/login",
        data={"email": user.email, "password": password, "remember": "y"},
        base_url="https://localhost",
    )
    assert response.status_code == 302
    [header] = [
        h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token=")
    ]
    return header


def test_remember_me_cookie_is_same_site_http_only_and_lasts_14_days(client, build):
    header = remember_cookie_header(client, build.user(Role.VOLUNTEER), build.PASSWORD)
    assert "SameSite=Lax" in header and "HttpOnly" in header
    assert "Secure" not in header  # plain http in development
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", header).group(1))
    assert abs(expires - datetime.now(UTC) - timedelta(days=14)) < timedelta(minutes=5)


def test_remember_me_cookie_is_secure_when_session_cookies_are(session_dir, database_url, build):
    secure = create_app(
        app_config(session_dir / "instance", database_url, SESSION_COOKIE_SECURE=True)
    )
    header = remember_cookie_header(
        secure.test_client(), build.user(Role.VOLUNTEER), build.PASSWORD
    )
    assert "Secure" in header and "SameSite=Lax" in header


def csrf_token_on(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_a_csrf_token_from_before_the_login_is_refused_after_it(session_dir, database_url, build):
    protected = create_app(
        app_config(session_dir / "instance", database_url, WTF_CSRF_ENABLED=True)
    )
    browser = protected.test_client()
    user = build.user(Role.VOLUNTEER)
    before = csrf_token_on(browser, "/login")
    response = browser.post(
        "/login", data={"email": user.email, "password": build.PASSWORD, "csrf_token": before}
    )
    assert response.status_code == 302

    settings = {"display_name": "Renamed by a forged form", "locale": "en"}
    assert browser.post("/account", data={**settings, "csrf_token": before}).status_code == 400
    after = csrf_token_on(browser, "/account")
    assert browser.post("/account", data={**settings, "csrf_token": after}).status_code == 302


def test_only_the_session_module_logs_users_in_and_out():
    app_folder = Path(__file__).resolve().parents[2] / "app"
    callers = {
        str(path.relative_to(app_folder))
        for path in app_folder.rglob("*.py")
        if re.search(r"\b(login_user|logout_user)\b", path.read_text(encoding="utf-8"))
    }
    assert callers == {"accounts/session.py"}
