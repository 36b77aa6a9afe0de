"""Account pages: register, confirm, log in and out, reset and change the password, settings."""

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
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.accounts import forms, services, throttling
from app.accounts.models import User
from app.accounts.queries import user_has_profile
from app.accounts.second_factor.flow import after_password
from app.accounts.session import end_session, start_session
from app.accounts.tokens import InvalidToken
from app.core.i18n import SESSION_KEY, is_supported
from app.core.permissions import SELF_SERVICE_ROLES, Role
from app.core.urls import external_url, safe_next_url
from app.core.views import FORM_FAILED, form_status, render_form
from app.extensions import db

bp = Blueprint("accounts", __name__)


def _token_max_age() -> int:
    return int(current_app.config["TOKEN_MAX_AGE_SECONDS"])


def _current_locale_setting() -> str | None:
    chosen = session.get(SESSION_KEY)
    return chosen if is_supported(chosen) else None


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = forms.RegistrationForm()
    if form.validate_on_submit():
        if not throttling.may_send_mail_to(form.email.data):
            abort(429)
        _register_or_tell_the_owner(form)
        db.session.commit()
        # The same answer whether or not the address has an account: only its mailbox learns.
        flash(
            _(
                "Almost done: we have sent you an e-mail. Please open the link in it "
                "to confirm your address."
            ),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_form("accounts/register.html", form)  # type: ignore[return-value]


def _register_or_tell_the_owner(form: forms.RegistrationForm) -> None:
    try:
        user = services.create_user(
            form.email.data,
            form.password.data,
            form.display_name.data,
            {Role(form.role.data)},
            _current_locale_setting() or request.accept_languages.best_match(["de", "en"]),
        )
    except services.EmailTaken as taken:
        token = services.reset_token(current_app.config["SECRET_KEY"], taken.owner)
        services.send_registration_attempt_mail(
            taken.owner, external_url("accounts.reset_password", token=token)
        )
    else:
        _send_confirmation(user)


@bp.route("/confirm/<token>")
def confirm(token: str) -> Response:
    try:
        services.confirm_email(current_app.config["SECRET_KEY"], token, _token_max_age())
    except InvalidToken:
        db.session.rollback()
        flash(
            _("This confirmation link is invalid or has expired. Log in to have a new one sent."),
            "danger",
        )
        return redirect(url_for("accounts.login"))
    db.session.commit()
    flash(_("Thank you, your e-mail address is confirmed. You can log in now."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/login", methods=["GET", "POST"])
@throttling.login_limits
def login() -> tuple[str, int] | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = forms.LoginForm()
    if not form.validate_on_submit():
        return render_form("accounts/login.html", form)
    user = services.authenticate(form.email.data, form.password.data)
    if user is None:
        form.password.errors.append(_("E-mail address or password is wrong."))
        return render_template("accounts/login.html", form=form), throttling.FAILED_LOGIN
    if not user.is_confirmed:
        if throttling.may_send_mail_to(user.email):
            _send_confirmation(user)
        db.session.commit()
        flash(
            _("Please confirm your e-mail address first. We have sent you a new link."), "warning"
        )
        return render_template("accounts/login.html", form=form), 403
    destination = safe_next_url(request.args.get("next")) or landing_page(user)
    next_step = after_password(user, remember=form.remember.data, destination=destination)
    db.session.commit()
    return redirect(next_step)


def landing_page(user: User) -> str:
    """New members start with their profile; everybody else on the start page."""
    needs_profile = user.has_any_role(*SELF_SERVICE_ROLES) and not user_has_profile(user)
    return url_for("profiles.my_profile") if needs_profile else url_for("main.index")


def _send_confirmation(user: User) -> None:
    token = services.confirmation_token(current_app.config["SECRET_KEY"], user)
    services.send_confirmation_mail(user, external_url("accounts.confirm", token=token))


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    services.end_all_sessions(current_user)
    db.session.commit()
    end_session()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password() -> str | Response:
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        if not throttling.may_send_mail_to(form.email.data):
            abort(429)
        user = services.find_user_by_email(form.email.data)
        if user is not None:
            token = services.reset_token(current_app.config["SECRET_KEY"], user)
            services.send_reset_mail(user, external_url("accounts.reset_password", token=token))
        db.session.commit()  # the mail is queued in the outbox and leaves after the commit
        # The same answer whether or not the address is known.
        flash(
            _("If an account exists for this address, we have sent a link to reset the password."),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> tuple[str, int] | Response:
    secret, max_age = current_app.config["SECRET_KEY"], _token_max_age()
    try:
        services.user_for_reset_token(secret, token, max_age)
    except InvalidToken:
        flash(
            _("This link is invalid, expired or already used. Please ask for a new one."), "danger"
        )
        return redirect(url_for("accounts.forgot_password"))
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(secret, token, max_age, form.password.data)
        db.session.commit()
        flash(_("Your new password is set. Please log in."), "success")
        return redirect(url_for("accounts.login"))
    return render_form("accounts/reset_password.html", form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def settings() -> tuple[str, int] | Response:
    form = forms.SettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data.strip()
        current_user.locale = form.locale.data
        session[SESSION_KEY] = form.locale.data
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.settings"))
    return render_template(
        "accounts/settings.html", form=form, password_form=forms.ChangePasswordForm()
    ), form_status(form)


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password() -> tuple[str, int] | Response:
    password_form = forms.ChangePasswordForm()
    if password_form.validate_on_submit():
        user = current_user._get_current_object()
        if services.change_password(
            user, password_form.current_password.data, password_form.password.data
        ):
            db.session.commit()
            # Every other session has ended; this one continues under the new token.
            start_session(user)
            flash(
                _("Your password has been changed. Other devices have been logged out."), "success"
            )
            return redirect(url_for("accounts.settings"))
        password_form.current_password.errors.append(_("The current password is wrong."))
    return render_template(
        "accounts/settings.html",
        form=forms.SettingsForm(obj=current_user),
        password_form=password_form,
    ), FORM_FAILED
