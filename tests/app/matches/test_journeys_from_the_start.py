"""Issue 15: two journeys from their very start to their real end — a match active on both sides —
on a phone (390 px) in Debian's chromium.

1. A person registers as a volunteer through /register in German, fills in the profile the app
   asks for (where, languages, weekly times) and offers to go along to public offices; a
   coordinator keeps the profile of a newcomer without an account, with her consent, and
   records what she asked the office for; the round pairs her with the offer and the
   coordinator approves; the volunteer sees what she needs to decide and accepts; the
   coordinator records the newcomer's answer given on the phone; the match is active for the
   volunteer, with the way to reach the newcomer.
2. An employer publishes a job through the offer form; a newcomer with an account, in
   Ukrainian, finds it and asks for it; the coordinator's round proposes the pair and the
   coordinator approves; both accept; the match is active for both, with contact details.

Screenshots go to tests/artifacts/start-*.png.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.matches.models import AnswerOnBehalf, Proposal
from app.offers.models import Offer, Request
from app.profiles.models import AvailabilitySlot, Person, PersonLanguage, RefugeeProfile
from tests.app.browser import phone_page, screenshot
from tests.app.live_server import serve
from tests.app.matches.pages import district_office, logged_in, start_round

pytestmark = pytest.mark.browser

PASSWORD = "ein langes Geheimnis"
TUESDAY_MORNING = (1, 10 * 60, 12 * 60)


@pytest.fixture
def site(app):
    with serve(app) as url:
        yield url


def newcomer(app, person: Person, german: str) -> Person:
    """A newcomer's profile: an adult allowed to work, speaking German at ``german``, free on
    Tuesday mornings."""
    weekday, start, end = TUESDAY_MORNING
    with app.app_context():
        db.session.add(RefugeeProfile(person_id=person.id, right_to_work="allowed"))
        found = db.session.get(Person, person.id)
        found.date_of_birth = date(1994, 5, 2)
        found.languages.append(PersonLanguage(code="de", level=german))
        found.availability = [AvailabilitySlot(weekday=weekday, start_minute=start, end_minute=end)]
        db.session.commit()
    return person


def only_proposal(app) -> Proposal:
    with app.app_context():
        return db.session.scalars(select(Proposal)).one()


def follow_the_mail(page, site: str, outbox, email: str, subject: str) -> None:
    """The person opens the mail about the approved match, in their language, and its link."""
    assert outbox.last_to(email)["Subject"] == subject
    page.goto(outbox.link_in_last_to(email).replace("http://localhost", site))
    expect(page).to_have_url(re.compile(r"/matches/mine$"))


def round_and_approval(app, office, site: str, district_id: int, shot: str) -> Proposal:
    """The coordinator runs a round for the district and approves the one pair it proposes."""
    start_round(office, site, district_id)
    proposal = only_proposal(app)
    office.goto(site + "/matches/queue")
    screenshot(office, shot)
    office.click(f"#proposal-{proposal.id} button.btn-success")
    expect(office.locator(".alert-success")).to_be_visible()
    return proposal


def register_as_volunteer(page, site: str, outbox, email: str) -> None:
    """Register through the form in German, follow the mailed link and log in."""
    page.goto(site + "/register")
    page.get_by_label("Ihr Name").fill("Jana Kowalski")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Ich möchte mitmachen als").select_option("volunteer")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_label("Datenschutz", exact=False).check()
    screenshot(page, "start-volunteer-1-register-de")
    page.get_by_role("button", name="Registrieren").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto(outbox.link_in_last_to(email).replace("http://localhost", site))
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/me$"))  # a new member starts with their profile


def languages_and_tuesday_morning(page, *languages: tuple[str, str]) -> None:
    """The profile form's languages (code, level) and Tuesday 10–12 as the weekly time."""
    for row, (code, level) in enumerate(languages):
        page.select_option(f"#languages-{row}-code", code)
        page.select_option(f"#languages-{row}-level", level)
    weekday = TUESDAY_MORNING[0]
    page.fill(f"#weekly-{weekday}-start", "10:00")
    page.fill(f"#weekly-{weekday}-end", "12:00")


def fill_in_the_profile(page) -> None:
    """From the empty profile: who, where, languages and the weekly times the app asks for."""
    page.get_by_role("link", name="Profil ausfüllen").click()
    page.get_by_label("Vorname").fill("Jana")
    page.get_by_label("Nachname").fill("Kowalski")
    page.get_by_label("Postleitzahl").fill("49565")
    languages_and_tuesday_morning(page, ("de", "native"), ("ar", "B1"))
    screenshot(page, "start-volunteer-2-about-me-de")
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(re.compile(r"/me$"))
    expect(page.locator("#next-step")).to_contain_text("Sagen Sie, wobei Sie helfen möchten.")
    screenshot(page, "start-volunteer-2b-next-step-de")


