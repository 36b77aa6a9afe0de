"""Your data, your rights: the export (JSON, readable HTML and PDF) and erasure, for the person
themselves and for a coordinator acting on behalf of a person without an account.

JSON and HTML are answered at once; a PDF takes seconds to render, so it is asked for (POST,
limited per hour), rendered by a task after the commit, kept, and fetched from the list."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from functools import partial
from io import BytesIO

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.passwords import verify_password
from app.accounts.session import end_session
from app.casefile.access.policy import Access
from app.core.downloads import attachment, download
from app.core.errors import render_error
from app.core.i18n import LOCALES, current_locale
from app.core.permissions import Role, require
from app.core.security_headers import self_contained_document
from app.core.unit_of_work import send_after_commit
from app.core.urls import external_url
from app.core.views import FORM_FAILED, form_status
from app.extensions import db, limiter
from app.privacy import document, erasure, export, forms, pdfs, policy, queries, tasks
from app.privacy.catalogue import TABLE_LABELS, in_reading_order
from app.privacy.mailbox import kept_outbox as outbox
from app.privacy.models import EXPORT_STATUS_LABELS, DataExport, ExportStatus
from app.profiles.services import certificate_folder

bp = Blueprint("privacy", __name__)

ERASED_KEY = "privacy_erased"
ERASED_ON_BEHALF_KEY = "privacy_erased_on_behalf"
FORMS = ("json", "html", "pdf")
SELF_MODE, COORDINATOR_MODE = "self", "coordinator"
PDF_LIMIT_MESSAGE = _l(
    "You have asked for a PDF of the data several times within the hour. Please wait a while "
    "before asking again; the PDFs already asked for are listed on the data page."
)


@bp.app_context_processor
def data_page_rule() -> dict[str, object]:
    """For the person's page (profiles): whether the data page opens for the coordinator."""
    return {"data_page_opens": lambda person: queries.data_page_opens(current_user, person)}


def search_link() -> str:
    return external_url("offers.search")


# -- the person's own data --------------------------------------------------------------------


@bp.route("/me/data")
@require()
def mine() -> str:
    subject = queries.own_subject(current_user)
    return render_template(
        "privacy/mine.html",
        plan=erasure.plan_for(subject, outbox()),
        labels=TABLE_LABELS,
        **pdf_list(subject, SELF_MODE),
    )


@bp.route("/me/data/export.<form>")
@require()
def export_mine(form: str) -> Response | str:
    if form not in FORMS:
        abort(404)
    if form == "pdf":  # asked for on the data page, made in the background
        return redirect(url_for("privacy.mine"))
    subject = queries.own_subject(current_user)
    result = export.export_for(subject, current_user, None, form, outbox())
    db.session.commit()
    return deliver(result, form, "bruecke-my-data")


def _attempts() -> str:
    return str(current_app.config["LOGIN_ATTEMPTS"])


def _account_key() -> str:
    return "erase-account:" + str(current_user.get_id() or get_remote_address())


def _refused(response: Response) -> bool:
    return response.status_code == FORM_FAILED


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
            end_session()
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
        **pdf_list(held.subject, COORDINATOR_MODE),
    )


@bp.route("/people/<int:person_id>/data/export.<form>")
@require(Role.COORDINATOR)
def export_on_behalf(person_id: int, form: str) -> Response | str:
    held = kept_on_behalf_or_abort(person_id)
    if form not in FORMS:
        abort(404)
    if form == "pdf":  # asked for on the person's data page, made in the background
        return redirect(url_for("privacy.on_behalf", person_id=person_id))
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
    status = form_status(form)
    return render_template(
        "privacy/erase.html",
        form=form,
        person=subject.person,
        plan=erasure.plan_for(subject, outbox()),
        labels=TABLE_LABELS,
        on_behalf=on_behalf,
        left_out=document.left_out(),
        kept_why=kept_why(on_behalf),
    ), status


def kept_why(on_behalf: bool) -> Mapping[str, object]:
    """Why rows are kept, told to the person ("you") or to their coordinator ("the person")."""
    return erasure.KEPT_WHY_ON_BEHALF if on_behalf else erasure.KEPT_WHY


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
    return self_contained_document(document.render_document(result))


# -- PDFs: asked for, made by a task, kept, fetched by whoever asked -----------------------------


def _pdf_limit() -> str:
    return str(current_app.config["EXPORT_PDF_LIMIT"])


def _requester_key() -> str:
    return "export-pdf:" + str(current_user.get_id() or get_remote_address())


def _too_many_pdfs(_limit: RequestLimit) -> Response:
    body, status = render_error(429, str(PDF_LIMIT_MESSAGE))
    return make_response(body, status)


