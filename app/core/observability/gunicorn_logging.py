"""gunicorn's own logs (access and errors) in the app's style, for ``gunicorn.conf.py``.

The access line names method, path without the query string (it may hold personal data),
status, duration and the request id the app answered with (``X-Request-ID``), so that it can be
joined with the app's lines of the same request. It also covers requests the app never logged
(a worker killed by its timeout).
"""

from __future__ import annotations

import logging
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from app.core.observability.logging_setup import (
    JSON_FIELDS,
    JSON_RENAMES,
    TEXT_FORMAT,
    install_request_id_factory,
)

ACCESS_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(M)sms %({x-request-id}o)s'


def _access_fields(record: logging.LogRecord) -> dict[str, Any]:
    atoms = record.args if isinstance(record.args, dict) else {}
    status = str(atoms.get("s", ""))
    return {
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "status": int(status) if status.isdigit() else status,
        "duration_ms": atoms.get("M"),
        "request_id": atoms.get("{x-request-id}o", "-"),
    }


class AccessJsonFormatter(JsonFormatter):
    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data.update(_access_fields(record))


def dict_config(production: bool) -> dict[str, Any]:
    """``logconfig_dict``: access lines to stdout, gunicorn's errors to stderr, both as JSON
    in production; the app's own lines go through the root handler the factory installs."""
    install_request_id_factory()  # the master logs too, before any app exists
    json_formatter = {"()": JsonFormatter, "fmt": JSON_FIELDS, "rename_fields": JSON_RENAMES}
    formatters = {
        "access": {"()": AccessJsonFormatter, "fmt": JSON_FIELDS, "rename_fields": JSON_RENAMES}
        if production
        else {"format": "%(asctime)s ACCESS %(message)s"},
        "error": json_formatter if production else {"format": TEXT_FORMAT},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": formatters,
        "handlers": {
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stdout",
            },
            "error": {
                "class": "logging.StreamHandler",
                "formatter": "error",
                "stream": "ext://sys.stderr",
            },
        },
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
            "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
        },
    }
