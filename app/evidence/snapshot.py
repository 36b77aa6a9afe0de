"""The newcomers' needs per region as last counted, kept in ``needs_snapshot``.

Counting needs reads every newcomer of a region (a few GROUP BY queries: seconds at 100,000
people, ten times that at a million), too slow for a page and far too slow for a public page
that anyone may ask for at once. So a background task counts every region every few minutes
(``EVIDENCE_SNAPSHOT_SECONDS``) and the pages read the kept counts: a handful of rows, whatever
the number of people. Each web process turns the kept rows into needs once per count and day
and asks the database only whether a newer count is there. With the setting at 0 (tests,
development) every page counts afresh; with no snapshot at all yet (a new database) pages count
afresh too, until the task has run.
"""

from __future__ import annotations

import threading
from datetime import date, datetime

from flask import current_app
from sqlalchemy import delete, func, select

from app.core.db import utcnow
from app.evidence.models import NeedsSnapshot
from app.evidence.needs import Needs, Tally, tally_by_region
from app.extensions import db

Stamp = tuple[datetime | None, int, date, str | None]
_kept: dict[Stamp, dict[int, Needs]] = {}
_guard = threading.Lock()


def kept_seconds() -> float:
    return float(current_app.config.get("EVIDENCE_SNAPSHOT_SECONDS", 0))


def current_needs(region_ids: set[int] | None, today: date, locale: str | None) -> dict[int, Needs]:
    """Needs per region of ``region_ids`` (every region for None) on ``today``: from the kept
    counts when snapshots are on and a count made on or before ``today`` is kept, else counted
    now. The returned needs are shared within the process: read them, do not change them."""
    if kept_seconds() > 0:
        newest, regions = db.session.execute(
            select(func.max(NeedsSnapshot.counted_at), func.count()).where(
                NeedsSnapshot.counted_on <= today
            )
        ).one()
        if regions:
            every = _needs_of_count((newest, regions, today, locale))
            wanted = every if region_ids is None else region_ids
            return {r: every[r] for r in wanted if r in every}
    tallies = tally_by_region(region_ids, today)
    return {region_id: t.needs(today, locale) for region_id, t in tallies.items()}


def _needs_of_count(stamp: Stamp) -> dict[int, Needs]:
    found = _kept.get(stamp)
    if found is None:
        _, _, today, locale = stamp
        query = select(NeedsSnapshot).where(NeedsSnapshot.counted_on <= today)
        found = {
            row.region_id: Tally.from_json(row.tally).needs(today, locale)
            for row in db.session.scalars(query)
        }
        with _guard:  # keep only the newest count's needs (one set per day and language)
            for old in [s for s in _kept if s[:2] != stamp[:2]]:
                del _kept[old]
            _kept[stamp] = found
    return found


def refresh_snapshot(today: date) -> int:
    """Count every region afresh and keep the counts in place of the old ones; flushes, the
    caller commits. Returns how many regions have newcomers."""
    tallies = tally_by_region(None, today)
    with _guard:
        _kept.clear()
    db.session.execute(delete(NeedsSnapshot))
    now = utcnow()
    db.session.add_all(
        NeedsSnapshot(region_id=region_id, counted_on=today, counted_at=now, tally=t.as_json())
        for region_id, t in tallies.items()
    )
    db.session.flush()
    return len(tallies)
