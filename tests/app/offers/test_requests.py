"""A refugee asks for a mentor or shows interest in an offer; coordinators of the region see it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.offers.models import Request
from app.offers.queries import list_open_requests

GOOD = {"topic": "Eine Ausbildung finden", "languages": ["ar", "de"], "mentor_gender": "female"}


def stored_requests(app) -> list[Request]:
    with app.app_context():
        return list(db.session.scalars(select(Request).order_by(Request.id)))


def test_refugee_requests_a_mentor_and_the_coordinator_sees_it(
    app, client, make_client, login, world
):
    login(world.refugee)
    assert client.get("/requests/new").status_code == 200
    response = client.post("/requests/new", data=GOOD)
    assert response.status_code == 302
    [saved] = stored_requests(app)
    assert (saved.kind, saved.status, saved.offer_id) == ("mentoring", "open", None)
    assert saved.language_codes == ["ar", "de"] and saved.wished_mentor_gender == "female"
    assert "Eine Ausbildung finden" in client.get("/requests/mine").get_data(as_text=True)

    coordinator = login(world.coordinator_os, on=make_client())
    listing = coordinator.get("/requests/").get_data(as_text=True)
    assert "Amina Haddad" in listing
    detail = coordinator.get(f"/requests/{saved.id}", headers={"Accept-Language": "en"})
    assert "Arabic" in detail.get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"topic": ""}, "Please fill in this field."),
        ({"topic": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"languages": ["xx"]}, "is not a valid choice"),
        ({"mentor_gender": "robot"}, "Not a valid choice."),
    ],
)
def test_bad_request_input_is_explained(app, client, login, world, change, message):
    login(world.refugee)
    response = client.post(
        "/requests/new", data={**GOOD, **change}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored_requests(app) == []


def test_a_second_open_mentor_request_is_refused(app, client, login, world):
    login(world.refugee)
    client.post("/requests/new", data=GOOD)
    response = client.post(
        "/requests/new", data=GOOD, follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "You have asked for a mentor already" in response.get_data(as_text=True)
    assert len(stored_requests(app)) == 1


def test_without_a_profile_the_refugee_is_sent_to_complete_it(app, client, build, login):
    login(build.user(Role.REFUGEE))
    assert "Please complete your profile first" in client.get(
        "/requests/new", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert client.post("/requests/new", data=GOOD).headers["Location"].endswith("/me")
    assert stored_requests(app) == []


def test_script_in_a_topic_is_shown_escaped(client, make_client, login, world):
    login(world.refugee)
    client.post("/requests/new", data={**GOOD, "topic": "<script>alert(1)</script>"})
    coordinator = login(world.coordinator_os, on=make_client())
    page = coordinator.get("/requests/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_interest_in_an_offer_once_withdrawn_and_shown_again(app, client, login, world, offers):
    offer = offers.offer(world.employer_person, world.bramsche)
    login(world.refugee)
    assert client.post(f"/offers/{offer.id}/interest").status_code == 302
    again = client.post(
        f"/offers/{offer.id}/interest", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "You have shown interest in this offer already" in again.get_data(as_text=True)
    [interest] = stored_requests(app)
    assert (interest.kind, interest.offer_id, interest.status) == ("job", offer.id, "open")

    assert client.post(f"/requests/{interest.id}/withdraw").status_code == 302
    assert stored_requests(app)[0].status == "withdrawn"
    client.post(f"/offers/{offer.id}/interest")
    [reopened] = stored_requests(app)  # the same row, open again: one interest per offer
    assert (reopened.id, reopened.status) == (interest.id, "open")


def test_no_interest_in_drafts_or_expired_offers(app, client, login, world, offers):
    draft = offers.offer(world.employer_person, world.bramsche, status="draft")
    expired = offers.offer(
        world.employer_person, world.bramsche, valid_until=date.today() - timedelta(days=1)
    )
    login(world.refugee)
    assert client.post(f"/offers/{draft.id}/interest").status_code == 404
    assert client.post(f"/offers/{expired.id}/interest").status_code == 404
    assert stored_requests(app) == []


def test_no_interest_in_an_offer_whose_places_are_all_taken(app, client, login, world, offers):
    """Asking for a job whose one opening went to someone else would wait for ever: no round
    can match it (issue 15). The page says so instead of offering the button, and a request
    sent anyway is refused."""
    full = offers.offer(world.employer_person, world.bramsche, capacity=1, filled=1)
    login(world.refugee)
    page = client.get(f"/offers/{full.id}", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert "All places of this offer are taken." in text
    assert f"/offers/{full.id}/interest" not in text
    refused = client.post(
        f"/offers/{full.id}/interest", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "All places of this offer are taken." in refused.get_data(as_text=True)
    assert stored_requests(app) == []


def test_a_matched_request_cannot_be_withdrawn(app, client, login, world, offers):
    matched = offers.request(world.refugee_person, status="matched")
    login(world.refugee)
    client.post(f"/requests/{matched.id}/withdraw")
    assert stored_requests(app)[0].status == "matched"


def test_open_requests_for_the_next_round_by_region(app, world, offers):
    mine = offers.request(world.refugee_person)
    offers.request(
        world.refugee_person,
        status="withdrawn",
        kind="job",
        offer_id=offers.offer(world.employer_person, world.bramsche).id,
    )
    offers.request(world.refugee_el_person)
    with app.app_context():
        found = list_open_requests({world.osnabrueck.id, world.bramsche.id})
        assert [r.id for r in found] == [mine.id]
        assert list_open_requests(set()) == []


def test_the_coordinator_records_the_request_of_a_person_kept_on_behalf(
    app, client, login, world, build
):
    """A person without an account asks the office (at the desk, on the phone) for help: the
    coordinator who keeps her records the request, and the next round takes it in. Before,
    nothing in the app could make such a request, so the office could match her with nobody."""
    samira = build.refugee_person(world.bramsche, "Samira", "Nasser")
    login(world.coordinator_os)
    person_page = client.get(f"/people/{samira.id}").get_data(as_text=True)
    assert f'href="/people/{samira.id}/requests/new"' in person_page
    form = {"kind": "volunteering", "topic": "Begleitung zur Ausländerbehörde"}
    sent = client.post(
        f"/people/{samira.id}/requests/new", data=form, headers={"Accept-Language": "en"}
    )
    assert sent.status_code == 302 and sent.location.endswith(f"/people/{samira.id}")
    again = client.post(
        f"/people/{samira.id}/requests/new",
        data=form,
        headers={"Accept-Language": "en"},
        follow_redirects=True,
    )
    assert "Samira has an open request of this kind already." in again.get_data(as_text=True)
    [request] = stored_requests(app)
    assert (request.person_id, request.kind, request.status) == (samira.id, "volunteering", "open")
    assert (request.topic, request.offer_id) == ("Begleitung zur Ausländerbehörde", None)
    with app.app_context():
        assert [r.id for r in list_open_requests({world.bramsche.id})] == [request.id]


def test_only_people_kept_on_behalf_in_the_coordinators_regions(app, client, login, world, build):
    kept_elsewhere = build.refugee_person(world.meppen, "Dawit", "Haile")
    login(world.coordinator_os)
    form = {"kind": "job", "topic": ""}
    own_account = f"/people/{world.refugee_person.id}/requests/new"
    assert client.post(f"/people/{kept_elsewhere.id}/requests/new", data=form).status_code == 404
    assert client.post(own_account, data=form).status_code == 403  # she asks herself
    page = client.get(f"/people/{world.refugee_person.id}").get_data(as_text=True)
    assert own_account not in page  # no button that leads to a refusal
    samira = build.refugee_person(world.bramsche, "Samira", "Nasser")
    unnamed = client.post(f"/people/{samira.id}/requests/new", data={"kind": ""})
    assert unnamed.status_code == 422
    assert stored_requests(app) == []
