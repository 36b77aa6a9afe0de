"""Your data, your rights: the export (JSON, readable HTML and PDF) and erasure, for the person
themselves and for a coordinator acting on behalf of a person without an account."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from app.accounts.passwords import verify_password
from app.core.downloads import download
from app.core.i18n import LOCALES, current_locale, text_direction
from app.core.mail import outbox_dir
from app.core.pdf import html_to_pdf
from app.core.permissions import Role, require
from app.extensions import db, limiter
from app.privacy import erasure, export, forms, queries
from app.privacy.catalogue import TABLE_LABELS, in_reading_order
from app.profiles.routes import certificate_folder

bp = Blueprint("privacy", __name__)

UNPROCESSABLE = 422
ERASED_KEY = "privacy_erased"
ERASED_ON_BEHALF_KEY = "privacy_erased_on_behalf"
FORMS = ("json", "html", "pdf")


def outbox() -> Path | None:
    """Where mail is kept: the embedded default's outbox; with a mail server, nowhere."""
    if current_app.config.get("MAIL_SERVER"):
        return None
    return outbox_dir(current_app.instance_path)


def search_link() -> str:
    return url_for("offers.search", _external=True)


# -- the person's own data --------------------------------------------------------------------


@bp.route("/me/data")
@require()
def mine() -> str:
    subject = queries.own_subject(current_user)
    return render_template(
        "privacy/mine.html", plan=erasure.plan_for(subject, outbox()), labels=TABLE_LABELS
    )


@bp.route("/me/data/export.<form>")
@require()
def export_mine(form: str) -> Response | str:
    if form not in FORMS:
        abort(404)
    subject = queries.own_subject(current_user)
    result = export.export_for(subject, current_user, None, form, outbox())
    db.session.commit()
    return deliver(result, form, "bruecke-my-data")


def _attempts() -> str:
    return str(current_app.config["LOGIN_ATTEMPTS"])


def _account_key() -> str:
    return "erase-account:" + str(current_user.get_id() or get_remote_address())


def _refused(response: Response) -> bool:
    return response.status_code == UNPROCESSABLE


@bp.route("/me/delete", methods=["GET", "POST"])
@require()
# The password is asked again here: as many guesses as at the login, no more.
@limiter.limit(_attempts, key_func=_account_key, methods=["POST"], deduct_when=_refused)
def erase_own() -> tuple[str, int] | Response:
    subject = queries.own_subject(current_user)
    form = forms.EraseOwnForm()
    if form.validate_on_submit():
        if verify_password(current_user.password_hash, form.password.data):
            plan = erasure.erase(
                subject,
                current_user._get_current_object(),
                access=None,
                reason=erasure.SELF_REASON,
                upload_folder=certificate_folder(),
                outbox=outbox(),
                search_link=search_link(),
            )
            db.session.commit()
            logout_user()
            return erased_redirect(plan, on_behalf=False)
        form.password.errors.append(_("The password is wrong."))
    return render_erase_page(form, subject, on_behalf=False)


# -- a coordinator for a person kept on behalf --------------------------------------------------


def kept_on_behalf_or_abort(person_id: int) -> queries.OnBehalf:
    try:
        return queries.person_kept_on_behalf(current_user, person_id)
    except queries.NotYours:
        abort(404)  # the person, or their file, is not this coordinator's to see
    except queries.NotAllSections:
        abort(403)


@bp.route("/people/<int:person_id>/data")
@require(Role.COORDINATOR)
def on_behalf(person_id: int) -> str:
    held = kept_on_behalf_or_abort(person_id)
    return render_template(
        "privacy/on_behalf.html",
        person=held.subject.person,
        plan=erasure.plan_for(held.subject, outbox()),
        labels=TABLE_LABELS,
        locales=LOCALES,
    )


