"""Seed the demo district: Landkreis Osnabrück with its real towns and realistic people.

Deterministic (one seeded generator) and idempotent: a second run finds the district and adds
nothing. Demo logins share one password and exist only in demo data; real accounts follow the
password rules.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from app.accounts import services as accounts
from app.accounts.models import Membership, Organisation, Region, User
from app.core.db import utcnow
from app.core.permissions import Role
from app.demo import people, reference
from app.demo.randomness import Draw
from app.extensions import db
from app.offers.models import Offer, OfferSkill
from app.profiles.models import AdviserProfile, EmployerProfile, Person

DEMO_PASSWORD = "bruecke-demo"
DEMO_LOGINS = {
    Role.REFUGEE: "refugee@demo.example",
    Role.VOLUNTEER: "volunteer@demo.example",
    Role.MENTOR: "mentor@demo.example",
    Role.EMPLOYER: "employer@demo.example",
    Role.ADVISER: "adviser@demo.example",
    Role.COORDINATOR: "coordinator@demo.example",
    Role.ADMIN: "admin@demo.example",
}
DISTRICT_CODE = "03459"
COUNTS = {"refugees": 200, "volunteers": 60, "mentors": 40}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def seed_demo(today: date | None = None) -> dict[str, int]:
    """Create the demo district unless it exists; return what the database holds."""
    if db.session.scalar(select(Region).where(Region.code == DISTRICT_CODE)) is None:
        Seeder(today or date.today()).run()
        db.session.flush()
    return demo_counts()


def demo_counts() -> dict[str, int]:
    def count(model: Any, *where: Any) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    return {
        "regions": count(Region),
        "organisations": count(Organisation),
        "user accounts": count(User),
        "people": count(Person),
        "newcomers": count(Person, Person.refugee_profile.has()),
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

    def run(self) -> None:
        self.create_regions()
        self.create_organisations()
        newcomers = [
            self.add_newcomer(g)
            for g in reference.origin_groups()
            for _ in range(g["count_of_200"])
        ]
        volunteers = [self.add_volunteer() for _ in range(COUNTS["volunteers"])]
        mentors = [self.add_mentor() for _ in range(COUNTS["mentors"])]
        employers = [self.add_employer(e) for e in reference.load("employers")["employers"]]
        advisers = [self.add_adviser(a) for a in reference.load("advisers")["advisers"]]
        self.create_demo_logins(newcomers, volunteers, mentors, employers, advisers)

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
