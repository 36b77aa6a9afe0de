"""Users with several roles, organisations with members, and regions (district → municipality)."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class RegionKind(StrEnum):
    DISTRICT = "district"
    MUNICIPALITY = "municipality"


class Region(db.Model):
    """A district (Landkreis) or a municipality within it."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str | None] = mapped_column(String(12), unique=True)  # Gemeindeschlüssel
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]

    parent: Mapped[Region | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Region]] = relationship(back_populates="parent")

    __table_args__ = (CheckConstraint("kind in ('district', 'municipality')", name="kind"),)

    def __repr__(self) -> str:
        return f"<Region {self.name}>"


class OrganisationKind(StrEnum):
    MUNICIPAL_OFFICE = "municipal_office"
    WELFARE = "welfare"
    COMPANY = "company"
    CHAMBER = "chamber"
    JOBCENTER = "jobcenter"


class OrganisationRegion(db.Model):
    """The regions an organisation works in; its coordinators act only there."""

    __tablename__ = "organisation_region"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    region_id: Mapped[int] = mapped_column(
        ForeignKey("region.id", ondelete="CASCADE"), primary_key=True
    )


class Organisation(db.Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    regions: Mapped[list[Region]] = relationship(secondary="organisation_region")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint(
            "kind in ('municipal_office', 'welfare', 'company', 'chamber', 'jobcenter')",
            name="kind",
        ),
    )


class Membership(db.Model):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)


class UserRole(db.Model):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint(
            "role in ('refugee', 'volunteer', 'mentor', 'employer', 'adviser', 'coordinator',"
            " 'admin')",
            name="role",
        ),
    )


class User(UserMixin, db.Model):
    """An account. Personal details live in the person profile, not here."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(120))
    locale: Mapped[str | None] = mapped_column(String(5))
    confirmed_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login cookie; replacing it ends every session of this user at once.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def roles(self) -> set[Role]:
        return {Role(row.role) for row in self.role_rows}

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def has_any_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.id}>"
