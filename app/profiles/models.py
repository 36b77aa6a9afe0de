"""The core data model that the marketplace and the matching engine use.

A ``Person`` exists with or without an account: a coordinator may keep a profile on behalf of
someone who has none yet. Role-specific details hang off the person in one table per role.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Organisation, Region, User
from app.core.db import enum_values_sql, utcnow
from app.core.taxonomy import keep_taxonomy_id
from app.extensions import db

ADULT_AGE = 18


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"
    UNSPECIFIED = "unspecified"


GENDER_LABELS = {
    Gender.FEMALE: _l("female"),
    Gender.MALE: _l("male"),
    Gender.DIVERSE: _l("diverse"),
    Gender.UNSPECIFIED: _l("not stated"),
}


class LanguageLevel(StrEnum):
    """CEFR levels in ascending order, then native speaker."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


LEVEL_LABELS = {
    LanguageLevel.A1: _l("A1 – beginner"),
    LanguageLevel.A2: _l("A2 – elementary"),
    LanguageLevel.B1: _l("B1 – intermediate"),
    LanguageLevel.B2: _l("B2 – upper intermediate"),
    LanguageLevel.C1: _l("C1 – advanced"),
    LanguageLevel.C2: _l("C2 – proficient"),
    LanguageLevel.NATIVE: _l("native language"),
}


def level_text(level: str) -> str:
    """A language level in a list of languages: the CEFR code, or "native language" translated."""
    return str(LEVEL_LABELS[LanguageLevel.NATIVE]) if level == LanguageLevel.NATIVE else level


class ResidenceStatus(StrEnum):
    ASYLUM_SEEKER = "asylum_seeker"
    RECOGNISED = "recognised"
    SUBSIDIARY_PROTECTION = "subsidiary_protection"
    DULDUNG = "duldung"
    RESIDENCE_PERMIT = "residence_permit"
    TEMPORARY_PROTECTION = "temporary_protection"  # § 24 AufenthG, e.g. people from Ukraine


class RightToWork(StrEnum):
    """Whether the person may take up employment under their current status."""

    ALLOWED = "allowed"
    # Asylum seekers after the waiting period and people with a Duldung need the foreigners'
    # office's approval (Beschäftigungserlaubnis) for a concrete job.
    NEEDS_APPROVAL = "needs_approval"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN = "unknown"


RIGHT_TO_WORK_LABELS = {
    RightToWork.ALLOWED: _l("allowed to work"),
    RightToWork.NEEDS_APPROVAL: _l("needs approval by the foreigners' office"),
    RightToWork.NOT_ALLOWED: _l("not allowed to work"),
    RightToWork.UNKNOWN: _l("not yet known"),
}


class Goal(StrEnum):
    """What a newcomer wants to reach; coordinators see the needs behind these in aggregate."""

    GERMAN_COURSE = "german_course"
    JOB = "job"
    APPRENTICESHIP = "apprenticeship"
    RECOGNITION = "recognition"
    BUSINESS = "business"
    MENTOR = "mentor"
    FRIENDS_LEISURE = "friends_leisure"
    HOUSING = "housing"
    CHILDCARE_SCHOOL = "childcare_school"
    DRIVING_LICENCE = "driving_licence"


GOAL_LABELS = {
    Goal.GERMAN_COURSE: _l("German course"),
    Goal.JOB: _l("A job"),
    Goal.APPRENTICESHIP: _l("An apprenticeship"),
    Goal.RECOGNITION: _l("Recognition of my qualification"),
    Goal.BUSINESS: _l("Founding a business"),
    Goal.MENTOR: _l("A mentor"),
    Goal.FRIENDS_LEISURE: _l("Friends and leisure"),
    Goal.HOUSING: _l("A flat"),
    Goal.CHILDCARE_SCHOOL: _l("Daycare or school for my children"),
    Goal.DRIVING_LICENCE: _l("A driving licence"),
}


class ConsentPurpose(StrEnum):
    PROFILE = "profile"  # keeping a profile on the platform at all
    COUNSELLING = "counselling"
    JOB_PLACEMENT = "job_placement"
    MENTORING = "mentoring"


class Person(db.Model):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), unique=True
    )
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    gender: Mapped[str] = mapped_column(String(12), default=Gender.UNSPECIFIED.value)
    date_of_birth: Mapped[date | None]
    phone: Mapped[str | None] = mapped_column(String(40))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(120))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    max_km: Mapped[float | None]  # how far the person can travel; None: no limit
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    region: Mapped[Region | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    skills: Mapped[list[PersonSkill]] = relationship(cascade="all, delete-orphan")
    languages: Mapped[list[PersonLanguage]] = relationship(cascade="all, delete-orphan")
    availability: Mapped[list[AvailabilitySlot]] = relationship(cascade="all, delete-orphan")
    goals: Mapped[list[PersonGoal]] = relationship(cascade="all, delete-orphan")
    consents: Mapped[list[Consent]] = relationship(cascade="all, delete-orphan")
    refugee_profile: Mapped[RefugeeProfile | None] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    volunteer_profile: Mapped[VolunteerProfile | None] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    mentor_profile: Mapped[MentorProfile | None] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    employer_profile: Mapped[EmployerProfile | None] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    adviser_profile: Mapped[AdviserProfile | None] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint(f"gender in ({enum_values_sql(Gender)})", name="gender"),
        # Lists of people are in name order, a page at a time: read in index order, not sorted.
        Index("ix_person_name_order", "family_name", "given_name", "id"),
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_minor_on(self, day: date) -> bool:
        age = self.age_on(day)
        return age is not None and age < ADULT_AGE


class PersonSkill(db.Model):
    """A skill or former occupation: the taxonomy entry it maps to, and the person's own words."""

    __tablename__ = "person_skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    taxonomy_id: Mapped[str | None] = mapped_column(String(80), index=True)
    original_text: Mapped[str] = mapped_column(String(200))
    years: Mapped[int | None]


keep_taxonomy_id(PersonSkill)


class PersonLanguage(db.Model):
    __tablename__ = "person_language"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(8))  # ISO 639-1 or -3
    level: Mapped[str] = mapped_column(String(8))
    original_text: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (
        UniqueConstraint("person_id", "code"),
        CheckConstraint(f"level in ({enum_values_sql(LanguageLevel)})", name="level"),
    )