# Rendering takes seconds of a worker: one budget per requester across both kinds of page.
pdf_limit = limiter.shared_limit(
    _pdf_limit, scope="export-pdf", key_func=_requester_key, on_breach=_too_many_pdfs
)


def pdf_url(mode: str, person_id: int | None, data_export: DataExport) -> str:
    if mode == SELF_MODE:
        return url_for("privacy.pdf_mine", export_id=data_export.id)
    return url_for("privacy.pdf_on_behalf", person_id=person_id, export_id=data_export.id)


def pdf_list(subject: queries.Subject, mode: str) -> dict[str, object]:
    """What a data page needs to list the PDFs the viewer asked for."""
    return {
        "pdfs": policy.own_pdfs(current_user, subject),
        "pdf_url": partial(pdf_url, mode, subject.person_id),
        "pdf_status_labels": EXPORT_STATUS_LABELS,
    }


def ask_for_pdf(
    subject: queries.Subject, access: Access | None, locale: str, page: str
) -> Response:
    """Record the request, commit, then send the task (without a broker it runs at once)."""
    data_export = pdfs.request_pdf(subject, current_user, access, locale)
    send_after_commit(tasks.produce_export, data_export.id)
    db.session.commit()
    db.session.expire(data_export)
    if data_export.status == ExportStatus.READY.value:
        flash(_("The PDF is ready: it is the first in the list."), "success")
    elif data_export.status == ExportStatus.FAILED.value:
        flash(_("The PDF could not be made. Please try again later."), "danger")
    else:
        flash(_("The PDF is being prepared. Refresh the page in a minute to download it."), "info")
    return redirect(page)


def send_pdf(data_export: DataExport | None) -> Response:
    if data_export is None or not data_export.ready:
        abort(404)
    response = send_file(BytesIO(data_export.pdf or b""), mimetype="application/pdf")
    return attachment(response, data_export.filename)


def pdf_state(data_export: DataExport | None, mode: str, person_id: int | None) -> Response:
    """Whether a PDF is ready yet (for a script that waits; the page itself links "Refresh")."""
    if data_export is None:
        abort(404)
    status = ExportStatus(data_export.status)
    return jsonify(
        status=status.value,
        status_label=str(EXPORT_STATUS_LABELS[status]),
        download_url=pdf_url(mode, person_id, data_export) if data_export.ready else None,
    )


@bp.route("/me/data/pdf", methods=["POST"])
@require()
@pdf_limit
def ask_pdf_mine() -> Response:
    subject = queries.own_subject(current_user)
    return ask_for_pdf(subject, None, current_locale(), url_for("privacy.mine"))


@bp.route("/me/data/pdf/<int:export_id>.pdf")
@require()
def pdf_mine(export_id: int) -> Response:
    subject = queries.own_subject(current_user)
    return send_pdf(policy.own_pdf(current_user, subject, export_id, with_bytes=True))


@bp.route("/me/data/pdf/<int:export_id>/status")
@require()
def pdf_status_mine(export_id: int) -> Response:
    subject = queries.own_subject(current_user)
    return pdf_state(policy.own_pdf(current_user, subject, export_id), SELF_MODE, None)


@bp.route("/people/<int:person_id>/data/pdf", methods=["POST"])
@require(Role.COORDINATOR)
@pdf_limit
def ask_pdf_on_behalf(person_id: int) -> Response | tuple[object, int]:
    held = kept_on_behalf_or_abort(person_id)
    form = forms.PdfOnBehalfForm()
    if not form.validate_on_submit():
        return render_error(400, _("Please choose one of the languages offered."))
    current_app.logger.info("PDF export of person %s by coordinator %s", person_id, current_user.id)
    page = url_for("privacy.on_behalf", person_id=person_id)
    return ask_for_pdf(held.subject, held.access, form.locale.data, page)


@bp.route("/people/<int:person_id>/data/pdf/<int:export_id>.pdf")
@require(Role.COORDINATOR)
def pdf_on_behalf(person_id: int, export_id: int) -> Response:
    held = kept_on_behalf_or_abort(person_id)
    return send_pdf(policy.own_pdf(current_user, held.subject, export_id, with_bytes=True))


@bp.route("/people/<int:person_id>/data/pdf/<int:export_id>/status")
@require(Role.COORDINATOR)
def pdf_status_on_behalf(person_id: int, export_id: int) -> Response:
    held = kept_on_behalf_or_abort(person_id)
    found = policy.own_pdf(current_user, held.subject, export_id)
    return pdf_state(found, COORDINATOR_MODE, person_id)
