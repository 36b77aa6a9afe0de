"""Booking a consultation slot: once only, with a confirmation page, a mail and a calendar file."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db
from app.offers import bookings, services
from app.offers.models import AdviceSlot, Offer
from tests.app.outbox import path_of


@pytest.fixture
def advice(world, offers):
    return offers.offer(
        world.adviser_person,
        world.bramsche,
        kind="advice",
        title="Gründungsberatung",
        meeting_mode="in_person",
        topics="Businessplan, Steuern",
    )


def slot_row(app, slot_id: int) -> AdviceSlot:
    with app.app_context():
        return db.session.get(AdviceSlot, slot_id)


def test_refugee_books_gets_a_page_a_mail_and_a_calendar_file(
    app, client, build, login, world, offers, advice, outbox
):
    slot = offers.slot(advice)
    login(world.refugee)
    response = client.post(f"/slots/{slot.id}/book", data={"note": "Ich will ein Café eröffnen"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/bookings/{slot.id}")
    page = client.get(response.headers["Location"], headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Your appointment is booked" in text and "Ich will ein Café eröffnen" in text

    booked = slot_row(app, slot.id)
    assert booked.booked_by_id == world.refugee_person.id and booked.uid

    mail = outbox.last_to(world.refugee.email)
    assert "Gründungsberatung" in mail["Subject"]
    body = mail.get_content()
    assert "45 minutes" in body and "Bramsche" in body
    calendar_link = next(line for line in body.splitlines() if line.endswith(".ics"))
    calendar = client.get(path_of(calendar_link))
    assert calendar.status_code == 200
    assert calendar.mimetype == "text/calendar"
    ics = calendar.get_data(as_text=True)
    assert f"UID:{booked.uid}\r\n" in ics
    assert f"DTSTART:{booked.starts_at.strftime('%Y%m%dT%H%M%SZ')}\r\n" in ics
    assert "DTSTAMP:" in ics and "LOCATION:49565 Bramsche\r\n" in ics


def test_the_mail_is_written_in_the_persons_language(
    app, client, build, login, world, offers, advice, outbox
):
    user = build.user(Role.REFUGEE, locale="de")
    build.refugee_person(world.bramsche, "Rania", "Saleh", user=user)
    login(user)
    client.post(f"/slots/{offers.slot(advice).id}/book")
    mail = outbox.last_to(user.email)
    # The date is written the German way (the texts follow once the catalogue has them).
    german_days = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
    assert any(day in mail.get_content() for day in german_days)


def test_a_slot_is_booked_only_once(app, client, make_client, login, world, offers, advice):
    slot = offers.slot(advice)
    login(world.refugee)
    assert client.post(f"/slots/{slot.id}/book").status_code == 302
    second = login(world.refugee_el, on=make_client())
    response = second.post(
        f"/slots/{slot.id}/book", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "has just been taken" in response.get_data(as_text=True)
    assert slot_row(app, slot.id).booked_by_id == world.refugee_person.id


def test_booking_is_a_conditional_update_not_a_read_then_write(app, world, offers, advice):
    slot = offers.slot(advice)
    with app.app_context():
        stale = db.session.get(AdviceSlot, slot.id)
        assert stale.booked_by_id is None  # this session believes the slot is free
        with db.engine.begin() as other:  # ... while another request books it
            other.execute(
                update(AdviceSlot)
                .where(AdviceSlot.id == slot.id)
                .values(booked_by_id=world.refugee_el_person.id)
            )
        with pytest.raises(services.SlotNotAvailable):
            bookings.book_slot(slot.id, world.refugee_person, None, utcnow())
        db.session.rollback()
    assert slot_row(app, slot.id).booked_by_id == world.refugee_el_person.id


def test_a_request_that_fails_after_booking_keeps_no_booking(app, world, offers, advice):
    # book_slot works inside begin_nested(); on SQLite pysqlite used to run that SAVEPOINT
    # outside any transaction, and its RELEASE committed the booking on the spot.
    slot = offers.slot(advice)
    with app.app_context():
        person = db.session.merge(world.refugee_person)
        assert bookings.book_slot(slot.id, person, None, utcnow()).booked_by_id == person.id
        db.session.rollback()  # what the request does when anything after the booking fails
    assert slot_row(app, slot.id).booked_by_id is None


def test_nobody_holds_two_appointments_at_the_same_time(app, client, login, world, offers, advice):
    other = offers.offer(world.adviser_person, world.bramsche, kind="advice", title="Steuern")
    first = offers.slot(advice)
    same_time = offers.slot(other)
    login(world.refugee)
    client.post(f"/slots/{first.id}/book")
    response = client.post(
        f"/slots/{same_time.id}/book", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "already have an appointment at this time" in response.get_data(as_text=True)
    assert slot_row(app, same_time.id).booked_by_id is None


def test_cancelling_frees_the_slot_for_somebody_else(
    app, client, make_client, login, world, offers, advice
):
    slot = offers.slot(advice)
    login(world.refugee)
    client.post(f"/slots/{slot.id}/book")
    assert client.post(f"/bookings/{slot.id}/cancel").status_code == 302
    assert slot_row(app, slot.id).booked_by_id is None
    assert client.get(f"/bookings/{slot.id}").status_code == 404
    second = login(world.refugee_el, on=make_client())
    assert second.post(f"/slots/{slot.id}/book").status_code == 302
    assert slot_row(app, slot.id).booked_by_id == world.refugee_el_person.id


def test_the_adviser_can_cancel_too(app, client, login, world, offers, advice):
    slot = offers.slot(advice, booked_by_id=world.refugee_person.id, uid="x@y")
    login(world.adviser)
    assert client.post(f"/bookings/{slot.id}/cancel").status_code == 302
    assert slot_row(app, slot.id).booked_by_id is None


def test_a_past_slot_cannot_be_booked(app, client, login, world, offers, advice):
    slot = offers.slot(advice, starts_in=timedelta(hours=-2))
    login(world.refugee)
    client.post(f"/slots/{slot.id}/book")
    assert slot_row(app, slot.id).booked_by_id is None


def test_a_slot_of_a_draft_offer_cannot_be_booked(app, client, login, world, offers):
    draft = offers.offer(world.adviser_person, world.bramsche, kind="advice", status="draft")
    slot = offers.slot(draft)
    login(world.refugee)
    assert client.post(f"/slots/{slot.id}/book").status_code == 404


def test_free_slots_are_listed_and_a_note_with_script_is_escaped(
    app, client, login, world, offers, advice
):
    free = offers.slot(advice)
    login(world.refugee)
    page = client.get(f"/offers/{advice.id}").get_data(as_text=True)
    assert f"/slots/{free.id}/book" in page
    client.post(f"/slots/{free.id}/book", data={"note": "<script>alert(1)</script>"})
    booked = client.get(f"/bookings/{free.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in booked and "&lt;script&gt;" in booked
    assert f"/slots/{free.id}/book" not in client.get(f"/offers/{advice.id}").get_data(as_text=True)


def test_a_too_long_note_is_refused_with_a_message(app, client, login, world, offers, advice):
    slot = offers.slot(advice)
    login(world.refugee)
    response = client.post(
        f"/slots/{slot.id}/book",
        data={"note": "x" * 501},
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    )
    assert "500" in response.get_data(as_text=True)
    assert slot_row(app, slot.id).booked_by_id is None


def test_the_person_is_told_when_the_adviser_cancels(
    app, client, login, world, offers, advice, outbox
):
    slot = offers.slot(advice, booked_by_id=world.refugee_person.id, uid="x@y")
    login(world.adviser)
    client.post(f"/bookings/{slot.id}/cancel")
    mail = outbox.last_to(world.refugee.email)
    assert "Cancelled" in mail["Subject"] and "/offers/?kind=advice" in mail.get_content()


def test_nobody_is_mailed_when_the_person_cancels_themselves(
    app, client, login, world, offers, advice, outbox
):
    slot = offers.slot(advice, booked_by_id=world.refugee_person.id, uid="x@y")
    login(world.refugee)
    client.post(f"/bookings/{slot.id}/cancel")
    assert outbox.messages() == []


def test_a_title_with_line_breaks_is_stored_as_one_line_and_the_mail_goes_out(
    app, client, make_client, login, world, offers, outbox
):
    adviser = login(world.adviser, on=make_client())
    forged = "Gründungsberatung\r\nBcc: everyone@evil.example\x00\x1b"
    response = adviser.post(
        "/advice/new",
        data={
            "title": forged,
            "topics": "Steuern\n",
            "meeting_mode": "in_person",
            "postcode": "49565",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        offer = db.session.scalars(select(Offer).where(Offer.kind == "advice")).one()
        assert offer.title == "Gründungsberatung Bcc: everyone@evil.example"
    slot = offers.slot(offer)
    login(world.refugee)
    assert (
        client.post(f"/slots/{slot.id}/book", data={"note": "Zeile 1\r\nZeile 2"}).status_code
        == 302
    )
    mail = outbox.last_to(world.refugee.email)
    assert mail["Subject"].endswith("Gründungsberatung Bcc: everyone@evil.example")
    assert mail["Bcc"] is None
    assert slot_row(app, slot.id).booking_note == "Zeile 1\nZeile 2"


@pytest.mark.parametrize("who", ["adviser", "coordinator_os"])
def test_every_crumb_of_the_appointments_page_opens_for_whoever_manages_it(
    client, login, world, advice, who
):
    """The breadcrumb led a coordinator to the adviser's own list, which answered 403."""
    login(getattr(world, who))
    page = client.get(f"/advice/{advice.id}/slots")
    assert page.status_code == 200
    crumbs = page.get_data(as_text=True).split('<ol class="breadcrumb">')[1].split("</ol>")[0]
    for href in re.findall(r'href="([^"]+)"', crumbs):
        assert client.get(href).status_code == 200, href
