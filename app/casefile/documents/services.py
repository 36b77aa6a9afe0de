"""The integration agreement and the progress report: HTML in German and the person's language,
and the service that asks for a printout (app.casefile.documents.printing makes the PDF).

Every language block is rendered under Flask-Babel's ``force_locale``, so the same template gives
the German text and, following it on a new page, the same text in the person's language; Arabic
and Persian blocks carry ``dir="rtl"`` and ``lang`` so WeasyPrint shapes and orders them right.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.accounts.models import Organisation, User
from app.casefile.access import audit
from app.casefile.access.policy import Access
from app.casefile.documents.queries import list_goal_lines, list_match_lines
from app.casefile.documents.timeline import level_chart, timeline
from app.casefile.models import AccessPurpose, AuditAction, CaseFile, GoalStatus
from app.casefile.models.documents import (
    DOCUMENT_KIND_LABELS,
    DocumentKind,
    GeneratedDocument,
)
from app.casefile.models.goals import GOAL_STATUS_LABELS, MEASURE_STATUS_LABELS
from app.core.clock import local_today as today
from app.core.i18n import is_supported, text_direction
from app.extensions import db
from app.profiles.models import GOAL_LABELS, Person

GERMAN = "de"
BLOCK_TEMPLATES = {
    DocumentKind.AGREEMENT: "casefile/documents/_agreement.html",
    DocumentKind.REPORT: "casefile/documents/_report.html",
}
SIGNATURE_LABELS = {
    "person": _l("Signature of the person"),
    "coordinator": _l("Signature of the coordinator"),
    "place_date": _l("Place, date"),
}
LABELS = {
    "goal_labels": GOAL_LABELS,
    "goal_status_labels": GOAL_STATUS_LABELS,
    "measure_status_labels": MEASURE_STATUS_LABELS,
    "document_kind_labels": DOCUMENT_KIND_LABELS,
}
OPEN_GOALS = (GoalStatus.OPEN.value, GoalStatus.IN_PROGRESS.value)


class DocumentRefused(Exception):
    """This user may not print or read this document (answer 403)."""


def person_language(person: Person) -> str | None:
    """The person's interface language, if they have an account."""
    return person.user.locale if person.user else None


def document_languages(second: str | None) -> list[str]:
    """German first, then the person's language when it is another supported one."""
    if second and is_supported(second) and second != GERMAN:
        return [GERMAN, second]
    return [GERMAN]


def print_purpose(access: Access) -> tuple[str, int | None]:
    """Agreement and report need the person themself or a counselling grant (else refused)."""
    if access.is_self:
        return access.purpose(), None
    for grant in access.grants:
        if grant.purpose == AccessPurpose.COUNSELLING:
            return grant.purpose.value, grant.organisation_id
    raise DocumentRefused


# -- what the documents show ---------------------------------------------------------------------


def agreement_context(case_file: CaseFile) -> dict[str, Any]:
    goals = list_goal_lines(case_file.id, agreed_only=True)
    agreed = [line.goal.agreed_on for line in goals if line.goal.agreed_on]
    return {"goals": goals, "agreed_on": max(agreed, default=None)}


def report_context(case_file: CaseFile) -> dict[str, Any]:
    goals = list_goal_lines(case_file.id)
    return {
        "events": timeline(case_file.id, goals),
        "goals_met": [line for line in goals if line.status == GoalStatus.MET.value],
        "goals_open": [line for line in goals if line.status in OPEN_GOALS],
        "matches": list_match_lines(case_file.person_id),
    }


CONTEXTS = {DocumentKind.AGREEMENT: agreement_context, DocumentKind.REPORT: report_context}


def document_context(
    kind: DocumentKind, case_file: CaseFile, organisation: Organisation | None
) -> dict[str, Any]:
    return {
        "kind": kind,
        "case_file": case_file,
        "person": case_file.person,
        "organisation": case_file.responsible_organisation or organisation,
        **LABELS,
        **CONTEXTS[kind](case_file),
    }


def render_block(kind: DocumentKind, locale: str, context: dict[str, Any], first: bool) -> Markup:
    """One language's text of the document, rendered in that language."""
    with force_locale(locale):
        direction = text_direction(locale)
        rtl = direction == "rtl"
        chart = level_chart(context["case_file"].id, rtl) if kind == DocumentKind.REPORT else None
        html = render_template(
            BLOCK_TEMPLATES[kind],
            lang=locale,
            dir=direction,
            translation=not first,
            chart=chart,
            **context,
        )
    return Markup(html)  # nosec B704  # rendered by Jinja with autoescape: already safe


def signature_labels(languages: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Each signature line's label in every language: key → [(locale, direction, text)]."""
    labels: dict[str, list[tuple[str, str, str]]] = {key: [] for key in SIGNATURE_LABELS}
    for locale in languages:
        with force_locale(locale):
            for key, label in SIGNATURE_LABELS.items():
                labels[key].append((locale, text_direction(locale), str(label)))
    return labels


def render_document_html(
    kind: DocumentKind,
    case_file: CaseFile,
    languages: list[str],
    printed_by: User | None = None,
    organisation: Organisation | None = None,
) -> str:
    """The whole printable document: one block per language, signatures under the agreement."""
    context = document_context(kind, case_file, organisation)
    context.update(printed_by=printed_by, printed_on=today())
    blocks = [render_block(kind, locale, context, i == 0) for i, locale in enumerate(languages)]
    with force_locale(languages[0]):
        return render_template(
            "casefile/documents/print.html",
            blocks=blocks,
            languages=languages,
            signatures=signature_labels(languages) if kind == DocumentKind.AGREEMENT else None,
            **context,
        )


def report_page_context(case_file: CaseFile, locale: str) -> dict[str, Any]:
    """What the HTML report page shows, in the viewer's language."""
    context = document_context(DocumentKind.REPORT, case_file, None)
    context["chart"] = level_chart(case_file.id, text_direction(locale) == "rtl")
    return context


# -- printing ------------------------------------------------------------------------------------


def request_document(
    case_file: CaseFile,
    kind: DocumentKind,
    languages: list[str],
    actor: User,
    access: Access,
) -> GeneratedDocument:
    """Record that ``actor`` prints a document (pending row and audit entry ``print``).

    The PDF itself is made by the task ``bruecke.casefile.produce_document``.
    """
    purpose, organisation_id = print_purpose(access)
    document = GeneratedDocument(
        case_file_id=case_file.id,
        kind=kind.value,
        languages=",".join(languages),
        created_by_id=actor.id,
        created_by_organisation_id=organisation_id,
        purpose=purpose,
    )
    db.session.add(document)
    db.session.flush()
    detail = f"document {document.id}, languages {document.languages}"
    audit.record(
        actor,
        case_file,
        AuditAction.PRINT,
        kind.value,
        purpose=purpose,
        organisation_id=organisation_id,
        detail=detail,
    )
    return document
