"""Calendar files (iCalendar, RFC 5545) for booked consultations and weekly meeting times.

Written by hand rather than with a library: two kinds of event, with escaping, line folding and
one time zone, are all that is needed. One-off appointments are given in UTC (``...Z``); weekly
times in ``TZID=Europe/Berlin`` with its VTIMEZONE, so they stay at 18:00 across the change to
and from summer time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

TZID = "Europe/Berlin"
PRODID = "-//Brücke//Offers//DE"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_OCTETS = 75

# The rules of Central European (Summer) Time since 1996, as calendars expect them.
BERLIN_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class Appointment:
    uid: str
    starts_at: datetime  # aware
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""


@dataclass(frozen=True)
class WeeklyTime:
    uid: str
    weekday: int  # 0 = Monday
    start_minute: int
    end_minute: int
    summary: str


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = MAX_OCTETS if not pieces else MAX_OCTETS - 1  # continuation lines start with " "
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(day: date, minute: int) -> str:
    return datetime.combine(day, time(minute // 60, minute % 60)).strftime("%Y%m%dT%H%M%S")


def calendar(events: Iterable[list[str]], with_timezone: bool = False) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if with_timezone:
        lines += BERLIN_VTIMEZONE
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def appointment_event(appointment: Appointment, now: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{appointment.uid}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(appointment.starts_at)}",
        f"DTEND:{utc_stamp(appointment.ends_at)}",
        f"SUMMARY:{escape(appointment.summary)}",
    ]
    if appointment.description:
        lines.append(f"DESCRIPTION:{escape(appointment.description)}")
    if appointment.location:
        lines.append(f"LOCATION:{escape(appointment.location)}")
    return [*lines, "END:VEVENT"]


def first_day_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def weekly_event(weekly: WeeklyTime, now: datetime, today: date) -> list[str]:
    day = first_day_on_or_after(today, weekly.weekday)
    return [
        "BEGIN:VEVENT",
        f"UID:{weekly.uid}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART;TZID={TZID}:{local_stamp(day, weekly.start_minute)}",
        f"DTEND;TZID={TZID}:{local_stamp(day, weekly.end_minute)}",
        f"RRULE:FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[weekly.weekday]}",
        f"SUMMARY:{escape(weekly.summary)}",
        "END:VEVENT",
    ]


def appointment_calendar(appointment: Appointment, now: datetime) -> str:
    return calendar([appointment_event(appointment, now)])


def weekly_calendar(times: Iterable[WeeklyTime], now: datetime, today: date) -> str:
    return calendar((weekly_event(t, now, today) for t in times), with_timezone=True)
