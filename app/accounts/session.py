"""Sessions that really end: the login cookie names the user *and* their current session token.

Flask's cookie session cannot be revoked by itself, so ``User.get_id`` returns ``"<id>:<token>"``.
Logging out or changing the password replaces the token, and every cookie that carries the old one
(a copy kept by an attacker, another browser) is refused from then on.
"""

from __future__ import annotations

import hmac

from app.accounts.models import User
from app.extensions import db


def load_user_from_cookie(cookie_id: str) -> User | None:
    user_id, _, token = cookie_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user
