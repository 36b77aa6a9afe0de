"""Coordinators see average ratings per mentor, per employer and per organisation, with real
numbers: the organisation is the offer's own, else that of the person's employer profile, else of
the person's account; an offer standing for no organisation counts under its person."""

from __future__ import annotations

import re

import pytest

from app.accounts.models import Membership
from app.core.permissions import Role
from app.extensions import db
from app.matches.models import Proposal, Rating
from app.profiles.models import EmployerProfile


@pytest.fixture
def rated(app, build, offers, world):
    """Ratings of five offers in Bramsche and one in the Emsland (never shown in Osnabrück)."""
    caritas = build.organisation("Caritas Osnabrück", world.osnabrueck, kind="welfare")
    meyer = build.organisation("Meyer Metallbau GmbH", world.osnabrueck, kind="company")
    anna = build.user(Role.MENTOR, name="Anna Muster")
    mentor_anna = offers.person(anna, world.bramsche, "Anna", ("de", "ar"))
    mentor_ben = offers.person(None, world.bramsche, "Ben", ("de", "ar"))
    contact_eva = offers.person(None, world.bramsche, "Eva")
    contact_gerd = offers.person(None, world.bramsche, "Gerd")
    alone_fritz = offers.person(None, world.bramsche, "Fritz")
    with app.app_context():
        db.session.add(Membership(user_id=anna.id, organisation_id=caritas.id))
        db.session.add(EmployerProfile(person_id=contact_gerd.id, organisation_id=meyer.id))
        db.session.commit()
    place = world.bramsche
    stars = {
        offers.offer(mentor_anna, place, kind="mentoring", title="Tandem Anna"): [5, 4],
        offers.offer(mentor_ben, place, kind="mentoring", title="Tandem Ben"): [2],
        offers.offer(contact_eva, place, title="Schweißer", organisation_id=meyer.id): [3, 4],
        offers.offer(contact_gerd, place, kind="apprenticeship", title="Azubi Metall"): [5],
        offers.offer(alone_fritz, place, title="Hilfe im Garten"): [1],
    }
    elsewhere = offers.person(None, world.emsland.children[0], "Emma")
    stars[offers.offer(elsewhere, world.emsland.children[0], kind="mentoring")] = [1, 1]
    rate_all(app, world, stars)


def rate_all(app, world, stars) -> None:
    rater = world.coordinator_os.id
    with app.app_context():
        for number, (offer, given) in enumerate(stars.items()):
            for k, value in enumerate(given):
                request = world.requests[(number + k) % len(world.requests)]
                proposal = Proposal(request_id=request.id, offer_id=offer.id, status="ended")
                db.session.add(proposal)
                db.session.flush()
                db.session.add(
                    Rating(
                        proposal_id=proposal.id, offer_id=offer.id, by_user_id=rater, stars=value
                    )
                )
        db.session.commit()


def table(page: str, table_id: str) -> list[tuple[str, ...]]:
    """The rows of one table as text, one tuple of cells per row."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    return [
        tuple(
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        )
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_averages_per_mentor_employer_and_organisation(rated, world, login):
    page = login(world.coordinator_os).get("/matches/ratings").get_data(as_text=True)
    assert table(page, "ratings-mentors") == [
        ("Anna Muster (Caritas Osnabrück)", "4.5 ★", "2"),
        ("Ben Muster", "2.0 ★", "1"),
    ]
    assert table(page, "ratings-employers") == [
        ("Gerd Muster (Meyer Metallbau GmbH)", "5.0 ★", "1"),
        ("Eva Muster (Meyer Metallbau GmbH)", "3.5 ★", "2"),
        ("Fritz Muster", "1.0 ★", "1"),
    ]
    assert table(page, "ratings-organisations") == [
        ("Caritas Osnabrück", "4.5 ★", "2"),
        ("Meyer Metallbau GmbH", "4.0 ★", "3"),  # (3 + 4 + 5) / 3: the offer's and Gerd's
        ("Ben Muster (no organisation)", "2.0 ★", "1"),
        ("Fritz Muster (no organisation)", "1.0 ★", "1"),
    ]


def test_the_other_district_sees_only_its_own(rated, world, login):
    page = login(world.coordinator_el).get("/matches/ratings").get_data(as_text=True)
    assert table(page, "ratings-mentors") == [("Emma Muster", "1.0 ★", "2")]
    assert table(page, "ratings-employers") == [("No ratings yet.",)]
    assert table(page, "ratings-organisations") == [("Emma Muster (no organisation)", "1.0 ★", "2")]
