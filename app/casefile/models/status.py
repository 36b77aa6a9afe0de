"""Life-cycle status, residence obligation and right to work, each as dated history."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Region
from app.casefile.models.base import EntryMixin
from app.core.db import enum_values_sql
from app.extensions import db
from app.profiles.models import RightToWork


class LifecycleStatus(StrEnum):
    ARRIVED = "arrived"
    ASYLUM_PROCEDURE = "asylum_procedure"
    RECOGNISED = "recognised"
    SUBSIDIARY_PROTECTION = "subsidiary_protection"
    DULDUNG = "duldung"
    RESIDENCE_PERMIT = "residence_permit"
    NATURALISED = "naturalised"
    RETURNED = "returned"


LIFECYCLE_LABELS = {
    LifecycleStatus.ARRIVED: _l("arrived"),
    LifecycleStatus.ASYLUM_PROCEDURE: _l("in the asylum procedure"),
    LifecycleStatus.RECOGNISED: _l("recognised as a refugee"),
    LifecycleStatus.SUBSIDIARY_PROTECTION: _l("subsidiary protection"),
    LifecycleStatus.DULDUNG: _l("Duldung (temporary suspension of deportation)"),
    LifecycleStatus.RESIDENCE_PERMIT: _l("residence permit"),
    LifecycleStatus.NATURALISED: _l("naturalised"),
    LifecycleStatus.RETURNED: _l("returned"),
}

# Statuses that some languages (Ukrainian, Arabic) say with a gendered verb or adjective. The plain
# labels above are worded neutrally; where the person's gender is known, the message context
# ("female"/"male") picks the gendered form.
_GENDERED = {
    LifecycleStatus.ARRIVED: "arrived",
    LifecycleStatus.RECOGNISED: "recognised as a refugee",
    LifecycleStatus.NATURALISED: "naturalised",
    LifecycleStatus.RETURNED: "returned",
}


def lifecycle_label(status: str, gender: str | None) -> object:
    """The status as the interface language says it of this person (lazy)."""
    text = _GENDERED.get(LifecycleStatus(status))
    if text and gender in ("female", "male"):
        return lazy_pgettext(gender, text)
    return LIFECYCLE_LABELS[LifecycleStatus(status)]


class StatusEntry(EntryMixin, db.Model):
    __tablename__ = "case_status_entry"

    status: Mapped[str] = mapped_column(String(30))
    since: Mapped[date]
    note: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        CheckConstraint(f"status in ({enum_values_sql(LifecycleStatus)})", name="status"),
    )


class ResidenceObligationEntry(EntryMixin, db.Model):
    """Wohnsitzauflage: the region the person must live in; no region means none (or lifted)."""

    __tablename__ = "case_residence_obligation_entry"

    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id", ondelete="SET NULL"))
    since: Mapped[date]
    until: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(String(500))

    region: Mapped[Region | None] = relationship()


class WorkPermissionEntry(EntryMixin, db.Model):
    __tablename__ = "case_work_permission_entry"

    right_to_work: Mapped[str] = mapped_column(String(20))
    since: Mapped[date]
    note: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        CheckConstraint(f"right_to_work in ({enum_values_sql(RightToWork)})", name="right_to_work"),
    )
