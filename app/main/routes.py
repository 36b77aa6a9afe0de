"""The start page, the language chooser and /healthz."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.i18n import SESSION_KEY, is_supported
from app.core.urls import safe_next_url
from app.extensions import csrf, db
from app.main.health import check_broker, check_database

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> str:
    return render_template("main/index.html")


@bp.route("/privacy")
def privacy() -> str:
    return render_template("main/privacy.html")


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
    checks = {"database": check_database()}
    if current_app.config["CELERY"]["broker_url"] != "memory://":
        checks["broker"] = check_broker(current_app.config["CELERY"]["broker_url"])
    healthy = all(check == "ok" for check in checks.values())
    return jsonify(status="ok" if healthy else "failing", checks=checks), 200 if healthy else 503
