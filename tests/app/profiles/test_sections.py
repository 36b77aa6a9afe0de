"""Newcomers' way in Germany; volunteers' and mentors' offer, with the certificate upload."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.matches.models import Proposal
from app.offers.models import Offer, Request
from app.profiles.models import Person
from tests.app.profiles.conftest import about_me

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def person_of(app, user) -> Person:
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.user_id == user.id))
        _ = (person.goals, person.refugee_profile, person.volunteer_profile, person.mentor_profile)
        return person


def mentoring_offer(app, person: Person) -> Offer | None:
    with app.app_context():
        return db.session.scalar(
            select(Offer).where(Offer.owner_id == person.id, Offer.kind == "mentoring")
        )


@pytest.fixture
def refugee(client, build, login, district):
    user = build.user(Role.REFUGEE, locale="en")
    login(user)
    assert client.post("/me/edit", data=about_me()).status_code == 302
    return user


NEWCOMER = {
    "goals": ["german_course", "job", "mentor"],
    "former_occupation": "Schneiderin",
    "preferred_mentor_gender": "female",
    "origin_country": "SY",
    "arrival_date": "2016-03-01",
    "residence_status": "recognised",
    "right_to_work": "allowed",
    "goals_text": "Ich möchte wieder nähen.",
}


def test_newcomer_states_goals_status_and_wishes(app, client, refugee):
    assert client.get("/me/newcomer").status_code == 200
    assert client.post("/me/newcomer", data=NEWCOMER).status_code == 302
    person = person_of(app, refugee)
    assert {g.goal for g in person.goals} == {"german_course", "job", "mentor"}
    profile = person.refugee_profile
    assert (
        profile.origin_country,
        profile.residence_status,
        profile.right_to_work,
        profile.preferred_mentor_gender,
    ) == ("SY", "recognised", "allowed", "female")
    page = client.get("/me").get_data(as_text=True)
    assert "German course" in page and "a mentor who is a woman" in page


@pytest.mark.parametrize(
    "change",
    [
        {"right_to_work": "maybe"},
        {"goals": ["world_peace"]},
        {"residence_status": "tourist"},
        {"origin_country": "ZZ"},
        {"preferred_mentor_gender": "robot"},
    ],
)
def test_newcomer_form_refuses_values_that_do_not_exist(client, refugee, change):
    response = client.post("/me/newcomer", data={**NEWCOMER, **change})
    assert response.status_code == 422
    assert "valid choice" in response.get_data(as_text=True).lower()


@pytest.fixture
def mentor(client, build, login, district):
    user = build.user(Role.MENTOR, locale="en")
    login(user)
    assert (
        client.post("/me/edit", data=about_me(given_name="Jana", gender="female")).status_code
        == 302
    )
    return user


def helping(**changes: object) -> dict[str, object]:
    return {
        "interests": ["repair_cafe", "language_cafe"],
        "hours_per_week": "4",
        "tandem_capacity": "2",
        "certificate_issued_on": "2026-01-15",
        **changes,
    }


def test_mentor_offers_tandems_which_become_a_published_offer(app, client, mentor):
    assert client.post("/me/helping", data=helping()).status_code == 302
    person = person_of(app, mentor)
    assert person.mentor_profile.tandem_capacity == 2
    offer = mentoring_offer(app, person)
    assert (offer.capacity, offer.status, offer.town) == (2, "published", "Bramsche")

    client.post("/me/helping", data=helping(tandem_capacity="0"))
    assert mentoring_offer(app, person).status == "draft"


def test_mentor_uploads_the_certificate_under_a_safe_name(app, client, mentor):
    data = helping(certificate_file=(io.BytesIO(PDF), "../../etc/Führungszeugnis <1>.pdf"))
    response = client.post("/me/helping", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    profile = person_of(app, mentor).mentor_profile
    stored = profile.conduct_certificate_file
    assert stored.endswith(".pdf") and "/" not in stored and ".." not in stored
    folder = Path(app.instance_path) / "uploads" / "certificates"
    assert (folder / stored).read_bytes() == PDF
    assert profile.conduct_certificate_filename == "../../etc/Führungszeugnis <1>.pdf"
    assert profile.conduct_certificate_checked_on is None


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            (b"MZ\x90\x00 not a pdf", "certificate.pdf"),
            "This file is not a readable PDF, JPG or PNG, or larger than 5 MB.",
        ),
        ((PDF, "certificate.exe"), "Please upload a PDF, JPG or PNG file."),
        (
            (PDF + b"0" * (5 * 1024 * 1024), "big.pdf"),
            "This file is not a readable PDF, JPG or PNG, or larger than 5 MB.",
        ),
    ],
)
def test_bad_uploads_are_refused_with_a_message(app, client, mentor, upload, message):
    content, name = upload
    data = helping(certificate_file=(io.BytesIO(content), name))
    response = client.post("/me/helping", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert person_of(app, mentor).mentor_profile is None  # nothing half-saved


def test_a_request_far_over_the_size_limit_gets_413_with_a_message(client, mentor):
    data = helping(certificate_file=(io.BytesIO(b"%PDF" + b"0" * (9 * 1024 * 1024)), "x.pdf"))
    response = client.post(
        "/me/helping",
        data=data,
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert "The file is too large." in response.get_data(as_text=True)


def test_an_old_certificate_is_refused(client, mentor):
    response = client.post("/me/helping", data=helping(certificate_issued_on="2015-01-01"))
    assert response.status_code == 422
    assert "older than five years" in response.get_data(as_text=True)


def test_volunteer_states_interests_and_hours(app, client, build, login, district):
    user = build.user(Role.VOLUNTEER, locale="en")
    login(user)
    client.post("/me/edit", data=about_me())
    assert client.post("/me/helping", data=helping()).status_code == 302
    person = person_of(app, user)
    assert person.volunteer_profile.interests == "repair_cafe, language_cafe"
    assert person.mentor_profile is None  # not a mentor: no tandem places


@pytest.fixture
def volunteer(client, build, login, district):
    user = build.user(Role.VOLUNTEER, locale="en")
    login(user)
    assert client.post("/me/edit", data=about_me(given_name="Jens")).status_code == 302
    return user


def volunteering_offers(app, person: Person) -> list[tuple[str, str, float | None]]:
    with app.app_context():
        rows = db.session.scalars(
            select(Offer).where(Offer.owner_id == person.id, Offer.kind == "volunteering")
        )
        return [(o.title, o.status, o.hours_per_week) for o in rows]


def test_a_volunteers_saved_offer_appears_under_offers(app, client, volunteer):
    """ "Thank you! Your offer is saved." — and then no offer was there to find (issue 15)."""
    data = {"interests": ["repair_cafe", "homework"], "hours_per_week": "3"}
    assert client.post("/me/helping", data=data).status_code == 302
    person = person_of(app, volunteer)
    assert volunteering_offers(app, person) == [("Repair-Café, Hausaufgabenhilfe", "published", 3)]
    found = client.get("/offers/", query_string={"kind": "volunteering"}).get_data(as_text=True)
    assert "Repair-Café, Hausaufgabenhilfe" in found
    # Saving again keeps one offer; naming nothing takes it off the list.
    client.post("/me/helping", data={"interests": ["sports"], "hours_per_week": "2"})
    assert volunteering_offers(app, person) == [("Sport", "published", 2)]
    client.post("/me/helping", data={"hours_per_week": "2"})
    assert volunteering_offers(app, person) == [("Sport", "draft", 2)]
    found = client.get("/offers/", query_string={"kind": "volunteering"}).get_data(as_text=True)
    assert "Sport" not in found


def test_a_volunteer_who_names_nothing_any_more_takes_the_offers_proposals_out_of_the_queue(
    app, client, volunteer, build, district
):
    """Like a mentor setting no places: the volunteering offer goes back to a draft, and an
    undecided proposal for it lapses as "no longer published" instead of waiting in the queue."""
    client.post("/me/helping", data={"interests": ["repair_cafe"], "hours_per_week": "2"})
    person = person_of(app, volunteer)
    with app.app_context():
        offer = db.session.scalar(select(Offer).where(Offer.owner_id == person.id))
        seeker = build.refugee_person(district)
        request = Request(person_id=seeker.id, kind="volunteering", status="in_round")
        db.session.add(request)
        db.session.flush()
        proposal = Proposal(request_id=request.id, offer_id=offer.id, status="proposed")
        db.session.add(proposal)
        db.session.commit()
        proposal_id, request_id = proposal.id, request.id
    client.post("/me/helping", data={"hours_per_week": "2"})
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        assert (proposal.status, proposal.lapse_cause) == ("lapsed", "offer_unpublished")
        assert db.session.get(Request, request_id).status == "open"  # waits for the next round


NEXT_STEP = "Next: say what you would like to help with."


def test_a_volunteer_is_told_the_next_step_until_they_say_what_they_offer(client, volunteer):
    """After 'about me' the profile page showed two equal buttons and no word that nothing is
    offered yet: a volunteer who stopped there was never matched (issue 15)."""
    page = client.get("/me").get_data(as_text=True)
    assert NEXT_STEP in page
    client.post("/me/helping", data={"interests": ["homework"], "hours_per_week": "2"})
    assert NEXT_STEP not in client.get("/me").get_data(as_text=True)


def test_a_volunteers_profile_links_the_help_they_offer_once_published(app, client, volunteer):
    """Issue 15: /me had no way to the offer that the profile keeps, not even once published."""
    assert "my-published-offers" not in client.get("/me").get_data(as_text=True)
    client.post("/me/helping", data={"interests": ["homework"], "hours_per_week": "2"})
    with app.app_context():
        offer = db.session.scalars(select(Offer).where(Offer.kind == "volunteering")).one()
        assert offer.status == "published"
        link = f'<a href="/offers/{offer.id}">My published offer: {offer.title}</a>'
    page = client.get("/me").get_data(as_text=True)
    assert link in page
    assert client.get(f"/offers/{offer.id}").status_code == 200
    client.post("/me/helping", data={"hours_per_week": "2"})  # names nothing: back to a draft
    assert "my-published-offers" not in client.get("/me").get_data(as_text=True)
