"""Printed documents of a case file: the progress report as a page, asking for a PDF (integration
agreement or report) and downloading it. Open to the person themself and to coordinators whose
organisation holds the person's counselling grant; no grant at all answers 404, another purpose 403.

Every view: load → check access → act; every page and download writes a read entry to the audit
trail, every print request a print entry (in the service). The one exception is the status a
waiting page polls (see ``document_state``).
"""

from __future__ import annotations

from functools import partial
from io import BytesIO

from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.casefile.access import audit
from app.casefile.access.policy import Access
from app.casefile.documents import services as documents
from app.casefile.documents import tasks
from app.casefile.documents.forms import PrintForm
from app.casefile.documents.queries import get_document, get_document_state, list_documents
from app.casefile.models import AuditAction, CaseFile
from app.casefile.models.documents import (
    DOCUMENT_KIND_LABELS,
    DOCUMENT_STATUS_LABELS,
    DocumentKind,
    DocumentStatus,
    GeneratedDocument,
)
from app.casefile.views.coordinator import load_file
from app.casefile.views.own import own_access
from app.core.downloads import attachment
from app.core.i18n import current_locale
from app.core.permissions import Role, require
from app.core.unit_of_work import send_after_commit
from app.core.views import form_status
from app.extensions import db
from app.profiles.models import Person

SELF_MODE, COORDINATOR_MODE = "self", "coordinator"


def checked_purpose(access: Access) -> tuple[str, int | None]:
    """The audit purpose and organisation of a document read; 403 without counselling."""
    try:
        return documents.print_purpose(access)
    except documents.DocumentRefused:
        abort(403)


def record_read(case_file: CaseFile, access: Access, section: str, detail: str) -> None:
    purpose, organisation_id = checked_purpose(access)
    audit.record(
        current_user,
        case_file,
        AuditAction.READ,
        section,
        purpose=purpose,
        organisation_id=organisation_id,
        detail=detail,
    )


def urls(mode: str, person: Person) -> dict[str, str]:
    if mode == SELF_MODE:
        return {
            "file": url_for("casefile.my_file"),
            "report": url_for("casefile.my_report"),
            "documents": url_for("casefile.my_documents"),
        }
    return {
        "file": url_for("casefile.overview", person_id=person.id),
        "report": url_for("casefile.report", person_id=person.id),
        "documents": url_for("casefile.file_documents", person_id=person.id),
    }


def print_form(person: Person, kind: DocumentKind) -> PrintForm:
    form = PrintForm()
    if request.method == "GET":
        form.kind.data = kind.value
        form.language.data = documents.person_language(person) or "de"
    return form


def show_report(person: Person, access: Access, case_file: CaseFile, mode: str) -> str:
    record_read(case_file, access, DocumentKind.REPORT.value, "report page")
    db.session.commit()
    return render_template(
        "casefile/documents/report.html",
        mode=mode,
        urls=urls(mode, person),
        form=print_form(person, DocumentKind.REPORT),
        printed_on=documents.today(),
        **documents.report_page_context(case_file, current_locale()),
    )


def flash_print_state(document: GeneratedDocument) -> None:
    """Without a broker the task has run already; with one, the row is still pending and the
    list says so itself (until the page's script sees it ready), so nothing is flashed."""
    db.session.expire(document)
    if document.status == DocumentStatus.READY.value:
        flash(_("The document is ready: it is the first in the list."), "success")
    elif document.status == DocumentStatus.FAILED.value:
        flash(_("The document could not be made. Please try again later."), "danger")


def handle_documents(
    person: Person, access: Access, case_file: CaseFile, mode: str
) -> tuple[str, int] | Response:
    """List the printed documents; on POST print one (a pending row, then the task)."""
    checked_purpose(access)
    form = print_form(person, DocumentKind.AGREEMENT)
    if form.validate_on_submit():
        languages = documents.document_languages(form.language.data)
        kind = DocumentKind(form.kind.data)
        document = documents.request_document(case_file, kind, languages, current_user, access)
        send_after_commit(tasks.produce_document, document.id)
        db.session.commit()
        flash_print_state(document)
        return redirect(urls(mode, person)["documents"])
    record_read(case_file, access, "documents", "printed documents")
    db.session.commit()
    page = render_template(
        "casefile/documents/list.html",
        mode=mode,
        person=person,
        urls=urls(mode, person),
        form=form,
        documents=list_documents(case_file.id),
        kind_labels=DOCUMENT_KIND_LABELS,
        status_labels=DOCUMENT_STATUS_LABELS,
        download_url=partial(download_url, mode, person),
        status_url=partial(status_url, mode, person),
    )
    return page, form_status(form)


