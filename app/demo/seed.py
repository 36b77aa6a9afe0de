"""Seed the demo district: Landkreis Osnabrück with its real towns and realistic people.

Deterministic (one seeded generator) and idempotent: a second run finds the district and adds
nothing. Demo logins share one password and exist only in demo data; real accounts follow the
password rules.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from app.accounts import services as accounts
from app.accounts.models import Membership, Organisation, Region, User, UserRole
from app.accounts.second_factor.policy import STAFF_ROLES
from app.accounts.second_factor.services import enrol_with_known_secret
from app.core.db import utcnow
from app.core.permissions import Role
from app.core.taxonomy import normalise_skill_text
from app.demo import families, people, reference
from app.demo.randomness import Draw
from app.extensions import db
from app.matches.models import Proposal
from app.offers.models import AdviceSlot, Offer, OfferSkill, Request
from app.profiles.models import AdviserProfile, EmployerProfile, Person, PersonLanguage

DEMO_PASSWORD = "bruecke-demo"  # nosec B105  # published in the README, demo data only
DEMO_LOGINS = {
    Role.REFUGEE: "refugee@demo.example",
    Role.VOLUNTEER: "volunteer@demo.example",
    Role.MENTOR: "mentor@demo.example",
    Role.EMPLOYER: "employer@demo.example",
    Role.ADVISER: "adviser@demo.example",
    Role.COORDINATOR: "coordinator@demo.example",
    Role.ADMIN: "admin@demo.example",
}
# Published with the demo logins (README): every demo coordinator and the administrator use it, and
# ``flask demo-code`` prints its current code.
DEMO_SECOND_FACTOR_SECRET = "BRUECKEDEMOZWEITERFAKTORBRUECKE2"  # nosec B105  # published
DISTRICT_CODE = "03459"
COUNTS = {"refugees": 200, "volunteers": 60, "mentors": 40}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def seed_demo(today: date | None = None) -> dict[str, int]:
    """Create the demo district unless it exists; return what the database holds."""
    today = today or date.today()
    if db.session.scalar(select(Region).where(Region.code == DISTRICT_CODE)) is None:
        Seeder(today).run()
        db.session.flush()
    return demo_counts(today)


def demo_counts(today: date) -> dict[str, int]:
    def count(model: Any, *where: Any) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    return {
        "regions": count(Region),
        "organisations": count(Organisation),
        "user accounts": count(User),
        "people": count(Person),
        "newcomers": count(Person, Person.refugee_profile.has()),
        "newcomers under 18": count(
            Person,
            Person.refugee_profile.has(),
            Person.date_of_birth > families.years_before(today, 18),
        ),
        "volunteers": count(Person, Person.volunteer_profile.has()),
        "mentors": count(Person, Person.mentor_profile.has()),
        "employer contacts": count(Person, Person.employer_profile.has()),
        "advisers": count(Person, Person.adviser_profile.has()),
        "offers": count(Offer),
        "job offers": count(Offer, Offer.kind.in_(["job", "apprenticeship", "internship"])),
        "positions in job offers": db.session.scalar(
            select(func.coalesce(func.sum(Offer.capacity), 0)).where(
                Offer.kind.in_(["job", "apprenticeship", "internship"])
            )
        )
        or 0,
    }


class Seeder:
    def __init__(self, today: date) -> None:
        self.today = today
        self.draw = Draw()
        self.towns = reference.district_towns()
        self.regions: dict[str, Region] = {}
        self.organisations: dict[str, Organisation] = {}
        self.coordinator: User  # the demo coordinator, from create_demo_logins on

    def run(self) -> None:
        self.create_regions()
        self.create_organisations()
        arrivals = [
            families.Parent(self.add_newcomer(g), g)
            for g in reference.origin_groups()
            for _ in range(g["count_of_200"])
        ]
        newcomers = [arrival.person for arrival in arrivals]
        volunteers = [self.add_volunteer() for _ in range(COUNTS["volunteers"])]
        mentors = [self.add_mentor() for _ in range(COUNTS["mentors"])]
        employers = [self.add_employer(e) for e in reference.load("employers")["employers"]]
        advisers = [self.add_adviser(a) for a in reference.load("advisers")["advisers"]]
        self.create_demo_logins(newcomers, volunteers, mentors, employers, advisers)
        self.add_families(arrivals)
        self.add_marketplace(newcomers)
        self.add_knowledge_and_capacity()
        self.add_matching_round()
        self.add_case_files(newcomers)

    # -- places and organisations -------------------------------------------------------------

    def create_regions(self) -> None:
        district = Region(
            name="Landkreis Osnabrück", kind="district", code=DISTRICT_CODE, lat=52.2776, lon=8.0473
        )
        for town in self.towns:
            self.regions[town["name"]] = Region(
                name=town["name"],
                kind="municipality",
                code=town.get("ags"),
                parent=district,
                lat=town["lat"],
                lon=town["lon"],
            )
        city = reference.city_of_osnabrueck()
        # The city is a district of its own (kreisfrei); advisers and chambers sit there.
        self.regions[city["name"]] = Region(
            name=city["name"],
            kind="district",
            code=city.get("ags"),
            lat=city["lat"],
            lon=city["lon"],
        )
        self.district = district
        db.session.add_all([district, self.regions[city["name"]]])

    def create_organisations(self) -> None:
        for entry in reference.load("organisations")["organisations"]:
            organisation = Organisation(name=entry["name"], kind=entry["kind"])
            if entry.get("covers") == "all":
                organisation.regions = [self.district]
            else:
                organisation.regions = [
                    self.regions[t] for t in entry["covers_towns"] if t in self.regions
                ]
            self.organisations[entry["id"]] = organisation
            db.session.add(organisation)

    def region_of(self, person: Person) -> Region | None:
        return self.regions.get(person.town or "")

    # -- people ------------------------------------------------------------------------------

    def add_person(self, person: Person) -> Person:
        person.region = self.region_of(person)
        db.session.add(person)
        return person

    def add_newcomer(self, group: dict[str, Any]) -> Person:
        person = people.newcomer(self.draw, group, self.today, self.towns)
        profile = person.refugee_profile
        # Wohnsitzauflage (§ 12a AufenthG): recognised refugees stay in the assigning district
        # for three years after recognition.
        recently_recognised = (
            profile is not None
            and profile.residence_status in {"recognised", "subsidiary_protection"}
            and profile.arrival_date is not None
            and profile.arrival_date > self.today - timedelta(days=3 * 365)
        )
        if recently_recognised:
            profile.residence_obligation_region = self.district
        return self.add_person(person)

    def add_volunteer(self) -> Person:
        person = self.add_person(people.volunteer(self.draw, self.today, self.towns))
        topics = person.volunteer_profile.interests if person.volunteer_profile else ""
        self.add_offer(
            person,
            kind="volunteering",
            title=self.volunteering_title(topics),
            capacity=2,
            hours=person.volunteer_profile.hours_per_week,
        )
        return person

    def volunteering_title(self, interests: str | None) -> str:
        labels = {
            i["id"]: i["de"] for i in reference.load("goals_and_topics")["volunteer_interests"]
        }
        first = (interests or "").split(", ")[0]
        return labels.get(first, "Ehrenamtliche Unterstützung")

    def add_mentor(self) -> Person:
        person = self.add_person(people.mentor(self.draw, self.today, self.towns))
        topics = reference.load("goals_and_topics")["mentor_tandem_topics"]
        chosen = self.draw.sample(topics, 2)
        capacity = person.mentor_profile.tandem_capacity if person.mentor_profile else 1
        offer = self.add_offer(
            person,
            kind="mentoring",
            title="Patenschaft: " + ", ".join(t["de"] for t in chosen),
            capacity=capacity,
            hours=2.0,
        )
        offer.min_german = None
        return person

    def add_employer(self, entry: dict[str, Any]) -> Person:
        organisation = Organisation(name=entry["name"], kind="company", regions=[self.district])
        db.session.add(organisation)
        person = people.contact_person(self.draw, self.today)
        town = next(t for t in self.towns if t["name"] == entry["town"])
        person.town, person.postcode = town["name"], town["postcodes"][0]
        person.lat, person.lon = self.draw.near(town["lat"], town["lon"], km=2)
        person.employer_profile = EmployerProfile(
            organisation=organisation, position="Personalabteilung"
        )
        self.add_person(person)
        for opening in entry["openings"]:
            offer = self.add_offer(
                person,
                kind=opening["kind"],
                title=opening["title"],
                capacity=opening["positions"],
                hours=opening["hours_per_week"],
                organisation=organisation,
            )
            offer.min_german = opening["min_german"]
            offer.interpreter_available = opening["interpreter"]
            offer.skills = [OfferSkill(original_text=s) for s in opening["skills"]]
        return person

    def add_adviser(self, entry: dict[str, Any]) -> Person:
        organisation = self.organisations.get(entry["id"].replace("adv-", "org-"))
        if organisation is None:
            organisation = Organisation(name=entry["name"], kind=self.organisation_kind(entry))
            organisation.regions = [self.district]
            db.session.add(organisation)
        person = people.contact_person(self.draw, self.today)
        seat = self.regions.get(entry["seat"]) or self.district
        person.town, person.lat, person.lon = entry["seat"], seat.lat, seat.lon
        # The languages the office advises in (without them no newcomer could ever be matched
        # with its advice: the engine found no shared language).
        person.languages = [
            PersonLanguage(code=code, level="native" if code == "de" else "C1")
            for code in entry["languages"]
        ]
        topics = reference.load("advisers")["topics"]
        person.adviser_profile = AdviserProfile(
            organisation=organisation,
            topics=", ".join(topics[t]["de"] for t in entry["topics"] if t in topics),
        )
        self.add_person(person)
        for slot in entry["weekly_slots"]:
            minutes = self.slot_minutes(slot)
            title = f"Gründungsberatung ({self.weekday_label(slot['weekday'])} {slot['start']})"
            self.add_offer(
                person,
                kind="advice",
                title=title,
                capacity=max(1, minutes // slot["slot_minutes"]),
                hours=minutes / 60,
                organisation=organisation,
                town=slot["location_town"],
            )
        return person

    @staticmethod
    def organisation_kind(entry: dict[str, Any]) -> str:
        return entry["kind"] if entry["kind"] in {"chamber", "welfare", "company"} else "welfare"

    @staticmethod
    def slot_minutes(slot: dict[str, str]) -> int:
        start_h, start_m = map(int, slot["start"].split(":"))
        end_h, end_m = map(int, slot["end"].split(":"))
        return (end_h * 60 + end_m) - (start_h * 60 + start_m)

    @staticmethod
    def weekday_label(weekday: str) -> str:
        german = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
        return german[WEEKDAYS.index(weekday)]

    def add_offer(
        self,
        owner: Person,
        *,
        kind: str,
        title: str,
        capacity: int,
        hours: float | None,
        organisation: Organisation | None = None,
        town: str | None = None,
    ) -> Offer:
        region = self.regions.get(town or owner.town or "")
        offer = Offer(
            kind=kind,
            status="published",
            owner=owner,
            title=title,
            capacity=capacity,
            hours_per_week=hours,
            organisation=organisation,
            town=town or owner.town,
            postcode=owner.postcode,
            lat=region.lat if town and region else owner.lat,
            lon=region.lon if town and region else owner.lon,
            region=region,
            max_km=owner.max_km,
            valid_until=self.today + timedelta(days=180),
        )
        db.session.add(offer)
        return offer

    # -- logins ------------------------------------------------------------------------------

    def create_demo_logins(
        self,
        newcomers: list[Person],
        volunteers: list[Person],
        mentors: list[Person],
        employers: list[Person],
        advisers: list[Person],
    ) -> None:
        arabic_speaker = next(
            p
            for p in newcomers
            if any(lang.code == "ar" and lang.level == "native" for lang in p.languages)
        )
        owners = {
            Role.REFUGEE: (arabic_speaker, "ar"),
            Role.VOLUNTEER: (volunteers[0], "de"),
            Role.MENTOR: (mentors[0], "de"),
            Role.EMPLOYER: (employers[0], "de"),
            Role.ADVISER: (advisers[0], "de"),
        }
        for role, email in DEMO_LOGINS.items():
            person, locale = owners.get(role, (None, "de"))
            name = person.full_name if person else self.coordinator_name(role)
            user = accounts.create_user(email, DEMO_PASSWORD, name, {role}, locale)
            user.confirmed_at = utcnow()
            if person is not None:
                person.user = user
            if role == Role.COORDINATOR:
                self.coordinator = user
        self.add_coordinators()

    def coordinator_name(self, role: Role) -> str:
        return "Petra Meyer" if role == Role.COORDINATOR else "Admin Landkreis"

    def add_coordinators(self) -> None:
        """The demo coordinator at the integration office, and two at welfare organisations."""
        memberships = [
            ("coordinator@demo.example", "org-lk-integration"),
            ("caritas.coordinator@demo.example", "org-caritas"),
            ("drk.coordinator@demo.example", "org-drk"),
        ]
        for email, organisation_key in memberships:
            user = accounts.find_user_by_email(email)
            if user is None:
                user = accounts.create_user(
                    email,
                    DEMO_PASSWORD,
                    email.split(".")[0].title() + " Koordination",
                    {Role.COORDINATOR},
                    "de",
                )
                user.confirmed_at = utcnow()
            organisation = self.organisations.get(organisation_key)
            if organisation is not None:
                user.memberships.append(Membership(organisation=organisation))
        self.give_staff_the_demo_factor()

    @staticmethod
    def give_staff_the_demo_factor() -> None:
        staff = db.session.scalars(
            select(User)
            .join(User.role_rows)
            .where(UserRole.role.in_(STAFF_ROLES), User.email.endswith("@demo.example"))
        )
        for user in staff:
            enrol_with_known_secret(user, DEMO_SECOND_FACTOR_SECRET)

    def add_families(self, arrivals: list[families.Parent]) -> None:
        """Children for a third of the newcomers, kept on behalf by the demo coordinator; they
        are not passed on as newcomers, so they get no requests, bookings or case files."""
        db.session.flush()  # the coordinator's id
        db.session.add_all(families.add_families(arrivals, self.coordinator, self.today))

    # -- marketplace: advice slots, bookings, requests and interest (the offers package) --------

    def add_marketplace(self, newcomers: list[Person]) -> None:
        """Concrete consultation slots for the next weeks, a few bookings, mentor requests and
        interest in job offers, so that every offers page has content for the demo logins."""
        db.session.flush()
        offers = list(db.session.scalars(select(Offer).order_by(Offer.id)))
        advice = [o for o in offers if o.kind == "advice"]
        jobs = [o for o in offers if o.kind in {"job", "apprenticeship", "internship"}]
        self.normalise_job_offers(jobs)
        self.add_advice_slots(advice)
        demo_refugee = next(
            p for p in newcomers if p.user and p.user.email == DEMO_LOGINS[Role.REFUGEE]
        )
        others = [p for p in newcomers if p is not demo_refugee]
        self.add_bookings(advice, [demo_refugee, *self.draw.sample(others, 6)])
        self.add_requests(demo_refugee, newcomers, jobs)

    @staticmethod
    def normalise_job_offers(jobs: list[Offer]) -> None:
        for offer in jobs:
            offer.taxonomy_id = normalise_skill_text(offer.title).taxonomy_id
            for skill in offer.skills:
                skill.taxonomy_id = normalise_skill_text(skill.original_text).taxonomy_id
        # The demo employer has one offer still in draft, to show the lifecycle.
        owner = jobs[0].owner
        [o for o in jobs if o.owner is owner][-1].status = "draft"

    def add_advice_slots(self, advice: list[Offer], weeks: int = 3) -> None:
        data = reference.load("advisers")
        windows = [(a, w) for a in data["advisers"] for w in a["weekly_slots"]]
        for offer, (adviser, window) in zip(advice, windows, strict=True):
            offer.meeting_mode = window["mode"]
            offer.topics = ", ".join(
                data["topics"][t]["de"] for t in adviser["topics"] if t in data["topics"]
            )
            offer.slots = [
                AdviceSlot(starts_at=start, minutes=window["slot_minutes"])
                for week in range(weeks)
                if window["frequency"] != "biweekly" or week % 2 == 0
                for start in self.window_starts(window, week)
            ]
            offer.capacity = len(offer.slots)

    def window_starts(self, window: dict[str, Any], week: int) -> list[datetime]:
        """The appointments' start times (UTC) in one week's consultation window."""
        from zoneinfo import ZoneInfo

        weekday = WEEKDAYS.index(window["weekday"])
        # The first such weekday after today, then one week later each.
        day = self.today + timedelta(days=(weekday - self.today.weekday() - 1) % 7 + 1 + 7 * week)
        hours, minutes = map(int, window["start"].split(":"))
        first = datetime.combine(day, time(hours, minutes), tzinfo=ZoneInfo("Europe/Berlin"))
        count = self.slot_minutes(window) // window["slot_minutes"]
        step = timedelta(minutes=window["slot_minutes"])
        return [(first + i * step).astimezone(UTC) for i in range(count)]

    def add_bookings(self, advice: list[Offer], bookers: list[Person]) -> None:
        # The demo newcomer holds the first appointment of the demo adviser's first window.
        advice[0].slots[0].booked_by = bookers[0]
        self.book(advice[0].slots[0], "Ich möchte ein Café eröffnen. Was brauche ich dafür?")
        for person in bookers[1:]:
            offer = self.draw.pick(advice)
            free = [s for s in offer.slots if s.booked_by is None]
            if free:
                slot = self.draw.pick(free)
                slot.booked_by = person
                self.book(slot, None)

    def book(self, slot: AdviceSlot, note: str | None) -> None:
        slot.booked_at = utcnow()
        slot.booking_note = note
        slot.uid = f"demo-{self.draw.between(10**11, 10**12 - 1)}@bruecke.example"

    def add_requests(self, demo: Person, newcomers: list[Person], jobs: list[Offer]) -> None:
        topics = reference.load("goals_and_topics")["mentor_tandem_topics"]
        published = [o for o in jobs if o.status == "published"]
        own_jobs = [o for o in published if o.owner is jobs[0].owner]
        db.session.add(self.mentor_request(demo, "Eine Ausbildung finden", ["ar", "de"]))
        for offer in own_jobs[:2]:
            db.session.add(Request(person=demo, kind=offer.kind, offer=offer, status="open"))
        others = [p for p in newcomers if p is not demo]
        for person in self.draw.sample(others, 12):
            codes = [lang.code for lang in person.languages][:2]
            db.session.add(self.mentor_request(person, self.draw.pick(topics)["de"], codes))
        interested = self.draw.sample(others, 15)
        for person, offer in zip(interested, self.draw.sample(published, 15), strict=False):
            db.session.add(Request(person=person, kind=offer.kind, offer=offer, status="open"))
        for person in self.draw.sample(others, 3):  # taken back, still shown to the person
            db.session.add(self.mentor_request(person, "Deutsch üben", [], status="withdrawn"))

    def mentor_request(
        self, person: Person, topic: str, languages: list[str], status: str = "open"
    ) -> Request:
        gender = self.draw.pick([None, None, "female", "male"])
        return Request(
            person=person,
            kind="mentoring",
            topic=topic,
            wished_languages=",".join(languages) or None,
            wished_mentor_gender=gender,
            status=status,
        )

    # -- knowledge base and capacity figures (the knowledge and evidence packages) -----------------

    def add_knowledge_and_capacity(self) -> None:
        """A dozen real-world answers (some translations out of date, two internal ones) written by
        the demo coordinator, and the offices' counts of course, daycare, school and housing
        places in the bigger towns, each counted twice."""
        from app.demo.evidence import add_demo_capacity
        from app.demo.knowledge import add_demo_articles

        db.session.flush()
        add_demo_articles(self.coordinator, self.organisations, self.district, self.today)
        add_demo_capacity(self.coordinator, self.regions, self.today)

    # -- a finished matching round (the matches package) -------------------------------------------

    def add_matching_round(self) -> None:
        """A finished round for the district, and its proposals in every state a match can be
        in: ended with a rating, active (answers of people without an account recorded by the
        coordinator, by phone or in person), declined, rejected with a reason, approved and
        waiting for both or for one side, and still proposed. The demo logins' own proposals
        wait for them: the other side's answer is recorded, theirs is theirs to give."""
        from app.matches import services as matches

        db.session.flush()
        matching_round = matches.create_round(self.district.id, self.coordinator)
        matches.run_round(matching_round, self.today, db.session.flush)
        proposals = sorted(
            db.session.scalars(select(Proposal).where(Proposal.round_id == matching_round.id)),
            key=lambda p: (-p.score, p.id),
        )
        with_login = [p for p in proposals if p.seeker.user or p.provider.user]
        kept = [p for p in proposals if p not in with_login]
        plan = (
            ("ended", "phone"),
            ("active", "in_person"),
            ("active", "interpreter"),
            ("declined", "phone"),
            ("rejected", ""),
            ("approved", ""),
            ("one side", "letter"),
        )
        for (state, channel), proposal in zip(plan, kept, strict=False):
            self.try_in_savepoint(lambda p=proposal, s=state, c=channel: self.bring_to(p, s, c))
        # The demo logins' proposals are approved, with the answer of the side without an
        # account recorded (by phone); the demo newcomer's last one stays in the coordinator's
        # queue.
        newcomers_last = [p for p in with_login if p.seeker.user][-1:]
        for proposal in with_login:
            if proposal not in newcomers_last:
                self.try_in_savepoint(lambda p=proposal: self.bring_to(p, "for the login", "phone"))
        self.give_logins_a_match()

    def give_logins_a_match(self) -> None:
        """The demo volunteer, mentor, employer and adviser each with a match to answer, if
        the round gave them none (``app.demo.login_matches``)."""
        from app.demo.login_matches import give_logins_a_match

        roles = (Role.VOLUNTEER, Role.MENTOR, Role.EMPLOYER, Role.ADVISER)
        emails = [DEMO_LOGINS[role] for role in roles]
        logins = db.session.scalars(
            select(Person).join(User, User.id == Person.user_id).where(User.email.in_(emails))
        )
        give_logins_a_match(sorted(logins, key=lambda p: p.id), self.coordinator, self.today)

    @staticmethod
    def try_in_savepoint(step: Any) -> None:
        """A step that a full offer or a request matched already refuses is left out."""
        from app.matches.errors import MatchError

        try:
            with db.session.begin_nested():
                step()
        except MatchError:
            pass

    def bring_to(self, proposal: Proposal, state: str, channel: str) -> None:
        from app.matches import services as matches

        if state == "rejected":
            matches.reject(proposal, self.coordinator, "Kennen sich bereits aus der Nachbarschaft.")
            return
        matches.approve(proposal, self.coordinator, notify=False)
        if state == "approved":
            return
        if state == "for the login":
            for side in ("provider", "seeker"):
                if self.answered_for(proposal, side, True, channel):
                    return  # one answer recorded; the login's own is still to come
            return
        accepted = state != "declined"
        self.answered_for(proposal, "seeker", accepted, channel)
        if state in ("active", "ended"):
            self.answered_for(proposal, "provider", accepted, channel)
        if state == "ended":
            comment = "Sehr hilfsbereit, wir treffen uns weiter privat."
            matches.end_match(proposal, self.coordinator, 5, comment)

    def answered_for(self, proposal: Proposal, side: str, accepted: bool, channel: str) -> bool:
        """Record the answer of the person on ``side`` when they have no account (True)."""
        from app.matches import answers_on_behalf as answers
        from app.matches.models import AnswerChannel, AnsweredBy

        chosen = "seeker" if side == "seeker" else "provider"
        if answers.person_on(proposal, chosen).user_id is not None:
            return False
        day = proposal.decided_at.date() if proposal.decided_at else self.today
        given = answers.GivenAnswer(accepted, AnsweredBy.PERSON, AnswerChannel(channel), day)
        answers.record_answer(proposal, chosen, given, self.coordinator, day)
        return True

    # -- case files with history and consent (the casefile package) --------------------------------

    def add_case_files(self, newcomers: list[Person]) -> None:
        """The demo newcomer's case file and twenty others, with consent for the coordinators'
        organisations."""
        from app.demo.casefile import add_demo_case_files

        db.session.flush()
        demo_newcomer = next(
            p for p in newcomers if p.user and p.user.email == DEMO_LOGINS[Role.REFUGEE]
        )
        add_demo_case_files(
            self.coordinator, self.organisations, demo_newcomer, newcomers, self.today
        )
