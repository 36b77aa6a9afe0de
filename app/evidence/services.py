"""Writes of the evidence package: capacity figures entered by coordinators."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from app.accounts.models import Region, User
from app.evidence.errors import EvidenceError
from app.evidence.models import MAX_PLACES, CapacityFigure, CapacityKind
from app.extensions import db


def record_capacity(
    coordinator: User,
    region: Region,
    *,
    kind: CapacityKind,
    places: int,
    recorded_on: date,
    note: str | None = None,
) -> CapacityFigure:
    """Record free places as counted on ``recorded_on``; earlier counts stay as history.

    The caller has checked that ``coordinator`` coordinates ``region``.
    """
    if not 0 <= places <= MAX_PLACES:
        raise EvidenceError(_l("Please enter a number from 0 to 100,000."))
    figure = CapacityFigure(
        region_id=region.id,
        kind=kind.value,
        places=places,
        recorded_on=recorded_on,
        recorded_by_id=coordinator.id,
        note=(note or "").strip() or None,
    )
    db.session.add(figure)
    db.session.flush()
    return figure
