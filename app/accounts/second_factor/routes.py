"""Second-factor pages: the code at login, enrolment, the account's factor, an administrator's
reset; and the gate that holds staff without a factor at the enrolment page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.accounts import services as accounts
from app.accounts.second_factor import flow, forms, policy, queries, services
from app.core.permissions import Role, require
from app.core.views import FORM_FAILED, render_form
from app.extensions import db, limiter

bp = Blueprint("second_factor", __name__)

WRONG_CODE = 401
# What a logged-in member of staff without a factor may still reach.
OPEN_WITHOUT_FACTOR = frozenset(
    {"second_factor.enrol", "accounts.logout", "main.set_language", "main.healthz", "static"}
)


def _attempts() -> str:
    # The same budget as wrong passwords: a code is a password that changes every 30 seconds.
    return str(current_app.config["LOGIN_ATTEMPTS"])


def _account_key() -> str:
    pending = session.get(flow.PENDING_KEY)
    user_id = pending.get("user_id") if isinstance(pending, dict) else None
    if current_user.is_authenticated:
        user_id = current_user.id
    return f"second-factor-account:{user_id}"


def _address_key() -> str:
    return "second-factor-address:" + (get_remote_address() or "unknown")


def _code_was_wrong(response: Response) -> bool:
    return response.status_code == WRONG_CODE


throttled = limiter.limit(
    _attempts, key_func=_account_key, methods=["POST"], deduct_when=_code_was_wrong
)
throttled_address = limiter.limit(
    _attempts, key_func=_address_key, methods=["POST"], deduct_when=_code_was_wrong
)


@bp.before_app_request
def gate() -> Response | None:
    """Staff logged in without a confirmed factor reach only the enrolment page (and logout)."""
    if request.endpoint in OPEN_WITHOUT_FACTOR or not current_user.is_authenticated:
        return None
    if policy.requires_second_factor(current_user) and not queries.has_active_factor(current_user):
        return redirect(url_for("second_factor.enrol"))
    return None


@bp.route("/login/verify", methods=["GET", "POST"])
@throttled
@throttled_address
def verify() -> tuple[str, int] | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    pending = flow.pending_login()
    if pending is None:
        flow.forget_pending()
        flash(_("Please log in again."), "info")
        return redirect(url_for("accounts.login"))
    user, state = pending
    form = forms.CodeForm()
    if not form.validate_on_submit():
        return render_form("second_factor/verify.html", form)
    if not services.verify(user, form.code.data):
        form.code.errors.append(_("This code is wrong or has been used already."))
        return render_template("second_factor/verify.html", form=form), WRONG_CODE
    flow.finish_login(user, bool(state.get("remember")))
    db.session.commit()
    return redirect(str(state["next"]))


@bp.route("/login/enrol", methods=["GET", "POST"])
@login_required
@throttled
@throttled_address
def enrol() -> tuple[str, int] | Response:
    user = current_user._get_current_object()
    if queries.has_active_factor(user):
        return redirect(url_for("second_factor.manage"))
    factor = services.start_enrolment(user)
    form = forms.EnrolForm()
    status = 200
    if form.validate_on_submit():
        codes = services.confirm_enrolment(user, form.code.data)
        if codes is not None:
            # Confirming ended every session of the account, this one included: it continues.
            flow.finish_login(user, remember=False)
            db.session.commit()
            return render_template("second_factor/recovery_codes.html", codes=codes), 200
        form.code.errors.append(_("This code is wrong. Please type the code your app shows now."))
        status = WRONG_CODE
    elif form.is_submitted():
        status = FORM_FAILED
    db.session.commit()
    svg = services.qr_code_svg(factor, user, _("QR code for your authenticator app"))
    qr_code = Markup(svg)  # nosec B704  # segno writes paths and the escaped title only
    return render_template(
        "second_factor/enrol.html",
        form=form,
        qr_code=qr_code,
        secret=factor.secret,
        required=policy.requires_second_factor(user),
    ), status


@bp.route("/account/second-factor")
@login_required
def manage() -> str:
    return _manage_page(forms.CodeForm())


def _manage_page(form: forms.CodeForm) -> str:
    user = current_user._get_current_object()
    factor = queries.get_active_factor(user)
    return render_template(
        "second_factor/manage.html",
        factor=factor,
        unused_codes=queries.count_unused_recovery_codes(factor) if factor else 0,
        may_turn_off=policy.may_turn_off(user),
        form=form,
    )


def _code_confirms(form: forms.CodeForm) -> bool:
    """A change of the factor needs a fresh code too: a session left open is not enough."""
    user = current_user._get_current_object()
    if form.validate_on_submit() and services.verify(user, form.code.data):
        return True
    form.code.errors.append(_("This code is wrong or has been used already."))
    return False


@bp.route("/account/second-factor/recovery-codes", methods=["POST"])
@login_required
@throttled
def regenerate_recovery_codes() -> tuple[str, int]:
    form = forms.CodeForm()
    if not _code_confirms(form):
        return _manage_page(form), WRONG_CODE
    codes = services.regenerate_recovery_codes(current_user._get_current_object())
    db.session.commit()
    return render_template("second_factor/recovery_codes.html", codes=codes), 200


@bp.route("/account/second-factor/off", methods=["POST"])
@login_required
@throttled
def turn_off() -> tuple[str, int] | Response:
    if not policy.may_turn_off(current_user):
        abort(403)
    form = forms.CodeForm()
    if not _code_confirms(form):
        return _manage_page(form), WRONG_CODE
    services.turn_off(current_user._get_current_object())
    db.session.commit()
    flash(_("The second factor is turned off."), "info")
    return redirect(url_for("second_factor.manage"))


@bp.route("/admin/second-factor", methods=["GET", "POST"])
@require(Role.ADMIN)
def admin_reset() -> tuple[str, int] | Response:
    form = forms.ResetForm()
    status = 200
    if form.validate_on_submit():
        user = accounts.find_user_by_email(form.email.data)
        try:
            if user is None:
                raise services.SecondFactorError
            services.reset(current_user._get_current_object(), user)
        except services.SecondFactorError:
            form.email.errors.append(_("No account with this address has a second factor."))
            status = 404
        else:
            db.session.commit()
            flash(_("The second factor of %(email)s has been reset.", email=user.email), "success")
            return redirect(url_for("second_factor.admin_reset"))
    elif form.is_submitted():
        status = FORM_FAILED
    return render_template(
        "second_factor/admin_reset.html", form=form, resets=queries.list_recent_resets()
    ), status