def offer_to_go_along_to_public_offices(page, site: str) -> None:
    page.get_by_role("link", name="Was ich anbiete").click()
    page.get_by_label("Begleitung zu Behörden").check()
    page.get_by_label("Stunden pro Woche", exact=False).fill("2")
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(re.compile(r"/me$"))
    screenshot(page, "start-volunteer-3-offer-saved-de")
    page.goto(site + "/offers/?kind=volunteering")  # published: others find it
    expect(page.get_by_role("link", name="Begleitung zu Behörden")).to_be_visible()
    screenshot(page, "start-volunteer-3b-offer-found-de")


def keep_samira_on_behalf(office, site: str) -> None:
    """Samira, who has no account, comes to the office: the coordinator keeps her profile, with
    her consent, and records what she asks for: someone to go along with her to the foreigners'
    office."""
    office.goto(site + "/people/new")
    office.check("#consent")
    office.fill("#consent_note", "Unterschriebenes Formular in der Beratung")
    office.fill("#given_name", "Samira")
    office.fill("#family_name", "Nasser")
    office.fill("#date_of_birth", "1994-05-02")
    office.fill("#postcode", "49565")
    languages_and_tuesday_morning(office, ("ar", "native"), ("de", "A1"))
    office.get_by_role("button", name="Speichern").click()
    expect(office).to_have_url(re.compile(r"/people/\d+$"))
    office.get_by_role("link", name="Anfrage eintragen").click()
    office.get_by_label("Art").select_option("volunteering")
    office.get_by_label("Thema").fill("Termin bei der Ausländerbehörde")
    screenshot(office, "start-volunteer-4a-coordinator-records-request-de")
    office.get_by_role("button", name="Anfrage eintragen").click()
    expect(office.locator(".alert-success")).to_contain_text("Die Anfrage ist eingetragen.")


def record_answer_by_phone(office, site: str, match_id: int, name: str) -> None:
    office.goto(site + "/matches/queue?status=approved")
    office.click(f"#proposal-{match_id} a.record-answer")
    expect(office.locator("h1")).to_contain_text(name)
    office.check("input[name=answer][value=accept]")
    office.select_option("#channel", "phone")
    screenshot(office, "start-volunteer-6-coordinator-records-de")
    office.click("main form button[type=submit]")
    expect(office.locator(".alert-success")).to_contain_text("aktiv")


def test_volunteer_from_registration_to_an_active_match_with_a_person_without_an_account(
    app, build, browser, site, outbox
):
    district, _bramsche, coordinator = district_office(build)

    page = phone_page(browser, "de-DE")
    register_as_volunteer(page, site, outbox, "jana@example.org")
    fill_in_the_profile(page)
    offer_to_go_along_to_public_offices(page, site)

    office = logged_in(browser, site, coordinator, "de")
    keep_samira_on_behalf(office, site)
    match = round_and_approval(app, office, site, district.id, "start-volunteer-4-queue-de")

    subject = "Ihnen wird eine Vermittlung vorgeschlagen"
    follow_the_mail(page, site, outbox, "jana@example.org", subject)
    card = page.locator(f"#match-{match.id}")
    facts = card.locator(".match-facts").inner_text()
    for shown in ("Bramsche", "Termin bei der Ausländerbehörde", "Arabisch", "Di. 10:00–12:00"):
        assert shown in facts, shown
    expect(card.locator(".match-state")).to_have_text("Wartet auf Ihre Antwort")
    screenshot(page, "start-volunteer-5-decides-de")
    card.locator("button[value=accept]").click()
    expect(card.locator(".match-state")).to_have_text("Sie haben zugestimmt · wartet auf Samira")

    record_answer_by_phone(office, site, match.id, "Samira")
    page.goto(site + "/matches/mine")
    expect(card.locator(".match-state")).to_have_text("Aktiv")
    contact = card.locator(".contact").inner_text()
    assert "Samira Nasser" in contact and "Fachdienst Integration" in contact
    # The way to Samira: the office, and the coordinator there who took her answer.
    office_mail = card.locator(f".contact a[href='mailto:{coordinator.email}']")
    expect(office_mail).to_have_text(coordinator.email)
    screenshot(page, "start-volunteer-7-active-de")
    with app.app_context():
        found = db.session.get(Proposal, match.id)
        assert found.status == "active" and found.offer.kind == "volunteering"
        assert found.request.person.user_id is None  # Samira has no account
        assert found.offer.title == "Begleitung zu Behörden"
        [answer] = db.session.scalars(select(AnswerOnBehalf))
        assert (answer.proposal_id, answer.channel) == (match.id, "phone")


