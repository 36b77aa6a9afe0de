"""Signed, expiring tokens for e-mail confirmation and password reset.

A reset token also carries a fingerprint of the password hash, so it stops working once used.
"""

from __future__ import annotations

import hashlib
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

CONFIRM = "confirm-email"
RESET = "reset-password"


class InvalidToken(Exception):
    """The token is forged, expired or already used."""


def _serializer(secret_key: str, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=f"bruecke-{purpose}")


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def make_token(secret_key: str, purpose: str, payload: dict[str, Any]) -> str:
    return _serializer(secret_key, purpose).dumps(payload)


def read_token(secret_key: str, purpose: str, token: str, max_age: int) -> dict[str, Any]:
    try:
        payload = _serializer(secret_key, purpose).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired) as error:
        raise InvalidToken from error
    if not isinstance(payload, dict):
        raise InvalidToken
    return payload
