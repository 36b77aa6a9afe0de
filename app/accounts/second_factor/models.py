"""A user's TOTP secret and their recovery codes.

A factor is never deleted: turning it off or an administrator's reset ends it (``ended_at``,
``ended_by_id``) and wipes its secret and codes, so the rows stay as the record of who did it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.db import utcnow
from app.extensions import db


class SecondFactor(db.Model):
    """One enrolment: pending until the first right code confirms it, active until ended."""

    __tablename__ = "second_factor"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Base32; emptied when the factor ends.
    secret: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    # The 30-second step of the last accepted code: a code of this step or an earlier one is
    # refused, so a code seen over a shoulder or in a proxy log cannot be used again.
    last_used_step: Mapped[int | None]
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    ended_by: Mapped[User | None] = relationship(foreign_keys=[ended_by_id])
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="second_factor", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.ended_at is None


class RecoveryCode(db.Model):
    """A single-use code for a lost phone, stored as a hash only."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    second_factor_id: Mapped[int] = mapped_column(
        ForeignKey("second_factor.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]

    second_factor: Mapped[SecondFactor] = relationship(back_populates="recovery_codes")
