"""Coordinator pages, exports and the public figures cost the same number of SQL statements for
a region of 10 newcomers as for one of 200, and no statement carries a long list of ids: the
work is done by aggregates and pages in the database, whatever the region's size (at 100,000
people main sent 982 statements for the approval queue and an IN list of more than 65,535
parameters for the evidence dashboard, which PostgreSQL refuses)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from app.accounts.models import Region
from app.casefile.models import AccessGrant
from app.core.db import utcnow
from app.extensions import db
from app.matches.models import Proposal, Rating
from app.offers.models import Offer, Request
from app.profiles.models import Person, PersonGoal, PersonLanguage, PersonSkill, RefugeeProfile
from tests.app.statements import recorded

# A page may bind the ids of its own rows (50 at most) and a few filters, never the ids of all.
MOST_PARAMETERS = 100
OCCUPATIONS = ("Koch", "Schneider", "Pflegefachkraft")


@pytest.fixture
def district(build):
    region = build.district("Landkreis Gross", ("Bramsche", "Melle"))
    office = build.organisation("Integration Gross", region)
    return region, office, build.coordinator(office)


def newcomer(number: int, region_id: int, today: date) -> Person:
    person = Person(
        given_name=f"N{number}",
        family_name=f"Newcomer{number:04d}",
        region_id=region_id,
        date_of_birth=date(today.year - number % 40, 1 + number % 12, 1 + number % 28),
    )
    person.goals = [PersonGoal(goal=g) for g in ("german_course", "job", "mentor", "housing")]
    person.languages = [
        PersonLanguage(code="de", level="A1"),
        PersonLanguage(code="ar", level="C2"),
    ]
    person.skills = [PersonSkill(original_text=OCCUPATIONS[number % len(OCCUPATIONS)])]
    person.refugee_profile = RefugeeProfile(waiting_since=today - timedelta(days=number * 3))
    return person


def grow(app, district, office, start: int, stop: int) -> None:
    """Newcomers ``start``..``stop`` with a mentor request each, proposed to a mentor's tandem
    offer (rated), and a case file shared with the office; every fifth request already matched."""
    today = utcnow().date()
    with app.app_context():
        towns = [r.id for r in db.session.get(Region, district.id).children]
        for number in range(start, stop):
            town = towns[number % len(towns)]
            person = newcomer(number, town, today)
            mentor = Person(given_name=f"M{number}", family_name="Mentor", region_id=town)
            offer = Offer(
                kind="mentoring",
                status="published",
                owner=mentor,
                title=f"Tandem {number}",
                capacity=2,
                region_id=town,
            )
            status = "matched" if number % 5 == 0 else "open"
            request = Request(person=person, kind="mentoring", status=status)
            proposal = Proposal(
                request=request, offer=offer, score=float(number), status="proposed"
            )
            db.session.add_all([person, mentor, offer, request, proposal])
            db.session.flush()
            db.session.add(Rating(proposal=proposal, offer_id=offer.id, stars=1 + number % 5))
            db.session.add(
                AccessGrant(person_id=person.id, organisation_id=office.id, purpose="mentoring")
            )
        db.session.commit()


PAGES = {
    "evidence dashboard": "/evidence/{district}",
    "evidence export": "/evidence/{district}.csv",
    "open figures": "/figures",
    "approval queue": "/matches/queue",
    "people": "/people/",
    "shared case files": "/files",
    "ratings": "/matches/ratings",
    "requests": "/requests/",
    "offers": "/offers/",
}


def statements_per_page(app, client, district) -> dict[str, tuple[int, int]]:
    with app.app_context():
        engine = db.engine
    found = {}
    for name, path in PAGES.items():
        with recorded(engine) as statements:
            response = client.get(path.format(district=district.id))
        assert response.status_code == 200, (name, response.status_code)
        found[name] = (statements.count, statements.most_parameters)
    return found


def test_pages_cost_the_same_for_10_and_200_newcomers(app, client, login, district):
    """The same number of statements, and no statement with a list of ids longer than a page."""
    region, office, coordinator = district
    login(coordinator)
    grow(app, region, office, 0, 10)
    small = statements_per_page(app, client, region)
    grow(app, region, office, 10, 200)
    large = statements_per_page(app, client, region)
    assert {page: n for page, (n, _) in large.items()} == {
        page: n for page, (n, _) in small.items()
    }
    assert {page: p for page, (_, p) in large.items() if p > MOST_PARAMETERS} == {}


def proposal_ids(page: str) -> list[str]:
    return re.findall(r'id="proposal-(\d+)"', page)


def test_the_approval_queue_pages_instead_of_stopping(app, client, login, district):
    """Main showed at most 500 proposals, all on one page; the queue now has pages of 50."""
    region, office, coordinator = district
    login(coordinator)
    grow(app, region, office, 0, 60)
    first = client.get("/matches/queue").get_data(as_text=True)
    second = client.get("/matches/queue?page=2").get_data(as_text=True)
    assert len(proposal_ids(first)) == 50
    assert len(proposal_ids(second)) == 10
    assert not set(proposal_ids(first)) & set(proposal_ids(second))
    assert "page=2" in first


def test_shared_case_files_come_in_pages(app, client, login, district):
    region, office, coordinator = district
    login(coordinator)
    grow(app, region, office, 0, 60)
    first = client.get("/files").get_data(as_text=True)
    second = client.get("/files?page=2").get_data(as_text=True)
    people = re.compile(r"/people/(\d+)/file")
    assert len(set(people.findall(first))) == 50
    assert len(set(people.findall(second))) == 10
