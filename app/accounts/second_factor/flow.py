"""The login between the password and the session: the pending state, and the one place a login
completes.

After the right password a user with a factor is only *pending*: the session holds their id and
session token (so a password change in between voids it), where to go next and when the password
step passed. Nothing else treats them as logged in.
"""

from __future__ import annotations

import hmac
import time
from typing import Any

from flask import session, url_for

from app.accounts.models import User
from app.accounts.second_factor import policy, queries
from app.accounts.session import start_session
from app.core.i18n import SESSION_KEY
from app.extensions import db

PENDING_KEY = "second_factor_pending"


def after_password(user: User, *, remember: bool, destination: str) -> str:
    """The URL to go to once ``user``'s password was right; logs in when no code is needed."""
    if queries.has_active_factor(user):
        session[PENDING_KEY] = {
            "user_id": user.id,
            "token": user.session_token,
            "remember": remember,
            "next": destination,
            "at": time.time(),
        }
        return url_for("second_factor.verify")
    finish_login(user, remember)
    if policy.requires_second_factor(user):
        return url_for("second_factor.enrol")
    return destination


def pending_login() -> tuple[User, dict[str, Any]] | None:
    """The user whose password step passed in this session (recently), with the pending state."""
    state = session.get(PENDING_KEY)
    if not isinstance(state, dict) or time.time() - state.get("at", 0) > policy.PENDING_SECONDS:
        return None
    user = db.session.get(User, state.get("user_id"))
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(user.session_token, str(state.get("token", ""))):
        return None
    return user, state


def forget_pending() -> None:
    session.pop(PENDING_KEY, None)


def finish_login(user: User, remember: bool) -> None:
    """The one place where a login completes: every step the account needs has passed.

    ``start_session`` begins a fresh session (the pending state and any CSRF token from before go).
    """
    start_session(user, remember=remember)
    if user.locale:
        session[SESSION_KEY] = user.locale
