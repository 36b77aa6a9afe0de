"""The employer's offer form and the adviser's forms through the real app and database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.offers.models import Offer
from app.profiles.models import Person

GOOD = {
    "kind": "job",
    "title": "Elektriker",
    "skills": "Schweißen, Staplerschein, schweissen",
    "min_german": "A2",
    "capacity": "3",
    "postcode": "49565",
    "hours_per_week": "38.5",
    "interpreter_available": "y",
    "description": "Wir suchen Verstärkung.",
}


def stored_offers(app) -> list[Offer]:
    with app.app_context():
        offers = list(db.session.scalars(select(Offer).order_by(Offer.id)))
        for offer in offers:
            _ = offer.skills, offer.owner
        return offers


def test_employer_posts_an_offer_that_is_normalised_and_placed(app, client, login, world):
    login(world.employer)
    response = client.post("/offers/new", data=GOOD)
    assert response.status_code == 302
    [offer] = stored_offers(app)
    assert offer.title == "Elektriker" and offer.taxonomy_id == "occ.electrician"
    assert offer.status == "draft" and offer.owner_id == world.employer_person.id
    assert (offer.town, offer.postcode, offer.region_id) == ("Bramsche", "49565", world.bramsche.id)
    assert offer.lat == pytest.approx(52.416, abs=0.01)
    assert offer.min_german == "A2" and offer.capacity == 3 and offer.hours_per_week == 38.5
    assert offer.interpreter_available is True
    # Duplicates (ignoring case, ß = ss) are dropped; the employer's own words are kept.
    assert [s.original_text for s in offer.skills] == ["Schweißen", "Staplerschein"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Elektriker" in page and "Staplerschein" in page


def test_an_employer_without_a_profile_gets_a_person_from_the_account_name(
    app, client, build, login
):
    employer = build.user(Role.EMPLOYER, name="Heike Overbeck")
    login(employer)
    assert client.post("/offers/new", data=GOOD).status_code == 302
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.user_id == employer.id))
        assert (person.given_name, person.family_name) == ("Heike", "Overbeck")
    [offer] = stored_offers(app)
    assert offer.owner_id == person.id
    assert "Elektriker" in client.get("/offers/mine").get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Please fill in this field."),
        ({"postcode": ""}, "Please fill in this field."),
        ({"capacity": ""}, "Please fill in this field."),
        ({"hours_per_week": ""}, "Please fill in this field."),
        ({"min_german": "D1"}, "Please choose a German level from A1 to C2"),
        ({"min_german": "<b>"}, "Please choose a German level from A1 to C2"),
        ({"postcode": "00000"}, "We do not know this postcode."),
        ({"postcode": "4956"}, "We do not know this postcode."),
        ({"capacity": "0"}, "Please enter between 1 and 500 openings."),
        ({"capacity": "100000000000"}, "Please enter between 1 and 500 openings."),
        ({"capacity": "viele"}, "Not a valid integer value."),
        ({"hours_per_week": "0"}, "Please enter between 1 and 60 hours."),
        ({"hours_per_week": "80"}, "Please enter between 1 and 60 hours."),
        ({"kind": "advice"}, "Not a valid choice."),
        ({"valid_until": "next week"}, "Not a valid date value."),
        ({"valid_until": "2020-01-31"}, "This date has passed. Please choose today or a later"),
    ],
)
def test_bad_offer_input_is_explained(app, client, login, world, change, message):
    login(world.employer)
    response = client.post(
        "/offers/new", data={**GOOD, **change}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored_offers(app) == []


def test_script_in_an_offer_is_shown_escaped(app, client, login, world):
    login(world.employer)
    script = "<script>alert(1)</script>"
    data = {**GOOD, "title": script, "description": script, "skills": script}
    location = client.post("/offers/new", data=data).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_editing_keeps_the_status_and_replaces_the_skills(app, client, login, world, offers):
    offer = offers.offer(world.employer_person, world.bramsche)
    login(world.employer)
    form = client.get(f"/offers/{offer.id}/edit").get_data(as_text=True)
    assert 'value="Kochen"' in form
    data = {**GOOD, "title": "Koch", "skills": "Kochen, Backen", "postcode": "49324"}
    assert client.post(f"/offers/{offer.id}/edit", data=data).status_code == 302
    [saved] = stored_offers(app)
    assert (saved.title, saved.taxonomy_id, saved.status) == ("Koch", "occ.cook", "published")
    assert [s.original_text for s in saved.skills] == ["Kochen", "Backen"]
    assert saved.town == "Melle"


def test_the_lifecycle_allows_only_its_transitions(app, client, login, world, offers):
    offer = offers.offer(world.employer_person, world.bramsche, status="draft")
    login(world.employer)

    def move(status: str) -> str:
        client.post(f"/offers/{offer.id}/status", data={"status": status})
        return stored_offers(app)[0].status

    assert move("filled") == "draft"  # a draft cannot be filled
    assert move("nonsense") == "draft"
    assert move("published") == "published"
    assert move("filled") == "filled"
    assert move("expired") == "filled"
    assert move("published") == "published"


def test_an_offer_past_its_end_date_cannot_be_published(app, client, login, world, offers):
    from datetime import date, timedelta

    offer = offers.offer(
        world.employer_person,
        world.bramsche,
        status="draft",
        valid_until=date.today() - timedelta(days=1),
    )
    login(world.employer)
    response = client.post(
        f"/offers/{offer.id}/status",
        data={"status": "published"},
        follow_redirects=True,
        headers={"Accept-Language": "en"},
    )
    assert "The end date has passed" in response.get_data(as_text=True)
    assert stored_offers(app)[0].status == "draft"


def test_employer_sees_interest_without_contact_details(app, client, login, world, offers):
    offer = offers.offer(world.employer_person, world.bramsche)
    offers.request(world.refugee_person, kind="job", offer_id=offer.id, topic=None)
    offers.request(world.refugee_el_person, kind="job", offer_id=offer.id, status="withdrawn")
    login(world.employer)
    page = client.get(f"/offers/{offer.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "1 person is interested" in page
    assert "Amina" in page and "Haddad" not in page and "Arabic" in page
    assert "Dawit" not in page  # withdrawn
    assert "1 person is interested" in client.get(
        "/offers/mine", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


# -- advisers --------------------------------------------------------------------------------------

ADVICE = {
    "title": "Gründungsberatung",
    "topics": "Businessplan, Gewerbeanmeldung",
    "meeting_mode": "in_person",
    "postcode": "49565",
}


def test_adviser_publishes_a_consultation_and_adds_slots(app, client, login, world):
    login(world.adviser)
    response = client.post("/advice/new", data=ADVICE)
    assert response.status_code == 302
    [offer] = stored_offers(app)
    assert (offer.kind, offer.status, offer.town) == ("advice", "published", "Bramsche")
    assert offer.topic_list == ["Businessplan", "Gewerbeanmeldung"]
    slots = {"day": "2030-04-06", "start": "09:00", "minutes": "45", "count": "3"}
    assert client.post(f"/advice/{offer.id}/slots", data=slots).status_code == 302
    # The same form again adds nothing twice.
    assert client.post(f"/advice/{offer.id}/slots", data=slots).status_code == 302
    with app.app_context():
        saved = db.session.get(Offer, offer.id)
        starts = [s.starts_at.strftime("%H:%M") for s in saved.slots]
        # 6 April 2030 is in summer time: 09:00 in Germany is 07:00 UTC.
        assert starts == ["07:00", "07:45", "08:30"]
        assert saved.capacity == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"topics": ""}, "Please fill in this field."),
        ({"postcode": ""}, "Please enter the postcode of the place."),
        ({"postcode": "99999"}, "We do not know this postcode."),
        ({"meeting_mode": "carrier pigeon"}, "Not a valid choice."),
    ],
)
def test_bad_advice_input_is_explained(app, client, login, world, change, message):
    login(world.adviser)
    response = client.post(
        "/advice/new", data={**ADVICE, **change}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored_offers(app) == []


def test_a_video_consultation_needs_no_postcode(app, client, login, world):
    login(world.adviser)
    data = {**ADVICE, "meeting_mode": "video", "postcode": ""}
    assert client.post("/advice/new", data=data).status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"day": ""}, "Please fill in this field."),
        ({"start": "25:00"}, "Not a valid time value."),
        ({"minutes": "5"}, "Between 15 and 240 minutes."),
        ({"count": "0"}, "Between 1 and 12 appointments."),
        ({"count": "1000"}, "Between 1 and 12 appointments."),
    ],
)
def test_bad_slot_input_is_explained(app, client, login, world, offers, change, message):
    offer = offers.offer(world.adviser_person, world.bramsche, kind="advice")
    login(world.adviser)
    data = {"day": "2030-03-30", "start": "09:00", "minutes": "45", "count": "3", **change}
    response = client.post(
        f"/advice/{offer.id}/slots", data=data, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_owner_deletes_an_offer_with_everything_that_belongs_to_it(
    app, client, login, world, offers, outbox
):
    from datetime import timedelta

    from app.offers.models import AdviceSlot, OfferSkill, Request

    job = offers.offer(world.employer_person, world.bramsche)
    offers.request(world.refugee_person, kind="job", offer_id=job.id, topic=None)
    advice = offers.offer(world.adviser_person, world.bramsche, kind="advice")
    offers.slot(advice, booked_by_id=world.refugee_person.id, uid="a@b")
    offers.slot(advice, timedelta(days=-3), booked_by_id=world.refugee_el_person.id, uid="c@d")

    login(world.employer)
    assert "Delete for good" in client.get(f"/offers/{job.id}/delete").get_data(as_text=True)
    assert client.post(f"/offers/{job.id}/delete").headers["Location"].endswith("/offers/mine")
    login(world.adviser, on=(adviser := app.test_client()))
    assert adviser.post(f"/offers/{advice.id}/delete").status_code == 302

    assert stored_offers(app) == []
    with app.app_context():
        for model in (OfferSkill, Request, AdviceSlot):
            assert db.session.scalars(select(model)).all() == []
    # The appointment still to come is cancelled by mail; the past one is not mentioned.
    assert [m["To"] for m in outbox.messages()] == [world.refugee.email]


def test_a_coordinator_of_the_region_may_delete_an_offer(app, client, login, world, offers):
    job = offers.offer(world.employer_person, world.bramsche)
    login(world.coordinator_el)
    assert client.post(f"/offers/{job.id}/delete").status_code == 404
    login(world.coordinator_os, on=(coordinator := app.test_client()))
    assert coordinator.post(f"/offers/{job.id}/delete").status_code == 302
    assert stored_offers(app) == []


def test_an_end_date_of_today_is_kept_and_a_past_one_refused_on_editing_too(
    app, client, login, world, offers
):
    from app.core.clock import local_today

    login(world.employer)
    data = {**GOOD, "valid_until": local_today().isoformat()}
    location = client.post("/offers/new", data=data).headers["Location"]
    [offer] = stored_offers(app)
    assert offer.valid_until == local_today()
    response = client.post(
        f"/offers/{offer.id}/edit",
        data={**GOOD, "valid_until": "2025-12-31"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert "This date has passed." in response.get_data(as_text=True)
    assert stored_offers(app)[0].valid_until == local_today()
    assert client.get(location).status_code == 200
