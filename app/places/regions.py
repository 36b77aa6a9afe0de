"""Which municipality (region) a town belongs to."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import Region
from app.extensions import db


def municipality_named(town: str | None) -> Region | None:
    if not town:
        return None
    return db.session.scalar(
        select(Region).where(Region.kind == "municipality", Region.name == town).limit(1)
    )
