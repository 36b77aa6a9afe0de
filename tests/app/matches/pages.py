"""Browser helpers for the match tests."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.matches.models import Proposal
from app.offers.models import Request
from app.profiles.models import AvailabilitySlot, Person, RefugeeProfile
from tests.app.browser import PHONE
from tests.app.builders import Builders
from tests.app.two_factor import pass_second_step_in_browser


def logged_in(browser, site, user, locale: str, password: str = Builders.PASSWORD):
    """A new phone-sized page, logged in as ``user`` through the login form."""
    page = browser.new_context(viewport=PHONE, locale=locale).new_page()
    page.set_default_timeout(15_000)
    page.goto(site + "/login")
    page.fill("#email", user.email)
    page.fill("#password", password)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, user.email)
    return page


def start_round(page, site: str, region_id: int, aim: str | None = None) -> int:
    """Start a round for the district from the rounds page (choosing its aim, when given) and
    wait for its summary; returns the round's id."""
    page.goto(site + "/matches/rounds")
    page.select_option("#region_id", str(region_id))
    if aim is not None:
        page.check(f"input[name=aim][value={aim}]")
    page.click("main form button[type=submit]")
    expect(page.locator("#summary")).to_be_visible()
    return int(re.search(r"/matches/rounds/(\d+)$", page.url).group(1))


def queue_cards(page, site: str) -> list[str]:
    """The ids of the two proposal cards in the approval queue, sorted."""
    page.goto(site + "/matches/queue")
    cards = page.locator("main .card[id^=proposal-]")
    expect(cards).to_have_count(2)
    return sorted(cards.evaluate_all("cards => cards.map(c => c.id)"))


def proposal_of(app, request_id: int) -> Proposal:
    """The one proposal for the request."""
    with app.app_context():
        query = select(Proposal).where(Proposal.request_id == request_id)
        return db.session.scalars(query).one()


def as_newcomer(app, person: Person) -> Person:
    """A newcomer's profile: an adult allowed to work, free on Tuesday mornings."""
    with app.app_context():
        db.session.add(RefugeeProfile(person_id=person.id, right_to_work="allowed"))
        found = db.session.get(Person, person.id)
        found.date_of_birth = date(1995, 3, 1)
        found.availability = [AvailabilitySlot(weekday=1, start_minute=540, end_minute=720)]
        db.session.commit()
    return person


def kept_on_behalf(app, offers, region, name: str, kind: str) -> tuple[Person, Request]:
    """A newcomer the office keeps on behalf (no account), with a request."""
    person = as_newcomer(app, offers.person(None, region, name, languages=("ar", "de")))
    return person, offers.request(person, kind=kind, topic=None)


def district_office(build: Builders):
    """Landkreis Osnabrück (Bramsche, Melle), Bramsche, and the coordinator of its integration
    office (German interface): where every journey takes place."""
    district = build.district("Landkreis Osnabrück", ("Bramsche", "Melle"))
    coordinator = build.coordinator(
        build.organisation("Fachdienst Integration", district), locale="de"
    )
    return district, district.children[0], coordinator
