"""Goals with their status over time, measures (who does what by when), and dated notes."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Organisation
from app.casefile.models.access import AccessPurpose
from app.casefile.models.base import EntryMixin
from app.core.db import enum_values_sql
from app.extensions import db
from app.profiles.models import Goal


class GoalStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    MET = "met"
    DROPPED = "dropped"


GOAL_STATUS_LABELS = {
    GoalStatus.OPEN: _l("open"),
    GoalStatus.IN_PROGRESS: _l("in progress"),
    GoalStatus.MET: _l("met"),
    GoalStatus.DROPPED: _l("dropped"),
}


class MeasureStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


MEASURE_STATUS_LABELS = {
    MeasureStatus.OPEN: _l("open"),
    MeasureStatus.DONE: _l("done"),
    MeasureStatus.DROPPED: _l("dropped"),
}


class CaseGoal(EntryMixin, db.Model):
    __tablename__ = "case_goal"

    category: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    agreed_on: Mapped[date | None]  # set when it becomes part of the integration agreement

    __table_args__ = (CheckConstraint(f"category in ({enum_values_sql(Goal)})", name="category"),)


class GoalStatusEntry(EntryMixin, db.Model):
    __tablename__ = "case_goal_status_entry"

    goal_id: Mapped[int] = mapped_column(ForeignKey("case_goal.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    since: Mapped[date]
    note: Mapped[str | None] = mapped_column(String(500))

    goal: Mapped[CaseGoal] = relationship(foreign_keys=[goal_id])

    __table_args__ = (CheckConstraint(f"status in ({enum_values_sql(GoalStatus)})", name="status"),)


class Measure(EntryMixin, db.Model):
    __tablename__ = "case_measure"

    goal_id: Mapped[int] = mapped_column(ForeignKey("case_goal.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(String(500))
    responsible_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    due_on: Mapped[date | None]

    goal: Mapped[CaseGoal] = relationship(foreign_keys=[goal_id])
    responsible_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[responsible_organisation_id]
    )


class MeasureStatusEntry(EntryMixin, db.Model):
    __tablename__ = "case_measure_status_entry"

    measure_id: Mapped[int] = mapped_column(
        ForeignKey("case_measure.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12))
    since: Mapped[date]
    note: Mapped[str | None] = mapped_column(String(500))

    measure: Mapped[Measure] = relationship(foreign_keys=[measure_id])

    __table_args__ = (
        CheckConstraint(f"status in ({enum_values_sql(MeasureStatus)})", name="status"),
    )


class CaseNote(EntryMixin, db.Model):
    """A dated note, visible only to organisations whose grant covers its purpose."""

    __tablename__ = "case_note"

    text: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        CheckConstraint(f"purpose in ({enum_values_sql(AccessPurpose)})", name="purpose"),
    )
