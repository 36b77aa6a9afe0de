"""The four main journeys by keyboard alone, on a 390 px phone in Debian's chromium: a volunteer
signs up, an employer publishes an offer, a newcomer requests a mentor and accepts the match a
coordinator proposed by running a round and approving it.

Only Tab, Shift+Tab, Enter, Space, the arrow keys and typing (tests/app/keyboard.py). Each
control is reached by the role and accessible name the browser's accessibility tree gives it,
every element that takes the focus shows it, and on each journey's first page the skip link is
the first tab stop and moves the focus to the main content. The names are the interface's own
words in the page's language (German, and Arabic for the newcomer). The only address typed is
each journey's first page and the confirmation link from the volunteer's mail.
Screenshots of each step go to tests/artifacts/keyboard-*.png.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask_babel import force_locale, gettext
from sqlalchemy import select

from app.accounts.models import User
from app.core.permissions import Role
from app.extensions import db
from app.matches.models import Proposal
from app.offers.models import Offer, Request
from app.profiles.models import RefugeeProfile
from tests.app.browser import PHONE, screenshot
from tests.app.keyboard import Keyboard
from tests.app.live_server import serve
from tests.app.matches.builders import build_match_world
from tests.app.offers.builders import OfferBuilders
from tests.app.two_factor import next_code

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def words(app: Flask, locale: str) -> Callable[..., str]:
    """The interface's words in ``locale``, as the pages render them."""

    def say(text: str, **values: object) -> str:
        with app.test_request_context(), force_locale(locale):
            return gettext(text, **values)

    return say


def start(browser, site: str, path: str, locale: str) -> Keyboard:
    context = browser.new_context(viewport=PHONE, locale=locale, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site}{path}")
    return Keyboard(page)


def shot(keys: Keyboard, name: str) -> None:
    screenshot(keys.page, f"keyboard-{name}")


def log_in(keys: Keyboard, t: Callable[..., str], email: str, app: Flask | None = None) -> None:
    keys.type_into(t("E-mail address"), email)
    keys.type_into(t("Password"), PASSWORD)
    keys.follow("button", t("Log in"))
    if app is not None:  # staff: the second step, the code from the authenticator
        keys.type_into(t("Code"), next_code(app, email))
        keys.follow("button", t("Confirm"))


def open_menu(keys: Keyboard, t: Callable[..., str]) -> None:
    """On a phone the navigation is collapsed behind its button."""
    keys.activate("button", t("Open the menu"))
    keys.page.wait_for_selector("#nav-menu.show")


def test_a_volunteer_signs_up_by_keyboard(app, browser, site, build, outbox):
    build.district("Landkreis Osnabrück", ("Bramsche",))
    t = words(app, "de")
    keys = start(browser, site, "/", "de-DE")
    keys.skip_link_works(t("Skip to content"))
    open_menu(keys, t)
    keys.follow("link", t("Register"))
    shot(keys, "volunteer-1-register")

    keys.type_into(t("Your name"), "Jana Kowalski")
    keys.type_into(t("E-mail address"), "jana@example.org")
    keys.choose(t("I want to join as"), t("Volunteer"))
    keys.type_into(t("Password"), PASSWORD)
    keys.type_into(t("Repeat password"), PASSWORD)
    keys.activate(
        "checkbox",
        t("I have read the privacy notice and agree that my data is processed for this purpose."),
        key="Space",
    )
    shot(keys, "volunteer-2-filled")
    keys.follow("button", t("Register"))
    shot(keys, "volunteer-3-registered")

    # The confirmation link arrives by mail: the one address typed.
    keys.page.goto(outbox.link_in_last_to("jana@example.org").replace("http://localhost", site))
    log_in(keys, t, "jana@example.org")
    shot(keys, "volunteer-4-logged-in")
    with app.app_context():
        jana = db.session.scalar(select(User).where(User.email == "jana@example.org"))
        assert jana.confirmed_at is not None
        assert jana.has_role(Role.VOLUNTEER)
    assert keys.page.url.rstrip("/") != site + "/login"


