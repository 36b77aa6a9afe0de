"""SQL expressions the evidence counts need that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class whole_days(FunctionElement[int]):
    """Whole days from the first timestamp to the second, as Python's ``(end - start).days``
    counts them (rounded down), to the microsecond on both engines."""

    type = Integer()
    inherit_cache = True
    name = "whole_days"

    def __init__(self, start: ColumnElement[Any], end: ColumnElement[Any]) -> None:
        super().__init__(start, end)


@compiles(whole_days, "postgresql")
def _whole_days_postgresql(element: whole_days, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({end} - {start})) / 86400) AS INTEGER)"


@compiles(whole_days, "sqlite")
def _whole_days_sqlite(element: whole_days, compiler: Any, **kw: Any) -> str:
    # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" (UTC here): the calendar days between the
    # dates, less one when the end's time of day comes before the start's. julianday() of a
    # date alone is exact; of a timestamp it is a float that can land just below a whole day.
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return (
        f"(CAST(julianday(substr({end}, 1, 10)) - julianday(substr({start}, 1, 10)) AS INTEGER)"
        f" - (substr({end}, 12) < substr({start}, 12)))"
    )
