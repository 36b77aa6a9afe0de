"""Models of the evidence package: capacity figures recorded by the offices."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Region
from app.core.db import enum_values_sql, utcnow
from app.extensions import db

COURSE_LEVELS = ("A1", "A2", "B1", "B2", "C1")


MAX_PLACES = 100_000  # free places of one kind counted in one region


class CapacityKind(StrEnum):
    LANGUAGE_COURSE_A1 = "language_course_A1"
    LANGUAGE_COURSE_A2 = "language_course_A2"
    LANGUAGE_COURSE_B1 = "language_course_B1"
    LANGUAGE_COURSE_B2 = "language_course_B2"
    LANGUAGE_COURSE_C1 = "language_course_C1"
    DAYCARE = "daycare"
    SCHOOL = "school"
    HOUSING = "housing"


CAPACITY_KIND_LABELS = {
    CapacityKind.LANGUAGE_COURSE_A1: _l("German course places A1"),
    CapacityKind.LANGUAGE_COURSE_A2: _l("German course places A2"),
    CapacityKind.LANGUAGE_COURSE_B1: _l("German course places B1"),
    CapacityKind.LANGUAGE_COURSE_B2: _l("German course places B2"),
    CapacityKind.LANGUAGE_COURSE_C1: _l("German course places C1"),
    CapacityKind.DAYCARE: _l("Daycare places"),
    CapacityKind.SCHOOL: _l("School places"),
    CapacityKind.HOUSING: _l("Dwellings"),
}


class CapacityFigure(db.Model):
    """Free places of one kind in one region, as an office counted them on a day.

    Figures are never overwritten: a new count is a new row, and the newest one per region and kind
    is the one that counts.
    """

    __tablename__ = "capacity_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    places: Mapped[int]
    recorded_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Region] = relationship()

    __table_args__ = (
        CheckConstraint("places >= 0", name="places"),
        CheckConstraint(f"kind in ({enum_values_sql(CapacityKind)})", name="kind"),
    )


class NeedsSnapshot(db.Model):
    """The newcomers' needs in one region as last counted (``app.evidence.needs.Tally``): what
    the dashboards and the open figures read instead of counting every newcomer on each request.

    Only counts that do not depend on the day are kept (dates of birth of the children, the
    day since when each waits for a mentor), so a snapshot counted yesterday still gives today's
    ages and waiting times. A background task counts every region afresh every few minutes.
    """

    __tablename__ = "needs_snapshot"

    region_id: Mapped[int] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"), primary_key=True
    )
    counted_on: Mapped[date]
    counted_at: Mapped[datetime] = mapped_column(default=utcnow)
    tally: Mapped[dict[str, Any]] = mapped_column(JSON)
