"""Every SQL statement a block of code sends, with the number of its bound parameters."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@dataclass
class Statements:
    sent: list[tuple[str, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sent)

    @property
    def most_parameters(self) -> int:
        return max((n for _, n in self.sent), default=0)


@contextmanager
def recorded(engine: Engine) -> Iterator[Statements]:
    statements = Statements()

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.sent.append((statement, len(parameters) if parameters else 0))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
