"""The newcomers' needs per region as last counted, kept in ``needs_snapshot``.

Counting needs reads every newcomer of a region (a few GROUP BY queries: seconds at 100,000
people, ten times that at a million), too slow for a page and far too slow for a public page
that anyone may ask for at once. So a background task counts every region every few minutes
(``EVIDENCE_SNAPSHOT_SECONDS``) and the pages read the kept counts: a handful of rows, whatever
the number of people. With the setting at 0 (tests, development) every page counts afresh; with
no snapshot at all yet (a new database) pages count afresh too, until the task has run.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import delete, select

from app.core.db import utcnow
from app.evidence.models import NeedsSnapshot
from app.evidence.needs import Tally, tally_by_region
from app.extensions import db


def kept_seconds() -> float:
    return float(current_app.config.get("EVIDENCE_SNAPSHOT_SECONDS", 0))


def current_tallies(region_ids: set[int] | None, today: date) -> dict[int, Tally]:
    """The tallies of ``region_ids`` (every region for None): the kept ones when snapshots are
    on and one was counted on or before ``today``, else counted now."""
    if kept_seconds() <= 0:
        return tally_by_region(region_ids, today)
    query = select(NeedsSnapshot).where(NeedsSnapshot.counted_on <= today)
    if region_ids is not None:
        query = query.where(NeedsSnapshot.region_id.in_(region_ids))
    rows = list(db.session.scalars(query))
    if not rows and not has_snapshot(today):
        return tally_by_region(region_ids, today)
    return {row.region_id: Tally.from_json(row.tally) for row in rows}


def has_snapshot(today: date) -> bool:
    """Whether any region was counted (on or before ``today``): a region with no newcomers has
    no row, so no rows for some regions is an answer, no rows at all is not."""
    query = select(NeedsSnapshot.region_id).where(NeedsSnapshot.counted_on <= today).limit(1)
    return db.session.scalar(query) is not None


def refresh_snapshot(today: date) -> int:
    """Count every region afresh and keep the counts in place of the old ones; flushes, the
    caller commits. Returns how many regions have newcomers."""
    tallies = tally_by_region(None, today)
    db.session.execute(delete(NeedsSnapshot))
    now = utcnow()
    db.session.add_all(
        NeedsSnapshot(region_id=region_id, counted_on=today, counted_at=now, tally=t.as_json())
        for region_id, t in tallies.items()
    )
    db.session.flush()
    return len(tallies)