def publish_a_job(employer, site: str) -> None:
    """Through the offer form, saved as a draft, then published."""
    employer.goto(site + "/offers/mine")
    employer.get_by_role("link", name="Neues Angebot").click()
    employer.select_option("#kind", "job")
    employer.fill("#title", "Gärtnerhelferin / Gärtnerhelfer")
    employer.fill("#skills", "Pflanzenpflege, Gießen")
    employer.select_option("#min_german", "A2")
    employer.fill("#capacity", "1")
    employer.fill("#hours_per_week", "20")
    employer.fill("#postcode", "49565")
    employer.fill("#valid_until", (date.today() + timedelta(days=60)).isoformat())
    employer.fill("#description", "Pflege der Gewächshäuser, dienstags und donnerstags.")
    screenshot(employer, "start-employer-1-offer-form-de")
    employer.get_by_role("button", name="Speichern").click()
    expect(employer).to_have_url(re.compile(r"/offers/\d+$"))
    employer.get_by_role("button", name="Veröffentlichen").click()
    expect(employer.locator(".alert-success")).to_be_visible()
    screenshot(employer, "start-employer-2-published-de")


def ask_for_the_job_in_ukrainian(olena, site: str) -> None:
    """The newcomer finds the job among the offers and asks for it."""
    olena.goto(site + "/offers/?kind=job")
    olena.get_by_role("link", name="Gärtnerhelferin / Gärtnerhelfer").click()
    olena.get_by_role("button", name="Мене це цікавить").click()
    expect(olena.locator("main")).to_contain_text("Ви виявили інтерес до цієї пропозиції.")
    screenshot(olena, "start-employer-3-newcomer-asks-uk")


def test_employer_publishes_a_job_and_a_newcomer_in_ukrainian_gets_it(
    app, build, offers, browser, site, outbox
):
    district, bramsche, coordinator = district_office(build)
    employer_user = build.user(Role.EMPLOYER, name="Gärtnerei Brink", locale="de")
    offers.person(employer_user, bramsche, "Heike", languages=("de",))
    olena_user = build.user(Role.REFUGEE, name="Olena Kovalenko", locale="uk")
    newcomer(app, offers.person(olena_user, bramsche, "Olena", languages=("uk", "ru")), "B1")

    employer = logged_in(browser, site, employer_user, "de")
    publish_a_job(employer, site)
    olena = logged_in(browser, site, olena_user, "uk")
    ask_for_the_job_in_ukrainian(olena, site)
    with app.app_context():
        job = db.session.scalars(select(Offer)).one()
        assert (job.kind, job.status, job.town) == ("job", "published", "Bramsche")
        request = db.session.scalars(select(Request)).one()
        assert (request.kind, request.offer_id) == ("job", job.id)

    office = logged_in(browser, site, coordinator, "de")
    match = round_and_approval(app, office, site, district.id, "start-employer-4-queue-de")
    assert (match.request_id, match.offer_id) == (request.id, job.id)

    follow_the_mail(olena, site, outbox, olena_user.email, "Вам запропоновано підбір")
    card = olena.locator(f"#match-{match.id}")
    facts = card.locator(".match-facts").inner_text()
    for shown in ("Bramsche", "Pflanzenpflege, Gießen", "Pflege der Gewächshäuser"):
        assert shown in facts, shown
    assert employer_user.email not in card.inner_text()
    expect(card.locator(".match-state")).to_have_text("Очікує на вашу відповідь")
    screenshot(olena, "start-employer-5-newcomer-decides-uk")
    card.locator("button[value=accept]").click()
    expect(card.locator(".match-state")).to_have_text("Ви погодилися · очікуємо на: Heike")

    employer.goto(site + "/matches/mine")
    mine = employer.locator(f"#match-{match.id}")
    assert "Ukrainisch" in mine.locator(".match-facts").inner_text()
    screenshot(employer, "start-employer-6-decides-de")
    mine.locator("button[value=accept]").click()
    expect(mine.locator(".match-state")).to_have_text("Aktiv")
    assert olena_user.email in mine.locator(".contact").inner_text()
    screenshot(employer, "start-employer-7-active-de")
    olena.goto(site + "/matches/mine")
    expect(card.locator(".match-state")).to_have_text("Активний")
    assert employer_user.email in card.locator(".contact").inner_text()
    screenshot(olena, "start-employer-8-active-uk")
    with app.app_context():
        assert db.session.get(Proposal, match.id).status == "active"
        assert db.session.get(Offer, job.id).open_places == 0
