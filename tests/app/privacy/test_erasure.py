"""Erasure leaves nothing that identifies the person anywhere in the database, keeps the audit
trail pseudonymous, and leaves the other people around them whole."""

from __future__ import annotations

from pathlib import Path

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.accounts.models import User
from app.casefile.models import AuditEntry, CaseFile, ErasureRecord
from app.extensions import db
from app.matches.models import Notification
from app.offers.models import AdviceSlot, Offer
from app.profiles.models import MentorProfile, Person
from tests.app.privacy.rich import EMAIL, FAMILY, GIVEN, PHONE
from tests.app.privacy.search import occurrences


def erase_own(client, login, rich, password=None):
    from tests.app.builders import Builders

    login(rich.user)
    return client.post(
        "/me/delete", data={"password": password or Builders.PASSWORD, "confirm": "y"}
    )


def test_after_erasure_no_column_of_any_table_holds_name_email_or_phone(
    app, client, login, rich, certificate_folder
):
    with app.app_context():
        assert occurrences(GIVEN) and occurrences(EMAIL) and occurrences(PHONE)
        profile = db.session.get(MentorProfile, rich.person.id)
        stored = certificate_folder / profile.conduct_certificate_file
        mails = list((Path(app.instance_path) / "outbox").glob("*.eml"))
        assert any(GIVEN.encode() in mail.read_bytes() for mail in mails)
        trail_before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    assert stored.exists()
    response = erase_own(client, login, rich)
    assert response.status_code == 302 and response.location.endswith("/erased")
    with app.app_context():
        for needle in (GIVEN, FAMILY, EMAIL, PHONE, PHONE.replace(" ", "")):
            assert occurrences(needle) == [], needle
        outbox = list((Path(app.instance_path) / "outbox").glob("*.eml"))
        assert not [p.name for p in outbox if GIVEN.encode() in p.read_bytes()]
        # the audit trail is still there, one entry longer, and links to no one
        key = rich.case_file.subject_key
        trail = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert len(trail) == trail_before + 1 and trail[-1].action == "erase"
        assert {entry.subject_key for entry in trail} == {key}
        assert db.session.scalar(select(CaseFile)) is None
        assert set(occurrences(key)) == {"audit_entry.subject_key", "erasure_record.subject_key"}
        record = db.session.scalar(select(ErasureRecord))
        assert record.subject_key == key and record.erased_by_id is None  # the account is gone
        assert trail[-1].actor_user_id is None and trail[0].actor_user_id == rich.coordinator.id
    assert not stored.exists()


def test_the_people_around_the_erased_person_stay_whole(app, client, login, rich):
    erase_own(client, login, rich)
    with app.app_context():
        mentor_offer = db.session.get(Offer, rich.mentor_offer.id)
        assert mentor_offer.filled == 0  # the place her match held is free again
        told = db.session.scalars(
            select(Notification).where(Notification.user_id == rich.mentor.id)
        ).all()
        with force_locale("de"):  # the mentor reads German
            ended = _("A match has ended")
        assert [n.subject for n in told] == [ended]  # the old one named her
        assert GIVEN not in told[0].body
        slot = db.session.scalar(select(AdviceSlot).where(AdviceSlot.offer_id != None))  # noqa: E711
        assert slot.booked_by_id is None and slot.booking_note is None and slot.uid is None
        advisers = db.session.scalars(
            select(Notification).where(Notification.user_id == rich.adviser.id)
        ).all()
        assert [n.subject for n in advisers] == ["An appointment was cancelled"]
        assert "is free again" in advisers[0].body and GIVEN not in advisers[0].body
        assert db.session.get(User, rich.other.id) is not None
        assert db.session.get(Person, rich.other_person.id) is not None
        assert db.session.get(User, rich.coordinator.id) is not None


def test_the_page_says_what_goes_and_what_stays_before_and_after(client, login, rich):
    login(rich.user)
    page = client.get("/me/delete").get_data(as_text=True)
    assert "What is deleted" in page and "What is kept, and why" in page
    assert "Case file: notes: 1" in page and "Case file: who read or changed it: 2" in page
    assert "Art. 17(3)" in page
    response = client.post(
        "/me/delete",
        data={"password": "correct horse battery", "confirm": "y"},
        follow_redirects=True,
    )
    after = response.get_data(as_text=True)
    assert "The data is erased" in after and "Case file: notes: 1" in after
    assert "Case file: who read or changed it: 3" in after  # the erasure is the last entry
    assert client.get("/erased").status_code == 302  # shown once
    assert client.get("/me").status_code == 302  # logged out