def test_an_employer_publishes_an_offer_by_keyboard(app, browser, site, build):
    build.district("Landkreis Osnabrück", ("Bramsche",))
    build.user(Role.EMPLOYER, email="heike@example.org", name="Heike Overbeck", locale="de")
    t = words(app, "de")
    keys = start(browser, site, "/login", "de-DE")
    keys.skip_link_works(t("Skip to content"))
    log_in(keys, t, "heike@example.org")
    open_menu(keys, t)
    keys.follow("link", t("My offers"))
    keys.follow("link", t("New offer"))
    shot(keys, "employer-1-new-offer")

    keys.choose(t("Kind of offer"), t("Apprenticeship"))
    keys.type_into(t("Job title"), "Elektroniker")
    keys.type_into(t("Description"), "Ausbildung im Handwerk")
    keys.choose(t("Minimum German level"), "B1")
    keys.type_into(t("Postcode of the workplace"), "49565")
    keys.type_into(t("Hours per week"), "38", role="spinbutton")
    keys.activate("checkbox", t("An interpreter is available"), key="Space")
    shot(keys, "employer-2-filled")
    keys.follow("button", t("Save"))
    shot(keys, "employer-3-draft")

    keys.follow("button", t("Publish"))
    shot(keys, "employer-4-published")
    with app.app_context():
        offer = db.session.scalar(select(Offer).where(Offer.title == "Elektroniker"))
        assert (offer.kind, offer.status, offer.min_german) == ("apprenticeship", "published", "B1")
        assert offer.interpreter_available


def test_a_newcomer_requests_a_mentor_a_coordinator_runs_a_round_and_she_accepts(
    app, browser, site, build
):
    world = build_match_world(build, OfferBuilders(app, build), seekers=0, mentors=1)
    newcomer = build.user(Role.REFUGEE, email="amina@example.org", name="Amina", locale="ar")
    amina = OfferBuilders(app, build).person(newcomer, world.bramsche, "Amina", ("ar", "de"))
    with app.app_context():  # her newcomer profile is complete: she may ask for a mentor
        db.session.add(RefugeeProfile(person_id=amina.id, right_to_work="allowed"))
        db.session.commit()

    ar = words(app, "ar")
    keys = start(browser, site, "/login", "ar")
    keys.skip_link_works(ar("Skip to content"))
    log_in(keys, ar, "amina@example.org")
    open_menu(keys, ar)
    keys.follow("link", ar("My requests"))
    keys.follow("link", ar("Find a mentor"))
    shot(keys, "newcomer-1-request-form")
    keys.type_into(ar("What should the mentor help you with?"), "مساعدة في الأوراق الرسمية")
    keys.activate("checkbox", ar_language(app), key="Space")
    keys.choose(ar("Your mentor should be"), ar("no preference"))
    keys.follow("button", ar("Send request"))
    shot(keys, "newcomer-2-requested")
    with app.app_context():
        [request] = db.session.scalars(select(Request).where(Request.topic.like("مساعدة%")))
        assert (request.kind, request.status) == ("mentoring", "open")

    coordinator_runs_a_round_and_approves(app, browser, site, world)

    # Back to the newcomer: the match waits for her answer.
    open_menu(keys, ar)
    keys.follow("link", ar("My matches"))
    shot(keys, "newcomer-3-match")
    keys.follow("button", ar("Accept"))
    shot(keys, "newcomer-4-accepted")
    with app.app_context():
        proposal = db.session.scalar(select(Proposal))
        assert proposal.seeker_answer == "accepted"


def ar_language(app: Flask) -> str:
    """The Arabic language's name as the request form lists it in Arabic."""
    from app.core.i18n import language_name

    return language_name("ar", "ar")


def coordinator_runs_a_round_and_approves(app, browser, site, world) -> None:
    t = words(app, "de")
    with app.app_context():
        db.session.get(User, world.coordinator_os.id).locale = "de"
        db.session.commit()
    keys = start(browser, site, "/login", "de-DE")
    keys.skip_link_works(t("Skip to content"))
    log_in(keys, t, world.coordinator_os.email, app)
    open_menu(keys, t)
    keys.activate("button", t("Coordination"))
    keys.follow("link", t("Matching rounds"))
    shot(keys, "coordinator-1-rounds")
    keys.choose(t("District"), "Landkreis Osnabrück")
    keys.follow("button", t("Start the round"))
    keys.page.wait_for_selector("#summary")
    shot(keys, "coordinator-2-round-done")

    open_menu(keys, t)
    keys.activate("button", t("Coordination"))
    keys.follow("link", t("Approvals"))
    shot(keys, "coordinator-3-queue")
    with app.app_context():
        proposal = db.session.scalar(select(Proposal))
        pair = f"{proposal.request.person.full_name} ↔ {proposal.offer.title}"
        number = t("no. %(number)s", number=proposal.id)
    keys.follow("button", f"{t('Approve')} ({pair}, {number})")
    shot(keys, "coordinator-4-approved")
    with app.app_context():
        assert db.session.scalar(select(Proposal)).status == "approved"
