"""Where a coordinator may act: the one region rule every domain asks.

A coordinator acts in the regions of their organisations and every region below them (a district's
municipalities). Domains never test region membership themselves; they call ``acts_in_region``
(one object) or use ``coordinated_region_ids`` to scope a listing.
"""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import OrganisationRegion, User
from app.accounts.queries import region_with_descendants
from app.core.permissions import Role
from app.extensions import db


def coordinated_region_ids(user: User) -> set[int]:
    """The regions a coordinator may act in: those of their organisations, with sub-regions."""
    if not user.is_authenticated or not user.has_role(Role.COORDINATOR):
        return set()
    organisation_ids = [m.organisation_id for m in user.memberships]
    direct = set(
        db.session.scalars(
            select(OrganisationRegion.region_id).where(
                OrganisationRegion.organisation_id.in_(organisation_ids)
            )
        )
    )
    return region_with_descendants(direct)


def acts_in_region(user: User, region_id: int | None) -> bool:
    """May this user act as coordinator for something placed in this region?"""
    return region_id is not None and region_id in coordinated_region_ids(user)


def acting_organisation_id(user: User) -> int | None:
    """The organisation a coordinator acts for (their first membership): the one named in the
    audit trail, and the one a consent recorded on someone's behalf may go to without a reason."""
    memberships = user.memberships if user.is_authenticated else []
    return memberships[0].organisation_id if memberships else None
