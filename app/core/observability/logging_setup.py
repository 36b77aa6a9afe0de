"""Logging for the web and worker processes: JSON lines in production, readable text otherwise.

Every record carries ``request_id`` (``-`` outside a request or task), whichever logger wrote
it, because the record factory adds it; handlers and formatters need not know about it.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from app.core.observability.request_id import current_request_id

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
JSON_RENAMES = {"asctime": "time", "levelname": "level", "name": "logger"}
# Libraries that say at INFO what only a developer chasing them wants to read.
QUIET = {
    "weasyprint.progress": "WARNING",
    "fontTools": "WARNING",
    "alembic.runtime.plugins": "WARNING",
}


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the moment (pytest swaps it per test)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def json_formatter() -> logging.Formatter:
    return JsonFormatter(JSON_FIELDS, rename_fields=JSON_RENAMES)


def text_formatter() -> logging.Formatter:
    return logging.Formatter(TEXT_FORMAT)


def install_request_id_factory() -> None:
    """Make every log record carry the current request id (once per process)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "adds_request_id", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = current_request_id() or "-"
        return record

    factory.adds_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def configure_logging(production: bool, level: str = "INFO") -> None:
    """One handler on the root logger; calling it again (another app in tests) replaces it."""
    install_request_id_factory()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(handler)
    handler = StderrHandler()
    handler.setFormatter(json_formatter() if production else text_formatter())
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name, quiet_level in QUIET.items():
        logging.getLogger(name).setLevel(quiet_level)
