"""Issue 15, fourth finding: the newcomer decided blind. The match card showed a first name and
nothing else before accepting, and after accepting still said "waiting for both sides"."""

from __future__ import annotations

import pytest

from app.core.clock import local_today
from app.extensions import db
from app.matches import services
from app.offers.models import Offer, Request
from app.profiles.models import AvailabilitySlot, Person


@pytest.fixture
def match_id(app, world, offers) -> int:
    mentor = world.offers[0].owner_id
    offers.weekly_times(world.seekers[0], (0, 600, 720))  # Monday 10 to 12
    with app.app_context():
        for user in (*world.refugees, *world.mentors):  # read in English here
            db.session.merge(user).locale = "en"
        owner = db.session.get(Person, mentor)
        owner.phone = "+49 151 2345678"
        owner.availability = [
            AvailabilitySlot(weekday=0, start_minute=600, end_minute=720),
            AvailabilitySlot(weekday=2, start_minute=1080, end_minute=1200),
        ]
        offer = db.session.get(Offer, world.offers[0].id)
        offer.description = "Wir treffen uns im Stadtteilhaus."
        proposal = services.propose_by_hand(
            db.session.get(Request, world.requests[0].id),
            offer,
            world.coordinator_os,
            local_today(),
        )
        db.session.commit()
        return proposal.id


def card(client, match_id: int) -> str:
    page = client.get("/matches/mine", headers={"Accept-Language": "en"}).get_data(as_text=True)
    start = page.index(f'id="match-{match_id}"')
    return page[start : page.index("</div></div>", start)]


def test_before_accepting_the_card_shows_what_a_person_needs_to_decide(world, login, match_id):
    seeker = card(login(world.refugees[0]), match_id)
    assert "Waiting for your answer" in seeker
    for shown in (
        "Mentoring",
        "Bramsche",
        "Arabic",
        "German",
        "Wed",
        "18:00–20:00",
        "Stadtteilhaus",
    ):
        assert shown in seeker, shown
    mentor_email = world.mentors[0].email
    for hidden in ("Muster", mentor_email, "2345678"):  # family name and contact come later
        assert hidden not in seeker, hidden


def test_the_offering_side_sees_the_request_the_town_languages_and_times(world, login, match_id):
    mentor = card(login(world.mentors[0]), match_id)
    for shown in ("Ausbildung finden", "Bramsche", "Arabic", "Mon", "10:00–12:00"):
        assert shown in mentor, shown
    assert "Muster" not in mentor and world.refugees[0].email not in mentor


def test_after_accepting_the_badge_names_the_side_still_to_answer(
    world, login, make_client, match_id
):
    seeker = login(world.refugees[0])
    seeker.post(f"/matches/{match_id}/answer", data={"answer": "accept"})
    mine = card(seeker, match_id)
    assert "waiting for both sides" not in mine
    assert "You accepted · waiting for Mentor0" in mine
    mentor = login(world.mentors[0], on=make_client())
    mentor.post(f"/matches/{match_id}/answer", data={"answer": "accept"})
    active = card(seeker, match_id)
    assert ">Active<" in active and world.mentors[0].email in active


def test_the_weekly_times_on_a_persian_card_are_in_persian_digits(app, world, login, match_id):
    """Issue 15: Persian mixed Latin and Persian digits; the times were written "%02d"."""
    with app.app_context():
        db.session.merge(world.refugees[0]).locale = "fa"
        db.session.commit()
    client = login(world.refugees[0])
    page = client.get("/matches/mine").get_data(as_text=True)
    start = page.index(f'id="match-{match_id}"')
    facts = page[page.index("match-facts", start) : page.index("</dl>", start)]
    assert "۱۸:۰۰–۲۰:۰۰" in facts
    assert "18:00" not in facts


def test_a_job_match_names_the_employers_company_not_the_contacts_first_name(
    app, world, offers, build, login
):
    """Issue 15: the newcomer's card for a job named the employer by the contact person's given
    name ("Jens"); the company is who offers the job."""
    from app.core.permissions import Role
    from app.profiles.models import EmployerProfile, RefugeeProfile

    company = build.organisation("Bäckerei Sonnenschein GmbH", world.osnabrueck, kind="company")
    employer = offers.person(
        build.user(Role.EMPLOYER, name="Jens"), world.bramsche, "Jens", languages=("de", "ar")
    )
    job = offers.offer(employer, world.bramsche, kind="job", title="Backstube")
    user = build.user(Role.REFUGEE, name="Amal", locale="en")
    newcomer = offers.person(user, world.bramsche, "Amal", languages=("ar", "de"))
    request = offers.request(newcomer, kind="job", topic="Arbeit in einer Bäckerei")
    with app.app_context():
        db.session.add(EmployerProfile(person_id=employer.id, organisation_id=company.id))
        db.session.add(RefugeeProfile(person_id=newcomer.id, right_to_work="allowed"))
        proposal = services.propose_by_hand(
            db.session.get(Request, request.id),
            db.session.get(Offer, job.id),
            world.coordinator_os,
            local_today(),
        )
        db.session.commit()
        match_id = proposal.id
    seeker = login(user)
    mine = card(seeker, match_id)
    heading = mine.split('class="h6 match-title">', 1)[1].split("</h2>", 1)[0]
    assert heading.endswith('text-body-secondary">Bäckerei Sonnenschein GmbH</span>')
    assert heading.startswith('<span dir="auto">') and "Backstube</span>" in heading
    assert "Jens" not in mine
    seeker.post(f"/matches/{match_id}/answer", data={"answer": "accept"})
    assert "You accepted · waiting for Bäckerei Sonnenschein GmbH" in card(seeker, match_id)
