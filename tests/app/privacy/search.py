"""Search every column of every table in the database for a piece of text."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db


def occurrences(needle: str) -> list[str]:
    """``table.column`` for every value that contains ``needle`` (case-insensitive; binary
    columns are searched for its UTF-8 bytes)."""
    text, raw = needle.casefold(), needle.encode()
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            for column, value in row.items():
                if value is None:
                    continue
                hit = raw in value if isinstance(value, bytes) else text in str(value).casefold()
                if hit:
                    found.append(f"{table.name}.{column}")
    return found
