"""The operator of the site as the legal pages name it, read once from the configuration.

Every value comes from ``OPERATOR_*``, ``DPO_*``, ``SUPERVISORY_AUTHORITY_*`` and
``ENFORCEMENT_BODY_*`` settings (app.config.OPERATOR_DEFAULTS holds the demo's values). Opening
hours and the statement's date are parsed when the app starts, so a typo stops the start with a
message instead of breaking a page later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from app.config import OPERATOR_DEFAULTS

TIME_SPAN = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
DAYS = re.compile(r"^([1-7])(?:-([1-7]))?$")


@dataclass(frozen=True)
class Body:
    """An office somebody may write to: its name and, where known, address, mail and web page."""

    name: str
    address: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class OpeningHours:
    """Weekdays ``first``..``last`` (Monday = 0) and the time spans the office is open on them."""

    first: int
    last: int
    spans: tuple[tuple[time, time], ...]


@dataclass(frozen=True)
class Operator:
    name: str
    street: str
    city: str
    representative: str
    content_responsible: str | None
    oversight: str | None
    vat_id: str | None
    email: str
    phone: str | None
    fax: str | None
    sms: str | None
    hours: tuple[OpeningHours, ...]
    dgs_video_url: str | None
    relay_service_url: str | None
    dpo: Body
    supervisory_authority: Body
    enforcement_body: Body
    statement_date: date
    security_log_days: int
    demo: bool  # still the demo's values: the pages say so


def parse_office_hours(text: str) -> tuple[OpeningHours, ...]:
    """``"1-4 08:00-12:00 13:30-16:00; 5 08:00-12:00"`` -> one row per day range."""
    rows = []
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        days, *spans = part.split()
        day_match = DAYS.match(days)
        if not day_match or not spans:
            raise ValueError(f"OPERATOR_OFFICE_HOURS: {part!r} is not 'DAYS HH:MM-HH:MM ...'")
        first = int(day_match.group(1)) - 1
        last = int(day_match.group(2) or day_match.group(1)) - 1
        rows.append(OpeningHours(first, last, tuple(_time_span(span, part) for span in spans)))
    return tuple(rows)


def _time_span(span: str, part: str) -> tuple[time, time]:
    found = TIME_SPAN.match(span)
    if not found:
        raise ValueError(f"OPERATOR_OFFICE_HOURS: {span!r} in {part!r} is not HH:MM-HH:MM")
    hours = [int(value) for value in found.groups()]
    return time(hours[0], hours[1]), time(hours[2], hours[3])


def _optional(config: dict[str, Any], key: str) -> str | None:
    value = config.get(key)
    return str(value) if value not in (None, "") else None


def operator_from_config(config: dict[str, Any]) -> Operator:
    """Build the operator from the app's configuration; ``ValueError`` names a malformed value."""
    try:
        statement_date = date.fromisoformat(str(config["ACCESSIBILITY_STATEMENT_DATE"]))
    except ValueError as error:
        raise ValueError("ACCESSIBILITY_STATEMENT_DATE is not an ISO date (YYYY-MM-DD)") from error
    return Operator(
        name=str(config["OPERATOR_NAME"]),
        street=str(config["OPERATOR_STREET"]),
        city=str(config["OPERATOR_CITY"]),
        representative=str(config["OPERATOR_REPRESENTATIVE"]),
        content_responsible=_optional(config, "OPERATOR_CONTENT_RESPONSIBLE"),
        oversight=_optional(config, "OPERATOR_OVERSIGHT"),
        vat_id=_optional(config, "OPERATOR_VAT_ID"),
        email=str(config["OPERATOR_EMAIL"]),
        phone=_optional(config, "OPERATOR_PHONE"),
        fax=_optional(config, "OPERATOR_FAX"),
        sms=_optional(config, "OPERATOR_SMS"),
        hours=parse_office_hours(str(config["OPERATOR_OFFICE_HOURS"] or "")),
        dgs_video_url=_optional(config, "OPERATOR_DGS_VIDEO_URL"),
        relay_service_url=_optional(config, "OPERATOR_RELAY_SERVICE_URL"),
        dpo=_body(config, "DPO"),
        supervisory_authority=_body(config, "SUPERVISORY_AUTHORITY"),
        enforcement_body=_body(config, "ENFORCEMENT_BODY"),
        statement_date=statement_date,
        security_log_days=int(config["SECURITY_LOG_RETENTION_DAYS"]),
        demo=config["OPERATOR_NAME"] == OPERATOR_DEFAULTS["OPERATOR_NAME"],
    )


def _body(config: dict[str, Any], prefix: str) -> Body:
    return Body(
        name=str(config[f"{prefix}_NAME"]),
        address=_optional(config, f"{prefix}_ADDRESS"),
        email=_optional(config, f"{prefix}_EMAIL"),
        url=_optional(config, f"{prefix}_URL"),
    )
