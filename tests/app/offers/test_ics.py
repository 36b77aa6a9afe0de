"""Calendar files: RFC 5545 line format, escaping, UTC for appointments, weekly recurrence."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import icalendar

from app.core.permissions import Role
from app.offers import ics

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_long_lines_are_folded_at_75_octets_without_breaking_characters():
    event = ics.Appointment(
        "u@x", NOW, NOW, summary="Gründungsberatung – " + "Ä" * 100, description="a;b,c\nd\\"
    )
    text = ics.appointment_calendar(event, NOW)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert "SUMMARY:Gründungsberatung – " + "Ä" * 100 in lines
    assert "DESCRIPTION:a\\;b\\,c\\nd\\\\" in lines


def test_an_appointment_is_in_utc_with_uid_and_stamp():
    start = datetime(2027, 1, 12, 8, 0, tzinfo=UTC)
    end = datetime(2027, 1, 12, 8, 45, tzinfo=UTC)
    lines = unfold(ics.appointment_calendar(ics.Appointment("abc@bruecke", start, end, "X"), NOW))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert {"VERSION:2.0", "UID:abc@bruecke", "DTSTAMP:20261126T100000Z"} <= set(lines)
    assert {"DTSTART:20270112T080000Z", "DTEND:20270112T084500Z"} <= set(lines)


def test_weekly_times_recur_in_german_time():
    times = [
        ics.WeeklyTime("w1@x", 0, 18 * 60, 20 * 60, "Tandem"),
        ics.WeeklyTime("w2@x", 5, 10 * 60, 12 * 60 + 30, "Tandem"),
    ]
    lines = unfold(ics.weekly_calendar(times, NOW, date(2026, 11, 26)))  # a Thursday
    assert "TZID:Europe/Berlin" in lines and "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in lines
    assert "DTSTART;TZID=Europe/Berlin:20261130T180000" in lines  # the next Monday
    assert "DTEND;TZID=Europe/Berlin:20261130T200000" in lines
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO" in lines
    assert "DTSTART;TZID=Europe/Berlin:20261128T100000" in lines  # the next Saturday
    assert "RRULE:FREQ=WEEKLY;BYDAY=SA" in lines
    begins = [line for line in lines if line.startswith("BEGIN:")]
    ends = [line for line in lines if line.startswith("END:")]
    assert len(begins) == len(ends) == 6


def test_a_mentor_downloads_their_weekly_times(client, build, login, offers):
    mentor = build.user(Role.MENTOR)
    person = offers.person(mentor, None, "Klaus")
    offers.weekly_times(person, (2, 17 * 60, 19 * 60))
    login(mentor)
    response = client.get("/availability.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = unfold(response.get_data(as_text=True))
    assert "RRULE:FREQ=WEEKLY;BYDAY=WE" in lines
    assert any(re.fullmatch(r"DTSTART;TZID=Europe/Berlin:\d{8}T170000", line) for line in lines)


def test_without_a_profile_the_calendar_is_empty_but_valid(client, build, login):
    login(build.user(Role.VOLUNTEER))
    lines = unfold(client.get("/availability.ics").get_data(as_text=True))
    assert lines[0] == "BEGIN:VCALENDAR" and "BEGIN:VEVENT" not in lines


def test_a_stray_carriage_return_never_ends_a_calendar_line():
    # A title saved before input was cleaned may still hold a bare CR (or other controls).
    event = ics.Appointment(
        "u@x", NOW, NOW, summary="Beratung\rBcc: x\x00", description="Zeile 1\rZeile 2\r\n3"
    )
    text = ics.appointment_calendar(event, NOW)
    assert "\r" not in text.replace("\r\n", "") and "\x00" not in text
    [parsed] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(parsed["SUMMARY"]) == "Beratung Bcc: x"
    assert str(parsed["DESCRIPTION"]) == "Zeile 1\nZeile 2\n3"
    assert parsed.decoded("DTSTART") == NOW
