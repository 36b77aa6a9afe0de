"""Account services: registration, confirmation, login, password reset, sessions, invitations.

Services flush and never commit: the caller (a view or a task) owns the transaction.
"""

from __future__ import annotations

import secrets

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import Membership, Organisation, User, UserRole, new_session_token
from app.accounts.passwords import HASHERS, hash_password, verify_password
from app.accounts.tokens import (
    CONFIRM,
    RESET,
    InvalidToken,
    make_token,
    password_fingerprint,
    read_token,
)
from app.core.db import utcnow
from app.core.outbox import queue_mail
from app.core.permissions import Role
from app.extensions import db

# Verifying against a real hash when the account does not exist keeps the answer time the same,
# so the login form does not reveal which addresses are registered.
_DUMMY_HASH = HASHERS["default"].hash(secrets.token_urlsafe(16))


class EmailTaken(Exception):
    """An account with this e-mail address exists already."""

    def __init__(self, owner: User) -> None:
        super().__init__(owner.email)
        self.owner = owner


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def create_user(
    email: str, password: str, display_name: str, roles: set[Role], locale: str | None
) -> User:
    """Create an unconfirmed account holding ``roles``; raise EmailTaken for a known address."""
    password_hash = hash_password(password)  # first: a known address answers no faster
    owner = find_user_by_email(email)
    if owner is not None:
        raise EmailTaken(owner)
    user = User(
        email=normalise_email(email),
        password_hash=password_hash,
        display_name=display_name.strip(),
        locale=locale,
    )
    user.role_rows = [UserRole(role=role.value) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    return user


def grant_role(user: User, role: Role) -> None:
    if not user.has_role(role):
        user.role_rows.append(UserRole(role=role.value))
        db.session.flush()


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with these credentials, or None."""
    user = find_user_by_email(email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def end_all_sessions(user: User) -> None:
    """Invalidate every login cookie of ``user`` (logout, password change)."""
    user.session_token = new_session_token()
    db.session.flush()


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    end_all_sessions(user)


def change_password(user: User, current_password: str, new_password: str) -> bool:
    if not verify_password(user.password_hash, current_password):
        return False
    set_password(user, new_password)
    return True


def confirmation_token(secret_key: str, user: User) -> str:
    return make_token(secret_key, CONFIRM, {"uid": user.id, "email": user.email})


def confirm_email(secret_key: str, token: str, max_age: int) -> User:
    """Mark the account named by ``token`` as confirmed; raise InvalidToken if it is not valid."""
    payload = read_token(secret_key, CONFIRM, token, max_age)
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("email"):
        raise InvalidToken
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
    return user


def reset_token(secret_key: str, user: User) -> str:
    fingerprint = password_fingerprint(user.password_hash)
    return make_token(secret_key, RESET, {"uid": user.id, "pw": fingerprint})


def user_for_reset_token(secret_key: str, token: str, max_age: int) -> User:
    payload = read_token(secret_key, RESET, token, max_age)
    user = db.session.get(User, payload.get("uid"))
    if user is None or password_fingerprint(user.password_hash) != payload.get("pw"):
        raise InvalidToken
    return user


def reset_password(secret_key: str, token: str, max_age: int, password: str) -> User:
    user = user_for_reset_token(secret_key, token, max_age)
    set_password(user, password)
    if user.confirmed_at is None:
        # Following a link from the mailbox proves the address as well as confirming would.
        user.confirmed_at = utcnow()
    return user


def send_confirmation_mail(user: User, link: str) -> None:
    with force_locale(user.locale or "de"):
        subject = _("Please confirm your e-mail address")
        body = _(
            "Hello %(name)s,\n\nplease confirm your e-mail address for Brücke by opening this "
            "link:\n\n%(link)s\n\nIf you did not register, you can ignore this message.",
            name=user.display_name,
            link=link,
        )
    queue_mail(user.email, subject, body)


def send_reset_mail(user: User, link: str) -> None:
    with force_locale(user.locale or "de"):
        subject = _("Reset your password")
        body = _(
            "Hello %(name)s,\n\nsomeone asked to reset the password of your Brücke account. "
            "To choose a new password, open this link:\n\n%(link)s\n\n"
            "If it was not you, you can ignore this message; your password stays as it is.",
            name=user.display_name,
            link=link,
        )
    queue_mail(user.email, subject, body)


def send_registration_attempt_mail(owner: User, reset_link: str) -> None:
    """Tell the owner of an address that somebody tried to register it again."""
    with force_locale(owner.locale or "de"):
        subject = _("Someone tried to register with your e-mail address")
        body = _(
            "Hello %(name)s,\n\nsomeone tried to register on Brücke with this e-mail address, "
            "which already has an account. If it was you: to log in, choose a new password with "
            "this link:\n\n%(link)s\n\nIf it was not you, you can ignore this message; your "
            "account stays as it is.",
            name=owner.display_name,
            link=reset_link,
        )
    queue_mail(owner.email, subject, body)


def send_invitation_mail(user: User, organisation: Organisation, link: str) -> None:
    with force_locale(user.locale or "de"):
        subject = _("You are invited to coordinate on Brücke")
        body = _(
            "Hello %(name)s,\n\nyou have been invited to coordinate for %(organisation)s on "
            "Brücke. Choose your password with this link:\n\n%(link)s",
            name=user.display_name,
            organisation=organisation.name,
            link=link,
        )
    queue_mail(user.email, subject, body)


def invite_coordinator(
    email: str, display_name: str, organisation: Organisation, locale: str | None
) -> User:
    """Create (or extend) an account with the coordinator role in ``organisation``.

    The invited person sets their own password through the reset link they receive.
    """
    user = find_user_by_email(email)
    if user is None:
        user = create_user(email, secrets.token_urlsafe(32), display_name, set(), locale)
    elif not user.is_confirmed:
        _take_over_unconfirmed(user, display_name, locale)
    grant_role(user, Role.COORDINATOR)
    if not any(m.organisation_id == organisation.id for m in user.memberships):
        user.memberships.append(Membership(organisation=organisation))
    db.session.flush()
    return user


def _take_over_unconfirmed(user: User, display_name: str, locale: str | None) -> None:
    """The invitation replaces what an unconfirmed registration chose.

    Whoever registered the address never proved they read its mail: it may be somebody who
    expects the invitation. An unusable password, the inviter's name for the person and no
    self-chosen roles leave the invitation's link the only way in.
    """
    set_password(user, secrets.token_urlsafe(32))
    user.display_name = display_name.strip()
    user.locale = locale
    user.role_rows.clear()
    db.session.flush()
