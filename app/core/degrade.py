"""Degrade, don't fail: what a request does when the database, the broker or Redis is down.

- The rate limiter counts in this process's memory while its Redis does not answer
  (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``): logins, registration and password resets keep
  working, still throttled; the log says so once, and Redis is used again once it answers.
- A page that cannot work without the database or the broker answers 503 in the user's language,
  after the request's transaction has been rolled back, so that a failed form stores nothing.
- That page is rendered without the database: the user counts as anonymous (loading them would
  query the users table) and the language comes from the session cookie or the browser.
"""

from __future__ import annotations

import logging
from contextlib import suppress

import kombu.exceptions
import redis.exceptions
from flask import Flask, Response, current_app, g, jsonify, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from limits import RateLimitItem
from limits.errors import StorageError
from sqlalchemy import exc as sql

from app.core.i18n import request_locale
from app.extensions import db, limiter, login_manager

logger = logging.getLogger(__name__)

UNAVAILABLE = 503
RETRY_AFTER_SECONDS = 120
# Flask-Limiter logs the switch to a logger without handlers; these go to the app's log.
FALLBACK_WARNING = "Rate limit storage does not answer: counting in this process's memory"
RECOVERY_WARNING = "Rate limit storage answers again: counting there"
STORAGE_DEAD = "bruecke.limiter_storage_dead"  # what the log said last, in app.extensions
MESSAGE = _l(
    "This page is temporarily unavailable. Nothing has been lost; please try again in a few "
    "minutes."
)

# Errors that say "a service we depend on does not answer", not "our code is wrong".
OUTAGES: tuple[type[BaseException], ...] = (
    sql.OperationalError,  # refused or dropped connection, unreadable SQLite file, lock timeout
    sql.DisconnectionError,
    sql.TimeoutError,  # every pooled connection busy for the pool's timeout
    kombu.exceptions.OperationalError,  # the broker, when a task is sent
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    StorageError,  # the rate limiter's Redis
)


def is_outage(error: BaseException | None) -> bool:
    if isinstance(error, sql.DBAPIError) and error.connection_invalidated:
        return True  # a disconnect the driver reported as another error class
    return isinstance(error, OUTAGES)


def count_hit(item: RateLimitItem, *identifiers: str) -> bool:
    """Count one hit against ``item``; False once its limit is reached.

    Flask-Limiter falls back to memory only for the limits it checks itself; a count taken in a
    view (``limiter.limiter.hit``) would otherwise fail with the storage. Here it falls back the
    same way, so that the next checks also go to memory until the storage answers again.
    """
    try:
        return limiter.limiter.hit(item, *identifiers)
    except StorageError:
        if limiter._storage_dead:  # the fallback itself failed: nothing left to fall back to
            raise
        limiter._storage_dead = True
        return limiter.limiter.hit(item, *identifiers)


def report_limiter_storage(response: Response) -> Response:
    """Log once when the limiter switches to memory, and once when it is back on its storage."""
    dead = bool(limiter._storage_dead)
    if dead != current_app.extensions.get(STORAGE_DEAD, False):
        current_app.extensions[STORAGE_DEAD] = dead
        logger.warning(FALLBACK_WARNING if dead else RECOVERY_WARNING)
    return response


def render_unavailable(error: BaseException) -> tuple[object, int, dict[str, str]]:
    """The 503 answer for ``error``: nothing of the request stored, no database needed."""
    logger.warning("%s %s answered 503: %s", request.method, request.path, _cause(error))
    with suppress(sql.SQLAlchemyError):  # whatever the request wrote goes, even half a form
        db.session.rollback()
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    # The error page must not load the user: their row is in the database that is down.
    g._login_user = login_manager.anonymous_user()
    with force_locale(request_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]):
        from app.core.errors import wants_json  # here: app.core.errors imports this module

        if wants_json():
            return jsonify(error=str(MESSAGE), status=UNAVAILABLE), UNAVAILABLE, headers
        page = render_template("errors/unavailable.html", message=MESSAGE)
    return page, UNAVAILABLE, headers


def _cause(error: BaseException) -> str:
    """The driver's first line, never SQLAlchemy's text (it quotes the statement's parameters,
    which may be personal data)."""
    cause = error.orig if isinstance(error, sql.DBAPIError) and error.orig else error
    first_line = (str(cause).splitlines() or [""])[0]
    return f"{type(cause).__module__}.{type(cause).__name__}: {first_line}"


def register(app: Flask) -> None:
    # Any other database error reaches the 500 handler, which asks ``is_outage`` too.
    for outage in OUTAGES:
        app.register_error_handler(outage, render_unavailable)
    app.after_request(report_limiter_storage)