def test_a_wrong_password_erases_nothing(app, client, login, rich):
    response = erase_own(client, login, rich, password="not it")
    assert response.status_code == 422
    assert "The password is wrong." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Person, rich.person.id) is not None
        assert db.session.scalar(select(ErasureRecord)) is None


def test_a_coordinator_leaving_keeps_the_records_they_made_without_their_name(
    app, client, login, rich
):
    login(rich.coordinator)
    data = client.get("/me/data/export.json").get_json()
    assert set(data["references"]) >= {"audit_entry.actor_user_id", "case_note.recorded_by_id"}
    assert "case_note" not in data["tables"]  # her notes about someone else are not hers
    document = client.get("/me/data/export.html").get_data(as_text=True)
    assert "Case file: notes (recorded_by_id): 1" in document
    response = client.post("/me/delete", data={"password": "correct horse battery", "confirm": "y"})
    assert response.status_code == 302
    with app.app_context():
        from app.casefile.models import CaseNote

        assert db.session.get(User, rich.coordinator.id) is None
        trail = db.session.scalars(select(AuditEntry)).all()
        assert len(trail) == 2 and {entry.actor_user_id for entry in trail} == {None}
        note = db.session.scalar(select(CaseNote))
        assert note.recorded_by_id is None and note.case_file_id == rich.case_file.id
        assert db.session.get(Person, rich.person.id) is not None


def test_a_mentor_leaving_gives_the_newcomer_her_request_back(app, client, login, rich):
    from app.matches.models import Proposal
    from app.offers.models import Request

    with app.app_context():
        ended = db.session.scalar(select(Proposal).where(Proposal.status == "ended"))
        ended.status, ended.ended_at = "active", None
        waiting_id = ended.request_id
        db.session.commit()
    erase_own(client, login, rich)
    with app.app_context():
        assert db.session.get(Request, waiting_id).status == "open"
        told = db.session.scalars(
            select(Notification).where(Notification.user_id == rich.other.id)
        ).all()
        assert [n.subject for n in told] == ["A match has ended"]


def test_password_guesses_on_the_delete_page_are_limited_like_logins(app, client, login, rich):
    login(rich.user)
    for _attempt in range(10):
        assert (
            client.post("/me/delete", data={"password": "guess", "confirm": "y"}).status_code == 422
        )
    assert client.post("/me/delete", data={"password": "guess", "confirm": "y"}).status_code == 429
    with app.app_context():
        assert db.session.get(Person, rich.person.id) is not None


def test_the_mentor_keeps_the_tandems_that_took_place_without_the_person(
    app, client, login, rich, make_client
):
    from app.matches.models import Proposal, Rating
    from app.matches.queries import average_stars_by_owner

    login(rich.user)
    page = client.get("/me/delete").get_data(as_text=True)
    assert "Matches and proposals: 2. Matches that took place stay for the other side" in page
    assert "Ratings: 1. Your ratings of these matches stay as stars only" in page
    erase_own(client, login, rich)
    with app.app_context():
        kept = db.session.scalars(
            select(Proposal).where(Proposal.offer_id == rich.mentor_offer.id)
        ).all()
        assert sorted(p.status for p in kept) == ["ended", "ended"]  # the active one ended now
        assert all(p.reasons == [] and p.reject_reason is None for p in kept)
        seekers = {p.request.person for p in kept}
        assert len(seekers) == 2  # one placeholder each: the two tandems are not linked
        for placeholder in seekers:
            assert (placeholder.full_name.strip(), placeholder.user_id) == ("–", None)
            assert placeholder.region_id is None and placeholder.languages == []
        assert {p.request.status for p in kept} == {"withdrawn"}
        assert {p.request.topic for p in kept} == {None}
        ratings = db.session.scalars(select(Rating)).all()
        assert [(r.stars, r.comment, r.by_user_id) for r in ratings] == [(5, None, None)]
        mentor_person_id = db.session.get(Offer, rich.mentor_offer.id).owner_id
        assert average_stars_by_owner()[mentor_person_id] == 5.0
    mentor = make_client()
    login(rich.mentor, on=mentor)
    mine = mentor.get("/matches/mine")
    assert mine.status_code == 200 and "Tandem Mats" in mine.get_data(as_text=True)
    assert GIVEN not in mine.get_data(as_text=True)
