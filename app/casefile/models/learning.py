"""Qualifications with their recognition, language courses and language test results."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.casefile.models.base import EntryMixin
from app.core.db import enum_values_sql
from app.extensions import db
from app.profiles.models import LanguageLevel


class QualificationKind(StrEnum):
    SCHOOL = "school"
    VOCATIONAL = "vocational"
    ACADEMIC = "academic"


QUALIFICATION_KIND_LABELS = {
    QualificationKind.SCHOOL: _l("school"),
    QualificationKind.VOCATIONAL: _l("vocational"),
    QualificationKind.ACADEMIC: _l("academic"),
}


class RecognitionStatus(StrEnum):
    APPLIED = "applied"
    PARTIAL = "partial"
    FULL = "full"
    REFUSED = "refused"


RECOGNITION_LABELS = {
    RecognitionStatus.APPLIED: _l("recognition applied for"),
    RecognitionStatus.PARTIAL: _l("partially recognised"),
    RecognitionStatus.FULL: _l("fully recognised"),
    RecognitionStatus.REFUSED: _l("recognition refused"),
}


class CourseKind(StrEnum):
    INTEGRATION_BASIC_1 = "integration_basic_1"
    INTEGRATION_BASIC_2 = "integration_basic_2"
    INTEGRATION_BASIC_3 = "integration_basic_3"
    INTEGRATION_ADVANCED_1 = "integration_advanced_1"
    INTEGRATION_ADVANCED_2 = "integration_advanced_2"
    INTEGRATION_ADVANCED_3 = "integration_advanced_3"
    ORIENTATION = "orientation"
    VOCATIONAL_LANGUAGE = "vocational_language"
    OTHER = "other"


COURSE_LABELS = {
    CourseKind.INTEGRATION_BASIC_1: _l("integration course, basic module 1"),
    CourseKind.INTEGRATION_BASIC_2: _l("integration course, basic module 2"),
    CourseKind.INTEGRATION_BASIC_3: _l("integration course, basic module 3"),
    CourseKind.INTEGRATION_ADVANCED_1: _l("integration course, advanced module 1"),
    CourseKind.INTEGRATION_ADVANCED_2: _l("integration course, advanced module 2"),
    CourseKind.INTEGRATION_ADVANCED_3: _l("integration course, advanced module 3"),
    CourseKind.ORIENTATION: _l("orientation course"),
    CourseKind.VOCATIONAL_LANGUAGE: _l("vocational language course (DeuFöV)"),
    CourseKind.OTHER: _l("other course"),
}


class CourseStatus(StrEnum):
    PLANNED = "planned"
    ATTENDING = "attending"
    COMPLETED = "completed"
    DROPPED = "dropped"


COURSE_STATUS_LABELS = {
    CourseStatus.PLANNED: _l("planned"),
    CourseStatus.ATTENDING: _l("attending"),
    CourseStatus.COMPLETED: _l("completed"),
    CourseStatus.DROPPED: _l("dropped"),
}


class Qualification(EntryMixin, db.Model):
    __tablename__ = "case_qualification"

    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    year: Mapped[int | None]
    taxonomy_id: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (
        CheckConstraint(f"kind in ({enum_values_sql(QualificationKind)})", name="kind"),
    )


class RecognitionEntry(EntryMixin, db.Model):
    __tablename__ = "case_recognition_entry"

    qualification_id: Mapped[int] = mapped_column(
        ForeignKey("case_qualification.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12))
    since: Mapped[date]
    authority: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(500))

    qualification: Mapped[Qualification] = relationship(foreign_keys=[qualification_id])

    __table_args__ = (
        CheckConstraint(f"status in ({enum_values_sql(RecognitionStatus)})", name="status"),
    )


class CourseEntry(EntryMixin, db.Model):
    __tablename__ = "case_course_entry"

    course: Mapped[str] = mapped_column(String(30))
    provider: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12))

    __table_args__ = (
        CheckConstraint(f"course in ({enum_values_sql(CourseKind)})", name="course"),
        CheckConstraint(f"status in ({enum_values_sql(CourseStatus)})", name="status"),
    )


class LanguageTestResult(EntryMixin, db.Model):
    __tablename__ = "case_language_test_result"

    language: Mapped[str] = mapped_column(String(8), default="de")
    test_name: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(8))
    taken_on: Mapped[date]

    __table_args__ = (
        CheckConstraint(f"level in ({enum_values_sql(LanguageLevel)})", name="level"),
    )
