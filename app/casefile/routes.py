"""The case file's blueprint and its URL table: every URL of the case file, in one place.

The views live in app.casefile.views (the coordinator's and the person's own pages) and
app.casefile.documents.views (printed documents); they do not know the blueprint, so importing them
registers nothing and no view module imports this one.
"""

from __future__ import annotations

from flask import Blueprint

from app.casefile.documents import views as documents
from app.casefile.views import coordinator, own

bp = Blueprint("casefile", __name__)

# The coordinator's pages of a person's file (app.casefile.views.coordinator)
bp.context_processor(coordinator.profile_rule)
bp.app_context_processor(coordinator.person_links)
bp.add_url_rule("/files", view_func=coordinator.shared_files)
bp.add_url_rule("/people/<int:person_id>/file", view_func=coordinator.overview)
bp.add_url_rule(
    f"/people/<int:person_id>/file/<{coordinator.SECTIONS}:section>", view_func=coordinator.section
)
bp.add_url_rule(
    "/people/<int:person_id>/file/add/<kind_name>",
    view_func=coordinator.add_entry,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/people/<int:person_id>/file/correct/<kind_name>/<int:entry_id>",
    view_func=coordinator.correct_entry,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/people/<int:person_id>/file/access",
    view_func=coordinator.access_on_behalf,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/people/<int:person_id>/file/access/<int:grant_id>/withdraw",
    view_func=coordinator.withdraw_on_behalf,
    methods=["POST"],
)
bp.add_url_rule("/people/<int:person_id>/file/audit", view_func=coordinator.audit_trail)

# The person's own file (app.casefile.views.own)
bp.add_url_rule("/me/file", view_func=own.my_file)
bp.add_url_rule("/me/file/access", view_func=own.my_access, methods=["GET", "POST"])
bp.add_url_rule(
    "/me/file/access/<int:grant_id>/withdraw", view_func=own.my_withdraw, methods=["POST"]
)
bp.add_url_rule("/me/file/audit", view_func=own.my_audit)

# Printed documents, for the coordinator and for the person (app.casefile.documents.views)
bp.add_url_rule("/people/<int:person_id>/file/report", view_func=documents.report)
bp.add_url_rule(
    "/people/<int:person_id>/file/documents",
    view_func=documents.file_documents,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/people/<int:person_id>/file/documents/<int:document_id>.pdf", view_func=documents.document_pdf
)
bp.add_url_rule(
    "/people/<int:person_id>/file/documents/<int:document_id>/status",
    view_func=documents.document_status,
)
bp.add_url_rule("/me/file/report", view_func=documents.my_report)
bp.add_url_rule("/me/file/documents", view_func=documents.my_documents, methods=["GET", "POST"])
bp.add_url_rule("/me/file/documents/<int:document_id>.pdf", view_func=documents.my_document_pdf)
bp.add_url_rule(
    "/me/file/documents/<int:document_id>/status", view_func=documents.my_document_status
)
