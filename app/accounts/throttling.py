"""How often a client may try a password or make the site send mail: every such rule in one place.

Failed logins slow down the attacked account (``LOGIN_ATTEMPTS`` per account, from anywhere). From
one client address only failures against existing accounts count (``LOGIN_ATTEMPTS_PER_CLIENT``):
wrong passwords typed for addresses nobody holds cannot lock out the other people behind the same
address. Behind a reverse proxy, ``PROXY_HOPS`` makes the client's own address the one counted.

Every form that sends mail (registration, password reset, a new confirmation link, invitations)
counts against ``MAIL_LIMIT_PER_CLIENT`` and, for the address written to,
``MAIL_LIMIT_PER_RECIPIENT``, so the site cannot be used to flood anybody's mailbox.

The counts live in Flask-Limiter's storage (``RATELIMIT_STORAGE_URI``: Redis with several web
processes); while Redis is down, in each process's memory (``app.core.degrade``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, request
from flask_limiter.util import get_remote_address
from limits import parse
from werkzeug.wrappers import Response

from app.accounts.services import find_user_by_email, normalise_email
from app.core.degrade import count_hit
from app.extensions import limiter

FAILED_LOGIN = 401

View = TypeVar("View", bound=Callable[..., object])


def client_address() -> str:
    return get_remote_address() or "unknown"


def _account_attempts() -> str:
    return str(current_app.config["LOGIN_ATTEMPTS"])


def _client_attempts() -> str:
    return str(current_app.config["LOGIN_ATTEMPTS_PER_CLIENT"])


def _account_key() -> str:
    return "login-account:" + normalise_email(request.form.get("email", ""))


def _client_key() -> str:
    return "login-client:" + client_address()


def _failed(response: Response) -> bool:
    return response.status_code == FAILED_LOGIN


def _failed_against_existing_account(response: Response) -> bool:
    return _failed(response) and find_user_by_email(request.form.get("email", "")) is not None


def login_limits(view: View) -> View:
    """Throttle a password form's failures (answered with 401) per account and per client."""
    per_account = limiter.limit(
        _account_attempts, key_func=_account_key, methods=["POST"], deduct_when=_failed
    )
    per_client = limiter.limit(
        _client_attempts,
        key_func=_client_key,
        methods=["POST"],
        deduct_when=_failed_against_existing_account,
    )
    return per_client(per_account(view))


def may_send_mail_to(recipient: str) -> bool:
    """Count one mail to ``recipient`` asked for by this client; False once a limit is reached.

    Counted whether or not the address has an account, so the answer reveals nothing.
    """
    config = current_app.config
    return count_hit(
        parse(str(config["MAIL_LIMIT_PER_CLIENT"])), "mail-client", client_address()
    ) and count_hit(
        parse(str(config["MAIL_LIMIT_PER_RECIPIENT"])), "mail-recipient", normalise_email(recipient)
    )
