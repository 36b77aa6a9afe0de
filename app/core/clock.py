"""The municipality's clock: what day it is where the integration office works.

Times are stored in UTC (``app.core.db.utcnow``); days that people read — due dates, "today" in a
matching round, the date on a printout — are days in Germany, so they change at local midnight.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from app.core.db import utcnow

BERLIN = ZoneInfo("Europe/Berlin")


def local_today() -> date:
    """Today's date in Germany."""
    return utcnow().astimezone(BERLIN).date()