@bp.route("/people/<int:person_id>/data/export.<form>")
@require(Role.COORDINATOR)
def export_on_behalf(person_id: int, form: str) -> Response | str:
    held = kept_on_behalf_or_abort(person_id)
    if form not in FORMS:
        abort(404)
    result = export.export_for(held.subject, current_user, held.access, form, outbox())
    current_app.logger.info(
        "export of person %s by coordinator %s (%s)", person_id, current_user.id, form
    )
    db.session.commit()
    locale = request.args.get("lang")
    with force_locale(locale if locale in LOCALES else current_locale()):
        return deliver(result, form, f"bruecke-data-{person_id}")


@bp.route("/people/<int:person_id>/erase", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def erase_on_behalf(person_id: int) -> tuple[str, int] | Response:
    held = kept_on_behalf_or_abort(person_id)
    form = forms.EraseOnBehalfForm()
    if form.validate_on_submit():
        if erasure.names_the_person(form.reason.data, held.subject):
            form.reason.errors.append(_("Please do not write the person's name or contacts."))
        else:
            plan = erasure.erase(
                held.subject,
                current_user,
                access=held.access,
                reason=form.reason.data,
                upload_folder=certificate_folder(),
                outbox=outbox(),
                search_link=search_link(),
            )
            db.session.commit()
            return erased_redirect(plan, on_behalf=True)
    return render_erase_page(form, held.subject, on_behalf=True)


# -- shared ---------------------------------------------------------------------------------------


def render_erase_page(
    form: forms.EraseOwnForm | forms.EraseOnBehalfForm, subject: queries.Subject, on_behalf: bool
) -> tuple[str, int]:
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render_template(
        "privacy/erase.html",
        form=form,
        person=subject.person,
        plan=erasure.plan_for(subject, outbox()),
        labels=TABLE_LABELS,
        on_behalf=on_behalf,
        left_out=left_out(),
        kept_why=kept_why(on_behalf),
    ), status


def kept_why(on_behalf: bool) -> Mapping[str, object]:
    """Why rows are kept, told to the person ("you") or to their coordinator ("the person")."""
    return erasure.KEPT_WHY_ON_BEHALF if on_behalf else erasure.KEPT_WHY


def left_out() -> list[tuple[str, str]]:
    return list(export.not_exported().items())


def erased_redirect(plan: erasure.ErasurePlan, on_behalf: bool) -> Response:
    session[ERASED_KEY] = asdict(plan)
    session[ERASED_ON_BEHALF_KEY] = on_behalf
    return redirect(url_for("privacy.erased"))


@bp.route("/erased")
def erased() -> str | Response:
    """The account of an erasure just done: what went, what was kept and why."""
    plan = session.pop(ERASED_KEY, None)
    on_behalf = bool(session.pop(ERASED_ON_BEHALF_KEY, False))
    if plan is None:
        return redirect(url_for("main.index"))
    # The session stores dictionaries with sorted keys: put the tables back in reading order.
    for part in ("deleted", "emptied", "kept"):
        plan[part] = in_reading_order(plan[part])
    return render_template(
        "privacy/erased.html",
        plan=erasure.ErasurePlan(**plan),
        labels=TABLE_LABELS,
        on_behalf=on_behalf,
        kept_why=kept_why(on_behalf),
    )


def deliver(result: export.Export, form: str, filename: str) -> Response | str:
    if form == "json":
        body = json.dumps(export.as_json(result), ensure_ascii=False, indent=2)
        return download(body, "application/json", f"{filename}.json")
    html = render_document(result)
    if form == "html":
        return html
    pdf = html_to_pdf(html, current_app.static_folder or "static")
    return download(pdf, "application/pdf", f"{filename}.pdf")


def render_document(result: export.Export) -> str:
    locale = current_locale()
    return render_template(
        "privacy/document.html",
        result=result,
        locale=locale,
        direction=text_direction(locale),
        sections=export.readable_sections(result.holdings.owned),
        shared=export.readable_sections(result.holdings.shared),
        references=sorted(result.holdings.references.items()),
        labels=TABLE_LABELS,
        left_out=left_out(),
        mail_note=export.MAIL_NOTE,
    )
