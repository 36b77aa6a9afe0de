"""Consent per organisation and purpose, the append-only audit trail, and erasure records."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, Session, attributes, mapped_column, relationship

from app.accounts.models import Organisation, User
from app.core.db import enum_values_sql, utcnow
from app.extensions import db


class AccessPurpose(StrEnum):
    COUNSELLING = "counselling"
    JOB_PLACEMENT = "job_placement"
    MENTORING = "mentoring"


PURPOSE_LABELS = {
    AccessPurpose.COUNSELLING: _l("counselling"),
    AccessPurpose.JOB_PLACEMENT: _l("job placement"),
    AccessPurpose.MENTORING: _l("mentoring"),
}
SELF = "self"  # the audit purpose when a person reads their own file


class AuditAction(StrEnum):
    READ = "read"
    CREATE = "create"
    CORRECT = "correct"
    GRANT = "grant"
    WITHDRAW = "withdraw"
    EXPORT = "export"
    PRINT = "print"
    ERASE = "erase"


class AccessGrant(db.Model):
    """A person's consent that one organisation reads their file for one purpose.

    Active while ``withdrawn_at`` is empty; withdrawing sets it once and nothing else changes.
    Who may record and withdraw it: ``app.casefile.access.policy`` (``OnBehalf``).
    """

    __tablename__ = "access_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    on_behalf: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(String(500))
    # Recorded on behalf for another organisation than the recording coordinator's own: why the
    # person named that organisation.
    named_reason: Mapped[str | None] = mapped_column(String(500))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    organisation: Mapped[Organisation] = relationship()
    granted_by: Mapped[User | None] = relationship(foreign_keys=[granted_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])

    __table_args__ = (
        CheckConstraint(f"purpose in ({enum_values_sql(AccessPurpose)})", name="purpose"),
    )

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class AuditEntry(db.Model):
    """Who read or changed which part of a case file, for which organisation and purpose.

    Append-only: the ORM refuses updates and deletes (below); on PostgreSQL a trigger does too.
    The person appears only as the case file's ``subject_key`` (no foreign key to the person).
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    subject_key: Mapped[str] = mapped_column(String(32), index=True)
    action: Mapped[str] = mapped_column(String(12))
    section: Mapped[str] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(String(200))

    actor: Mapped[User | None] = relationship()
    actor_organisation: Mapped[Organisation | None] = relationship()

    __table_args__ = (
        CheckConstraint(f"action in ({enum_values_sql(AuditAction)})", name="action"),
    )


class AuditTrailIsAppendOnly(Exception):
    """Raised when code tries to change or delete an audit entry."""


# The one change allowed, as the database's ON DELETE SET NULL of the actor would make it.
MAY_BECOME_NULL = ("actor_user_id", "actor_organisation_id", "actor", "actor_organisation")


def _only_actor_cleared(entry: AuditEntry) -> bool:
    state = attributes.instance_state(entry)
    for (
        attr
    ) in state.mapper.attrs:  # columns and relationships (setting ``actor`` changes a column)
        history = state.attrs[attr.key].history
        if history.has_changes() and not (
            attr.key in MAY_BECOME_NULL and list(history.added) == [None]
        ):
            return False
    return True


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _context: object, _instances: object) -> None:
    for entry in session.deleted:
        if isinstance(entry, AuditEntry):
            raise AuditTrailIsAppendOnly("audit entries cannot be deleted")
    for entry in session.dirty:
        if isinstance(entry, AuditEntry) and not _only_actor_cleared(entry):
            raise AuditTrailIsAppendOnly("audit entries cannot be changed")


class ErasureRecord(db.Model):
    """The account of an erasure: what was removed, what was kept and why. No personal data."""

    __tablename__ = "erasure_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_key: Mapped[str] = mapped_column(String(32), index=True)
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