class AvailabilitySlot(db.Model):
    """A weekly time range, e.g. Monday 18:00–20:00, in minutes since midnight."""

    __tablename__ = "availability_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]  # 0 = Monday
    start_minute: Mapped[int]
    end_minute: Mapped[int]

    __table_args__ = (
        CheckConstraint("weekday between 0 and 6", name="weekday"),
        CheckConstraint(
            "start_minute >= 0 and end_minute <= 1440 and start_minute < end_minute",
            name="range",
        ),
    )


class PersonGoal(db.Model):
    __tablename__ = "person_goal"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    goal: Mapped[str] = mapped_column(String(30), primary_key=True)

    __table_args__ = (CheckConstraint(f"goal in ({enum_values_sql(Goal)})", name="goal"),)


class Consent(db.Model):
    """A person's consent to one purpose, given themselves or recorded by a coordinator."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who recorded it: the person's own account, or the coordinator who asked the person.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(500))
    withdrawn_at: Mapped[datetime | None]

    __table_args__ = (
        CheckConstraint(f"purpose in ({enum_values_sql(ConsentPurpose)})", name="purpose"),
    )


class RefugeeProfile(db.Model):
    __tablename__ = "refugee_profile"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    origin_country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    arrival_date: Mapped[date | None]
    residence_status: Mapped[str | None] = mapped_column(String(30))
    right_to_work: Mapped[str] = mapped_column(String(20), default=RightToWork.UNKNOWN.value)
    # Wohnsitzauflage: the region the person must live in, if one is imposed.
    residence_obligation_region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    preferred_mentor_gender: Mapped[str | None] = mapped_column(String(12))
    former_occupation: Mapped[str | None] = mapped_column(String(200))
    goals_text: Mapped[str | None] = mapped_column(Text)
    waiting_since: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="refugee_profile")
    residence_obligation_region: Mapped[Region | None] = relationship()

    __table_args__ = (
        CheckConstraint(f"right_to_work in ({enum_values_sql(RightToWork)})", name="right_to_work"),
        CheckConstraint(
            f"residence_status is null or residence_status in ({enum_values_sql(ResidenceStatus)})",
            name="residence_status",
        ),
        CheckConstraint(
            "preferred_mentor_gender is null or preferred_mentor_gender in ('female', 'male')",
            name="preferred_mentor_gender",
        ),
    )


class VolunteerProfile(db.Model):
    __tablename__ = "volunteer_profile"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    hours_per_week: Mapped[float | None]
    interests: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="volunteer_profile")


class MentorProfile(db.Model):
    __tablename__ = "mentor_profile"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    tandem_capacity: Mapped[int] = mapped_column(default=1)
    # Erweitertes Führungszeugnis: needed to mentor a minor; a coordinator checks it.
    conduct_certificate_issued_on: Mapped[date | None]
    conduct_certificate_checked_on: Mapped[date | None]
    conduct_certificate_checked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL")
    )
    conduct_certificate_valid_until: Mapped[date | None]
    # The uploaded scan: stored under a random name; the original name is shown escaped.
    conduct_certificate_file: Mapped[str | None] = mapped_column(String(80))
    conduct_certificate_filename: Mapped[str | None] = mapped_column(String(255))

    person: Mapped[Person] = relationship(back_populates="mentor_profile")

    __table_args__ = (CheckConstraint("tandem_capacity >= 0", name="tandem_capacity"),)

    def certificate_valid_on(self, day: date) -> bool:
        return (
            self.conduct_certificate_checked_on is not None
            and self.conduct_certificate_valid_until is not None
            and self.conduct_certificate_valid_until >= day
        )


class EmployerProfile(db.Model):
    __tablename__ = "employer_profile"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    position: Mapped[str | None] = mapped_column(String(120))

    person: Mapped[Person] = relationship(back_populates="employer_profile")
    organisation: Mapped[Organisation | None] = relationship()


class AdviserProfile(db.Model):
    __tablename__ = "adviser_profile"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    topics: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="adviser_profile")
    organisation: Mapped[Organisation | None] = relationship()


class ProfileChange(db.Model):
    """A coordinator changed the profile of a person kept on behalf: who, for which
    organisation, when, and which fields. Only the field names: the values are the person's data
    and stay in the profile (the case-file audit keeps ids, never values, the same way)."""

    __tablename__ = "profile_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    fields: Mapped[str] = mapped_column(String(300))  # comma-separated names, e.g. "phone,skills"
