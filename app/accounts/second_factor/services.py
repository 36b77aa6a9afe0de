"""Writes: enrol, check a code, use and renew recovery codes, end a factor.

Services flush and never commit; the acting user is passed in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

import pyotp
import segno

from app.accounts.models import User
from app.accounts.second_factor import policy, queries
from app.accounts.second_factor.models import RecoveryCode, SecondFactor
from app.accounts.services import end_all_sessions
from app.core.db import utcnow
from app.extensions import db

ISSUER = "Brücke"
# Lower case letters and digits without the ones people confuse (0/o, 1/l/i).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10


class SecondFactorError(Exception):
    """The factor cannot be changed this way (none active, or staff trying to turn it off)."""


def start_enrolment(user: User, secret: str | None = None) -> SecondFactor:
    """Return the user's pending enrolment, or begin one with a new random secret."""
    pending = queries.get_pending_enrolment(user)
    if pending is not None:
        return pending
    factor = SecondFactor(user_id=user.id, secret=secret or pyotp.random_base32())
    db.session.add(factor)
    db.session.flush()
    return factor


def enrol_with_known_secret(user: User, secret: str) -> SecondFactor:
    """A confirmed factor with a secret known beforehand: for demo data only, whose secret is
    published so that anybody can try the demo logins."""
    db.session.flush()  # the user needs an id
    factor = start_enrolment(user, secret)
    factor.confirmed_at = utcnow()
    db.session.flush()
    return factor


def provisioning_uri(factor: SecondFactor, user: User) -> str:
    return pyotp.TOTP(factor.secret or "").provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(factor: SecondFactor, user: User, title: str) -> str:
    """The enrolment QR code as SVG markup to place in the page (no script, no data: URL)."""
    qr = segno.make(provisioning_uri(factor, user), error="m")
    return str(qr.svg_inline(scale=5, border=4, title=title, svgclass="qr-code"))


def confirm_enrolment(user: User, code: str, now: datetime | None = None) -> list[str] | None:
    """Activate the pending enrolment if ``code`` is right; return the new recovery codes.

    Every other session of the user ends: one that logged in with the password alone while the
    account had no factor must not pass the gate once the factor exists.
    """
    factor = queries.get_pending_enrolment(user)
    if factor is None or not _accept_code(factor, code, now):
        return None
    factor.confirmed_at = utcnow()
    end_all_sessions(user)
    return _new_recovery_codes(factor)


def verify(user: User, code: str, now: datetime | None = None) -> bool:
    """Check a code from the app, else a recovery code (which is used up by this)."""
    factor = queries.get_active_factor(user)
    if factor is None:
        return False
    return _accept_code(factor, code, now) or _use_recovery_code(factor, code)


def regenerate_recovery_codes(user: User) -> list[str]:
    """Replace every recovery code of the user's active factor; the old ones stop working."""
    factor = queries.get_active_factor(user)
    if factor is None:
        raise SecondFactorError
    factor.recovery_codes.clear()
    db.session.flush()
    return _new_recovery_codes(factor)


def turn_off(user: User) -> None:
    """The user ends their own factor (not staff: they must keep one)."""
    factor = queries.get_active_factor(user)
    if factor is None or not policy.may_turn_off(user):
        raise SecondFactorError
    _end(factor, user)


def reset(actor: User, user: User) -> SecondFactor:
    """An administrator ends ``user``'s factor (lost phone) and logs them out everywhere.

    The ended row keeps who reset it and when; staff must enrol again at their next login.
    """
    factor = queries.get_active_factor(user) or queries.get_pending_enrolment(user)
    if factor is None or not policy.may_reset_others(actor):
        raise SecondFactorError
    _end(factor, actor)
    end_all_sessions(user)
    return factor


def _end(factor: SecondFactor, actor: User) -> None:
    factor.ended_at = utcnow()
    factor.ended_by_id = actor.id
    factor.secret = None
    factor.recovery_codes.clear()
    db.session.flush()


def _accept_code(factor: SecondFactor, code: str, now: datetime | None) -> bool:
    step = _matching_step(factor.secret or "", _digits(code), now or datetime.now(UTC))
    if step is None or (factor.last_used_step is not None and step <= factor.last_used_step):
        return False
    factor.last_used_step = step
    db.session.flush()
    return True


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step (of the current one ± the window) whose code is ``code``, or None."""
    if not secret or len(code) != 6 or not (code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    window = range(current - policy.VALID_WINDOW, current + policy.VALID_WINDOW + 1)
    return next(
        (step for step in window if hmac.compare_digest(totp.generate_otp(step), code)), None
    )


def _use_recovery_code(factor: SecondFactor, code: str) -> bool:
    row = queries.find_recovery_code(factor, _hash(_normalise_recovery(code)))
    if row is None:
        return False
    row.used_at = utcnow()
    db.session.flush()
    return True


def _new_recovery_codes(factor: SecondFactor) -> list[str]:
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(policy.RECOVERY_CODE_COUNT)
    ]
    factor.recovery_codes.extend(RecoveryCode(code_hash=_hash(code)) for code in codes)
    db.session.flush()
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _digits(code: str) -> str:
    return "".join(code.split())


def _normalise_recovery(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch in RECOVERY_ALPHABET)


def _hash(code: str) -> str:
    # The codes are random (about 50 bits), so a fast hash without salt cannot be reversed by
    # guessing; a slow password hash would only make every login slower.
    return hashlib.sha256(code.encode()).hexdigest()
