"""Reads about accounts, organisations and regions."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import Organisation, Region, User
from app.extensions import db


def region_with_descendants(region_ids: set[int]) -> set[int]:
    """The given regions and every region below them (a district's municipalities)."""
    found = set(region_ids)
    frontier = set(region_ids)
    while frontier:
        children = set(db.session.scalars(select(Region.id).where(Region.parent_id.in_(frontier))))
        frontier = children - found
        found |= frontier
    return found


def list_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def list_districts() -> list[Region]:
    return list(db.session.scalars(select(Region).where(Region.kind == "district")))


def user_has_profile(user: User) -> bool:
    # The person table belongs to profiles, which builds on accounts: ask by table name, so that
    # accounts does not import profiles.
    person = db.metadata.tables["person"]
    query = select(person.c.id).where(person.c.user_id == user.id, person.c.postcode.is_not(None))
    return db.session.scalar(query) is not None
