"""The case file itself and the columns every entry table shares."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.accounts.models import Organisation, User
from app.core.db import utcnow
from app.extensions import db
from app.profiles.models import Person


def new_subject_key() -> str:
    return secrets.token_hex(16)


class CaseFile(db.Model):
    """One per person. The audit trail names the person only through ``subject_key``, so erasing
    this row leaves the trail pseudonymous."""

    __tablename__ = "case_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    subject_key: Mapped[str] = mapped_column(String(32), unique=True, default=new_subject_key)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    responsible_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )

    person: Mapped[Person] = relationship()
    opened_by: Mapped[User | None] = relationship()
    responsible_organisation: Mapped[Organisation | None] = relationship()


class EntryMixin:
    """id, case file, when and by whom (and which organisation) an entry was recorded, and the
    row it corrects. Rows are never updated: a correction is a new row."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    @declared_attr
    def case_file_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def recorded_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    @declared_attr
    def recorded_by_organisation_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))

    @declared_attr
    def supersedes_id(cls) -> Mapped[int | None]:
        # CASCADE only matters when the whole case file is erased: rows are never deleted alone.
        return mapped_column(ForeignKey(f"{cls.__tablename__}.id", ondelete="CASCADE"))

    @declared_attr
    def recorded_by(cls) -> Mapped[User | None]:
        return relationship(User, foreign_keys=[cls.recorded_by_id], lazy="joined")

    @declared_attr
    def recorded_by_organisation(cls) -> Mapped[Organisation | None]:
        return relationship(Organisation, foreign_keys=[cls.recorded_by_organisation_id])
