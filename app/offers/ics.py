"""Calendar files (iCalendar, RFC 5545) for booked consultations and weekly meeting times.

Written with the ``icalendar`` library, which escapes text, folds long lines without splitting
a character and ends every line with CRLF. One-off appointments are given in UTC (``...Z``);
weekly times in ``TZID=Europe/Berlin`` with its VTIMEZONE, so they stay at 18:00 across the
change to and from summer time. Text that a person typed is made one line (summary) or plain
lines (description) first, so an old value with a stray CR cannot end a calendar line early.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from app.core.forms import multi_line, single_line

TZID = "Europe/Berlin"
PRODID = "-//Brücke//Offers//DE"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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


def time_rule(
    kind: type[TimezoneDaylight | TimezoneStandard],
    name: str,
    hours: tuple[int, int],
    start: datetime,
) -> TimezoneDaylight | TimezoneStandard:
    """One half of Central European (Summer) Time since 1996: from ``start``, every year on the
    last Sunday of its month, the offset changes from ``hours[0]`` to ``hours[1]``."""
    part = kind()
    part.add("tzoffsetfrom", timedelta(hours=hours[0]))
    part.add("tzoffsetto", timedelta(hours=hours[1]))
    part.add("tzname", name)
    part.add("dtstart", start)
    part.add("rrule", {"freq": "yearly", "bymonth": start.month, "byday": "-1SU"})
    return part


def berlin_timezone() -> Timezone:
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add_component(time_rule(TimezoneDaylight, "CEST", (1, 2), datetime(1970, 3, 29, 2)))
    zone.add_component(time_rule(TimezoneStandard, "CET", (2, 1), datetime(1970, 10, 25, 3)))
    return zone


def calendar(events: Iterable[Event], with_timezone: bool = False) -> str:
    document = Calendar()
    document.add("version", "2.0")
    document.add("prodid", PRODID)
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    if with_timezone:
        document.add_component(berlin_timezone())
    for event in events:
        document.add_component(event)
    return document.to_ical().decode("utf-8")


def appointment_event(appointment: Appointment, now: datetime) -> Event:
    event = Event()
    event.add("uid", appointment.uid)
    event.add("dtstamp", now)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", single_line(appointment.summary))
    if appointment.description:
        event.add("description", multi_line(appointment.description))
    if appointment.location:
        event.add("location", single_line(appointment.location))
    return event


def first_day_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def local_moment(day: date, minute: int) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=ZoneInfo(TZID))


def weekly_event(weekly: WeeklyTime, now: datetime, today: date) -> Event:
    day = first_day_on_or_after(today, weekly.weekday)
    event = Event()
    event.add("uid", weekly.uid)
    event.add("dtstamp", now)
    event.add("dtstart", local_moment(day, weekly.start_minute))
    event.add("dtend", local_moment(day, weekly.end_minute))
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAY_CODES[weekly.weekday]})
    event.add("summary", single_line(weekly.summary))
    return event


def appointment_calendar(appointment: Appointment, now: datetime) -> str:
    return calendar([appointment_event(appointment, now)])


def weekly_calendar(times: Iterable[WeeklyTime], now: datetime, today: date) -> str:
    return calendar((weekly_event(t, now, today) for t in times), with_timezone=True)
