"""Reads: a user's current or pending factor, and the record of ended factors."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.accounts.second_factor.models import RecoveryCode, SecondFactor
from app.extensions import db


def get_active_factor(user: User) -> SecondFactor | None:
    return db.session.scalar(
        select(SecondFactor).where(
            SecondFactor.user_id == user.id,
            SecondFactor.confirmed_at.is_not(None),
            SecondFactor.ended_at.is_(None),
        )
    )


def has_active_factor(user: User) -> bool:
    return get_active_factor(user) is not None


def get_pending_enrolment(user: User) -> SecondFactor | None:
    return db.session.scalar(
        select(SecondFactor).where(
            SecondFactor.user_id == user.id,
            SecondFactor.confirmed_at.is_(None),
            SecondFactor.ended_at.is_(None),
        )
    )


def count_unused_recovery_codes(factor: SecondFactor) -> int:
    return len([code for code in factor.recovery_codes if code.used_at is None])


def list_recent_resets(limit: int = 20) -> list[SecondFactor]:
    """Factors an administrator ended, newest first: the audit record of resets."""
    return list(
        db.session.scalars(
            select(SecondFactor)
            .where(SecondFactor.ended_by_id.is_not(None))
            .where(SecondFactor.ended_by_id != SecondFactor.user_id)
            .order_by(SecondFactor.ended_at.desc())
            .limit(limit)
        )
    )


def find_recovery_code(factor: SecondFactor, code_hash: str) -> RecoveryCode | None:
    return db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.second_factor_id == factor.id,
            RecoveryCode.code_hash == code_hash,
            RecoveryCode.used_at.is_(None),
        )
    )
