"""The start page, the language chooser, the web app manifest, liveness, readiness, metrics."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.i18n import SESSION_KEY, is_supported
from app.core.observability.metrics import address_allowed, exposition
from app.core.urls import safe_next_url
from app.extensions import csrf, db
from app.main import web_app
from app.main.health import WorldCollector, readiness

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> str:
    return render_template("main/index.html")


@bp.route("/privacy")
def privacy() -> str:
    return render_template("main/privacy.html")


@bp.route("/manifest.webmanifest")
def manifest() -> Response:
    response = jsonify(web_app.manifest())
    response.mimetype = "application/manifest+json"
    return response


@bp.route("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page links; answer instead of a 404 per visit."""
    return send_from_directory(current_app.static_folder or "static", "icons/favicon.ico")


@bp.route("/language", methods=["POST"])
def set_language() -> Response:
    locale = request.form.get("locale", "")
    if is_supported(locale):
        session[SESSION_KEY] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("main.index"))


@bp.route("/healthz")
@csrf.exempt
def healthz() -> tuple[Response, int]:
    """Liveness: the process answers. Nothing else is asked (see app.main.health)."""
    return jsonify(status="ok"), 200


@bp.route("/readyz")
@csrf.exempt
def readyz() -> tuple[Response, int]:
    """Readiness: 503 naming every check that failed."""
    checks = readiness(current_app.config)
    ready = all(check == "ok" for check in checks.values())
    return jsonify(status="ok" if ready else "failing", checks=checks), 200 if ready else 503


@bp.route("/metrics")
def metrics() -> Response:
    """Prometheus metrics, for the addresses of METRICS_ALLOWED only: they reveal activity."""
    if not address_allowed(request.remote_addr, current_app.config["METRICS_ALLOWED"]):
        abort(403)
    body, content_type = exposition(WorldCollector(current_app.config))
    return Response(body, content_type=content_type)
