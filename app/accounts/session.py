"""Sessions that really end: the login cookie names the user *and* their current session token.

Flask's cookie session cannot be revoked by itself, so ``User.get_id`` returns ``"<id>:<token>"``.
Logging out or changing the password replaces the token, and every cookie that carries the old one
(a copy kept by an attacker, another browser) is refused from then on.

``start_session`` and ``end_session`` are the only places that log a user in or out: each begins
a fresh session, so nothing from before (a CSRF token an attacker planted or read) carries over.
"""

from __future__ import annotations

import hmac

from flask import current_app, g, session
from flask_login import login_user, logout_user

from app.accounts.models import User
from app.core.i18n import SESSION_KEY
from app.extensions import db


def load_user_from_cookie(cookie_id: str) -> User | None:
    user_id, _, token = cookie_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def start_session(user: User, remember: bool = False) -> None:
    """Log ``user`` in on a fresh session, with a new CSRF token."""
    _fresh_session()
    login_user(user, remember=remember)


def end_session() -> None:
    """Log the current user out of this browser; the language they chose stays."""
    _fresh_session()
    logout_user()  # after the reset: it leaves the note that deletes the remember-me cookie


def _fresh_session() -> None:
    locale = session.get(SESSION_KEY)
    session.clear()  # Flask-WTF keeps its CSRF secret here
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)  # this request's copy
    if locale:
        session[SESSION_KEY] = locale
