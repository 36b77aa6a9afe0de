"""Test support for the second factor: give an account a factor, make the code it accepts next,
and pass the second login step with a test client or a browser page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pyotp
from flask import Flask, has_app_context
from flask.testing import FlaskClient

from app.accounts.models import User
from app.accounts.second_factor import queries, services
from app.accounts.services import find_user_by_email
from app.extensions import db
from tests.app.live_server import SERVED

# Every builder-made member of staff shares this secret; tests that need their own pass one.
TEST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
VERIFY_PATH = "/login/verify"
ENROL_PATH = "/login/enrol"
RECOVERY_CODE = re.compile(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>")


def give_factor(user: User, secret: str = TEST_SECRET) -> list[str]:
    """A confirmed factor for ``user``, as if they had enrolled (inside an app context); returns
    their recovery codes."""
    services.enrol_with_known_secret(user, secret)
    return services.regenerate_recovery_codes(user)


def code_at(secret: str, when: datetime) -> str:
    return pyotp.TOTP(secret).at(when)


def next_code(app: Flask, email: str) -> str:
    """A code the account accepts now: a step not used yet within the accepted window.

    Tests log the same account in more often than a person could (several clients within one
    30-second step); when the window is used up, the account forgets its last step, as it would
    once a minute has passed.
    """
    if not has_app_context():
        with app.app_context():
            return next_code(app, email)
    user = find_user_by_email(email)
    factor = queries.get_active_factor(user) if user else None
    assert factor is not None and factor.secret, f"{email} has no second factor"
    totp = pyotp.TOTP(factor.secret)
    current = totp.timecode(datetime.now(UTC))
    # The current step (or the next, for a second login within it): the server accepts one step
    # either side, so a code sent a few seconds late under load still counts. The step before
    # would run out as soon as the clock ticks over while the request waits.
    step = current if factor.last_used_step is None else max(current, factor.last_used_step + 1)
    if step > current + 1:
        factor.last_used_step = None
        step = current
    db.session.commit()
    return totp.generate_otp(step)


def log_in(client: FlaskClient, app: Flask, email: str, password: str) -> Any:
    """The login form, then the code from the authenticator when the account asks for one."""
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    if response.location.endswith(VERIFY_PATH):
        return pass_second_step(client, app, email)
    return response


def pass_second_step(client: FlaskClient, app: Flask, email: str) -> Any:
    response = client.post(VERIFY_PATH, data={"code": next_code(app, email)})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def enrol_through_the_page(client: FlaskClient) -> tuple[str, list[str]]:
    """Scan (read the key off the page) and confirm; return the secret and recovery codes."""
    page = client.get(ENROL_PATH).get_data(as_text=True)
    assert re.search(r"<svg[^>]*><title>", page)  # drawn in the page, no script or data: URL
    secret = re.search(r'<code class="user-select-all">([A-Z2-7]+)</code>', page)
    assert secret is not None, page[:500]
    answer = client.post(ENROL_PATH, data={"code": pyotp.TOTP(secret.group(1)).now()})
    assert answer.status_code == 200
    codes = RECOVERY_CODE.findall(answer.get_data(as_text=True))
    assert len(codes) == 10
    return secret.group(1), codes


def pass_second_step_in_browser(page: Any, email: str) -> None:
    """After the password form was sent: type the code when the page asks for one."""
    page.wait_for_url(lambda url: urlsplit(url).path != "/login")
    parts = urlsplit(page.url)
    if parts.path == VERIFY_PATH:
        app = SERVED[f"{parts.scheme}://{parts.netloc}"]
        page.fill("#code", next_code(app, email))
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: urlsplit(url).path != VERIFY_PATH)