def send_document(access: Access, case_file: CaseFile, document_id: int) -> Response:
    checked_purpose(access)
    document = get_document(case_file.id, document_id)
    if document is None or document.status != DocumentStatus.READY.value:
        abort(404)
    record_read(case_file, access, document.kind, f"document {document.id}")
    db.session.commit()
    response = send_file(BytesIO(document.pdf or b""), mimetype="application/pdf")
    return attachment(response, document.filename, inline=True)


def download_url(mode: str, person: Person, document: GeneratedDocument) -> str:
    if mode == SELF_MODE:
        return url_for("casefile.my_document_pdf", document_id=document.id)
    return url_for("casefile.document_pdf", person_id=person.id, document_id=document.id)


def status_url(mode: str, person: Person, document: GeneratedDocument) -> str:
    if mode == SELF_MODE:
        return url_for("casefile.my_document_status", document_id=document.id)
    return url_for("casefile.document_status", person_id=person.id, document_id=document.id)


def document_state(
    person: Person, access: Access, case_file: CaseFile, document_id: int, mode: str
) -> Response:
    """Whether one printout is ready yet, for the documents page to poll (static/js/
    document-status.js) until it can show the download link.

    Access is checked as for the download (404 without a grant or for another file's document,
    403 for another purpose), but nothing is written to the audit trail: a poll reads no content
    of the file, only the state of a printout the reader asked for, and a waiting page asks every
    few seconds, which would bury the reads the person should see. Opening the list was recorded
    as a read, and so is the download.
    """
    checked_purpose(access)
    document = get_document_state(case_file.id, document_id)
    if document is None:
        abort(404)
    ready = document.status == DocumentStatus.READY.value
    return jsonify(
        status=document.status,
        status_label=str(DOCUMENT_STATUS_LABELS[DocumentStatus(document.status)]),
        download_url=download_url(mode, person, document) if ready else None,
        download_label=f"{DOCUMENT_KIND_LABELS[DocumentKind(document.kind)]} (PDF)",  # as the list
    )


# -- coordinators ------------------------------------------------------------------------------


@require(Role.COORDINATOR)
def report(person_id: int) -> str:
    return show_report(*load_file(person_id), COORDINATOR_MODE)


@require(Role.COORDINATOR)
def file_documents(person_id: int) -> tuple[str, int] | Response:
    return handle_documents(*load_file(person_id), COORDINATOR_MODE)


@require(Role.COORDINATOR)
def document_pdf(person_id: int, document_id: int) -> Response:
    _person, access, case_file = load_file(person_id)
    return send_document(access, case_file, document_id)


@require(Role.COORDINATOR)
def document_status(person_id: int, document_id: int) -> Response:
    return document_state(*load_file(person_id), document_id, COORDINATOR_MODE)


# -- the person --------------------------------------------------------------------------------


@require()
def my_report() -> str:
    found = own_access()
    if found is None:
        return render_template("casefile/no_file.html")
    return show_report(*found, SELF_MODE)


@require()
def my_documents() -> tuple[str, int] | Response:
    found = own_access()
    if found is None:
        return render_template("casefile/no_file.html"), 200
    return handle_documents(*found, SELF_MODE)


@require()
def my_document_pdf(document_id: int) -> Response:
    found = own_access()
    if found is None:
        abort(404)
    _person, access, case_file = found
    return send_document(access, case_file, document_id)


@require()
def my_document_status(document_id: int) -> Response:
    found = own_access()
    if found is None:
        abort(404)
    return document_state(*found, document_id, SELF_MODE)
