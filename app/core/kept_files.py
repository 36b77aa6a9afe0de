"""Files made in the background and kept in their own row (case-file documents, data exports).

Their state lives in the row, so a redelivered task is harmless. A file that cannot be rendered is
marked failed (and logged) rather than retried: the same data would fail again, and the page says
so instead of waiting for ever. A row gone meanwhile (the person was erased) is nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from flask import current_app

from app.extensions import db


class KeptFile(Protocol):
    status: str


Row = TypeVar("Row", bound=KeptFile)


def produce_or_fail(
    model: type[Row], row_id: int, produce: Callable[[Row], Any], fail: Callable[[Row], Any]
) -> str:
    """Render the file of row ``row_id``; its status afterwards, or "missing"."""
    row = db.session.get(model, row_id)
    if row is None:
        return "missing"
    try:
        produce(row)
        db.session.commit()
    except Exception:
        current_app.logger.exception("%s %s could not be rendered", model.__name__, row_id)
        db.session.rollback()
        row = db.session.get(model, row_id)
        if row is None:
            return "missing"
        fail(row)
        db.session.commit()
    return row.status
