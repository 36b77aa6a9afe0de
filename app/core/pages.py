"""Page numbers of paged lists, read from the query string."""

from __future__ import annotations

# No list here comes near this many pages; a larger number is a typo or a probe, and its offset
# would overflow the database's 64-bit integer (SQLite refuses it with an error, not an empty page).
MAX_PAGE = 10_000


def page_number(arg: str | None) -> int:
    """The page asked for as a number from 1 to MAX_PAGE; anything else (empty, 0, negative,
    huge, not a number) reads as the nearest valid page, so a list never answers 500."""
    try:
        number = int((arg or "1").strip())
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def page_offset(page: int, page_size: int) -> int:
    """The rows before ``page`` (clamped again: no caller can ask for an offset out of range)."""
    return (min(max(page, 1), MAX_PAGE) - 1) * page_size


def page_count(total: int, page_size: int) -> int:
    """How many pages ``total`` rows fill (0 for none)."""
    return -(-total // page_size)
