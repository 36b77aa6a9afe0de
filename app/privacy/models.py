"""The PDFs of a person's data that were asked for: when, by whom, in which language, and the
file once the task has made it.

A row is made when the PDF is asked for (``pending``); the Celery task renders it once
(``ready``) or marks it ``failed``, as the case file's printed documents. The PDF is kept in the
row, like theirs, so the web process and the workers need no shared folder; it goes with the
person on erasure (the foreign keys cascade).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import enum_values_sql, utcnow
from app.extensions import db


class ExportStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


EXPORT_STATUS_LABELS = {
    ExportStatus.PENDING: _l("being prepared"),
    ExportStatus.READY: _l("ready"),
    ExportStatus.FAILED: _l("failed"),
}


class DataExport(db.Model):
    __tablename__ = "data_export"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whose data: the account, the person profile, or both (as ``queries.Subject``).
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    # Who asked: the person themselves, or a coordinator acting on their behalf.
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    locale: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default=ExportStatus.PENDING.value)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (
        CheckConstraint(f"status in ({enum_values_sql(ExportStatus)})", name="status"),
    )

    @property
    def ready(self) -> bool:
        return self.status == ExportStatus.READY.value

    @property
    def filename(self) -> str:
        return f"bruecke-data-{self.requested_at:%Y-%m-%d}-{self.id}.pdf"
