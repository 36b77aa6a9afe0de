"""Password hashing (argon2) and the rules a new password must follow."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from app.core.i18n import format_number

MIN_LENGTH = 10
# RFC 9106's low-memory recommendation in production; the test suite may choose the cheapest
# profile (BRUECKE_PASSWORD_HASHING=cheapest) so that hundreds of logins take seconds, not minutes.
HASHERS = {
    "default": PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY),
    "cheapest": PasswordHasher.from_parameters(profiles.CHEAPEST),
}


def _hasher() -> PasswordHasher:
    profile = current_app.config.get("PASSWORD_HASHING", "default") if has_app_context() else None
    return HASHERS.get(profile or "default", HASHERS["default"])


# A few passwords that people choose most often; a longer list lives in any breach corpus.
COMMON = frozenset(
    {
        "1234567890",
        "passwort123",
        "password123",
        "qwertzuiop",
        "qwertyuiop",
        "0123456789",
        "hallo12345",
        "passwort1234",
        "password1234",
        "iloveyou123",
    }
)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, email: str) -> str | None:
    """Return why ``password`` is not acceptable, or None."""
    if len(password) < MIN_LENGTH:
        return str(
            _l("The password needs at least %(count)s characters.", count=format_number(MIN_LENGTH))
        )
    if password.lower() in COMMON or password.lower() == email.lower():
        return str(_l("This password is too easy to guess. Please choose another one."))
    return None
