"""Printed documents of a case file: which agreement or report was printed when, by whom.

A row is made when printing is asked for (status ``pending``); the Celery task fills in the PDF
and its checksum once (``ready``) or marks it ``failed``. The PDF is kept, so the file shows
exactly which agreement the person signed.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.db import enum_values_sql, utcnow
from app.extensions import db


class DocumentKind(StrEnum):
    AGREEMENT = "agreement"
    REPORT = "report"


DOCUMENT_KIND_LABELS = {
    DocumentKind.AGREEMENT: _l("Integration agreement"),
    DocumentKind.REPORT: _l("Progress report"),
}


class DocumentStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


DOCUMENT_STATUS_LABELS = {
    DocumentStatus.PENDING: _l("being prepared"),
    DocumentStatus.READY: _l("ready"),
    DocumentStatus.FAILED: _l("failed"),
}


class GeneratedDocument(db.Model):
    __tablename__ = "case_generated_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_file_id: Mapped[int] = mapped_column(
        ForeignKey("case_file.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    languages: Mapped[str] = mapped_column(String(20))  # locales in print order, e.g. "de,ar"
    status: Mapped[str] = mapped_column(String(12), default=DocumentStatus.PENDING.value)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_by_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    purpose: Mapped[str] = mapped_column(String(20))  # the access purpose, or "self"
    finished_at: Mapped[datetime | None]

    created_by: Mapped[User | None] = relationship()

    __table_args__ = (
        CheckConstraint(f"kind in ({enum_values_sql(DocumentKind)})", name="kind"),
        CheckConstraint(f"status in ({enum_values_sql(DocumentStatus)})", name="status"),
    )

    @property
    def language_list(self) -> list[str]:
        return self.languages.split(",")

    @property
    def filename(self) -> str:
        day = self.created_at.strftime("%Y-%m-%d")
        return f"{self.kind}-{self.languages.replace(',', '-')}-{day}-{self.id}.pdf"
