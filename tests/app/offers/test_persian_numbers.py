"""Issue 15: Persian mixed Latin and Persian digits. Every number the application writes into a
flash message or a mail is written the reader's way: in Persian with ۰–۹. Only codes keep
their Latin digits: links and postcodes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from app.core.clock import local_today
from app.extensions import db
from tests.app.outbox import Outbox

# What may keep Latin digits: a link and a German postcode (codes, not numbers).
CODES = re.compile(r"https?://\S+|\b\d{5}\b")
FLASH = re.compile(r'<div class="alert alert-\w+" role="\w+">(.*?)</div>', re.S)


def latin_digits(text: str) -> list[str]:
    return re.findall(r"[0-9]+", CODES.sub("", text))


def reads_persian(app, user) -> None:
    with app.app_context():
        db.session.merge(user).locale = "fa"
        db.session.commit()


@pytest.fixture
def advice(world, offers):
    return offers.offer(
        world.adviser_person, world.bramsche, kind="advice", title="Gründungsberatung"
    )


@pytest.mark.parametrize("count", [1, 12])
def test_the_appointments_added_are_counted_in_persian(app, client, login, world, advice, count):
    reads_persian(app, world.adviser)
    login(world.adviser)
    response = client.post(
        f"/advice/{advice.id}/slots",
        data={
            "day": (local_today() + timedelta(days=7)).isoformat(),
            "start": "09:00",
            "minutes": "45",
            "count": str(count),
        },
        follow_redirects=True,
    )
    [message] = FLASH.findall(response.get_data(as_text=True))
    assert "۱۲" in message if count == 12 else "۱" in message
    assert latin_digits(message) == [], message


def test_the_booking_mail_writes_its_minutes_in_persian(app, client, login, world, offers, advice):
    reads_persian(app, world.refugee)
    login(world.refugee)
    client.post(f"/slots/{offers.slot(advice).id}/book")
    body = Outbox(app).last_to(world.refugee.email).get_content()
    assert "۴۵ دقیقه" in body
    assert latin_digits(body) == [], body


@pytest.mark.parametrize(("locale", "hour_word"), [("fa", "ساعت"), ("ar", "")])
def test_the_booking_mails_date_line_is_written_in_the_locales_own_pattern(
    app, client, login, world, offers, advice, locale, hour_word
):
    """Issue 15: the line read "پنجشنبه, ۱۰ دسامبر" (a Latin comma glued to Persian words)."""
    from babel import Locale

    with app.app_context():
        db.session.merge(world.refugee).locale = locale
        db.session.commit()
    login(world.refugee)
    client.post(f"/slots/{offers.slot(advice).id}/book")
    body = Outbox(app).last_to(world.refugee.email).get_content()
    weekdays = Locale.parse(locale).days["format"]["wide"].values()
    [line] = [line for line in body.splitlines() if any(day in line for day in weekdays)]
    assert "," not in line and "،" in line, line
    assert hour_word in line, line
    if locale == "fa":
        assert latin_digits(line) == [], line
