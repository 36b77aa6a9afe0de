"""Open figures without personal data: small groups are suppressed, also against differencing.

A table of municipalities (the parts) and their district (the total) is published column by
column. A count below ``THRESHOLD`` is never shown. When a total is shown, the hidden parts of
its column are never a single cell and never add up to a small group: otherwise subtracting the
shown parts from the total would reveal them. Further parts, smallest first, are hidden until
that holds; when no part is left to hide, the total is hidden too.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    value: int
    shown: bool

    @property
    def text_value(self) -> int | None:
        return self.value if self.shown else None


def primary(value: int) -> bool:
    return value >= THRESHOLD


def differencing_risk(parts: list[int], shown: list[bool]) -> bool:
    hidden = [v for v, s in zip(parts, shown, strict=True) if not s]
    return len(hidden) == 1 or 0 < sum(hidden) < THRESHOLD


def suppress_column(parts: list[int], total: int) -> tuple[list[Cell], Cell]:
    """The cells of one column as published: (parts, total)."""
    shown = [primary(v) for v in parts]
    total_shown = primary(total)
    while total_shown and differencing_risk(parts, shown):
        candidates = [i for i, s in enumerate(shown) if s]
        if not candidates:
            total_shown = False
            break
        shown[min(candidates, key=lambda i: (parts[i], i))] = False
    return [Cell(v, s) for v, s in zip(parts, shown, strict=True)], Cell(total, total_shown)


def suppress_table(
    rows: list[dict[str, int]], columns: list[str]
) -> tuple[list[dict[str, Cell]], dict[str, Cell]]:
    """Suppress each column of ``rows``; the total row is the sum of the rows."""
    published: list[dict[str, Cell]] = [{} for _ in rows]
    totals: dict[str, Cell] = {}
    for column in columns:
        parts = [row.get(column, 0) for row in rows]
        cells, totals[column] = suppress_column(parts, sum(parts))
        for index, cell in enumerate(cells):
            published[index][column] = cell
    return published, totals
