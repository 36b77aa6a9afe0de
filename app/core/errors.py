"""Error pages in the user's language; bad input is a 4xx with a clear message, never a 500."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from app.core import degrade
from app.extensions import db

MESSAGES = {
    400: _l("The request could not be understood. Please check what you entered."),
    403: _l("You are not allowed to see this page."),
    404: _l("This page does not exist, or you are not allowed to see it."),
    405: _l("This action is not possible here."),
    413: _l("The file is too large."),
    429: _l("Too many attempts. Please wait a few minutes and try again."),
    500: _l(
        "Something went wrong on our side. Nothing you entered has been lost; please try again."
    ),
}


class DomainError(Exception):
    """A change the rules of a domain do not allow; ``message`` says why in the user's language.

    Views that have a better place to say it (a flash on the page the person came from) catch it;
    one that escapes a view is answered here, with ``status`` and the message, never a 500."""

    status = 409  # Conflict: the request is well formed, the state of things refuses it

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message  # a lazy translation, rendered in the language of whoever reads it


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def render_error(code: int, message: str | None = None) -> tuple[object, ...]:
    text = message or str(MESSAGES.get(code, MESSAGES[400]))
    if wants_json():
        return jsonify(error=text, status=code), code
    try:
        return render_template("errors/error.html", code=code, message=text), code
    except Exception as error:
        if degrade.is_outage(error):  # the layout loads the user: the database is down
            return degrade.render_unavailable(error)
        raise


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[object, int]:
        return render_error(
            400, str(_l("The form has expired. Please reload the page and submit it again."))
        )

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError) -> Response:
        # A Host outside TRUSTED_HOSTS: no page, since no link on it could be built.
        return Response(str(MESSAGES[400]), 400, mimetype="text/plain")

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> tuple[object, ...]:
        db.session.rollback()  # nothing the refused action wrote is kept
        return render_error(error.status, str(error.message))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> object:
        if error.response is not None:  # worded by whoever raised it (a limit's on_breach)
            return error.response
        return render_error(error.code or 500)

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[object, ...]:
        cause = getattr(error, "original_exception", None)
        if degrade.is_outage(cause):  # e.g. raised after the view, where no handler applies
            return degrade.render_unavailable(cause)
        return render_error(500)

    degrade.register(app)
