"""Every request: an id, one log line when it ends, and its count and latency in the metrics.

The line holds method, path without the query string (a query may hold a name or an e-mail
address), status, duration and the user's id — never their e-mail address or name.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, g, request, request_finished, request_started
from werkzeug.wrappers import Response

from app.core.observability import metrics
from app.core.observability.request_id import HEADER, accept_or_generate, bind, unbind

log = logging.getLogger("bruecke.request")


def register(app: Flask) -> None:
    request_started.connect(_started, app)
    request_finished.connect(_finished, app)
    # Registered first, so it runs last: teardown functions run in reverse order, and a task a
    # later teardown sends (after the commit) still carries the id.
    app.teardown_request(_forget)


def _started(app: Flask, **_extra: Any) -> None:
    # A proxy in front (PROXY_HOPS) may give the id it logged itself; a client may not.
    trusted = int(app.config["PROXY_HOPS"]) > 0
    g.request_id = accept_or_generate(request.headers.get(HEADER), trusted)
    g.request_id_token = bind(g.request_id)
    g.request_started = time.perf_counter()


def _finished(app: Flask, response: Response, **_extra: Any) -> None:
    started = g.get("request_started")
    if started is None:
        return
    seconds = time.perf_counter() - started
    response.headers[HEADER] = g.request_id
    endpoint = request.url_rule.endpoint if request.url_rule else "none"
    metrics.observe_request(endpoint, request.method, response.status_code, seconds)
    log.info(
        "%s %s %s %.1fms",
        request.method,
        request.path,
        response.status_code,
        seconds * 1000,
        extra={
            "method": request.method,
            "path": request.path,
            "endpoint": endpoint,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": _user_id(),
        },
    )


def _user_id() -> int | None:
    # Only a user the request already loaded: loading one here would query the database for
    # every static file, and fail while the database is down.
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    # The primary key, not get_id(): that may be a session token.
    user_id = getattr(user, "id", None)
    return int(user_id) if user_id is not None else None


def _forget(_error: BaseException | None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        unbind(token)
