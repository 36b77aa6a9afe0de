"""Builders for offers, advice slots and requests, and a small two-district world to test in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import Flask

from app.accounts.models import Region, User
from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db
from app.offers.models import AdviceSlot, Offer, OfferSkill, Request
from app.places.postcodes import lookup
from app.profiles.models import AvailabilitySlot, Person, PersonLanguage
from tests.app.builders import Builders, in_app_context

PLACES = {"Bramsche": "49565", "Melle": "49324", "Meppen": "49716"}


class OfferBuilders:
    def __init__(self, app: Flask, build: Builders) -> None:
        self.app = app
        self.build = build

    @in_app_context
    def person(
        self,
        user: User | None,
        region: Region | None,
        given_name: str = "Erika",
        languages: tuple[str, ...] = ("de",),
    ) -> Person:
        town = region.name if region else "Bramsche"
        place = lookup(PLACES.get(town, "49565"))
        person = Person(
            user_id=user.id if user else None,
            given_name=given_name,
            family_name="Muster",
            region_id=region.id if region else None,
            town=town,
            postcode=place.postcode,
            lat=place.lat,
            lon=place.lon,
        )
        person.languages = [PersonLanguage(code=c, level="native") for c in languages]
        db.session.add(person)
        db.session.commit()
        return person

    @in_app_context
    def offer(self, owner: Person, region: Region | None, **fields: Any) -> Offer:
        town = region.name if region else "Bramsche"
        place = lookup(PLACES.get(town, "49565"))
        values: dict[str, Any] = {
            "kind": "job",
            "status": "published",
            "title": "Küchenhilfe",
            "capacity": 2,
            "hours_per_week": 20.0,
            "postcode": place.postcode,
            "town": town,
            "lat": place.lat,
            "lon": place.lon,
            "region_id": region.id if region else None,
            **fields,
        }
        offer = Offer(owner_id=owner.id, **values)
        offer.skills = [OfferSkill(original_text="Kochen", taxonomy_id=None)]
        db.session.add(offer)
        db.session.commit()
        return offer

    @in_app_context
    def slot(
        self, offer: Offer, starts_in: timedelta = timedelta(days=3), **fields: Any
    ) -> AdviceSlot:
        start = (utcnow() + starts_in).replace(second=0, microsecond=0)
        slot = AdviceSlot(offer_id=offer.id, starts_at=start, minutes=45, **fields)
        db.session.add(slot)
        db.session.commit()
        return slot

    @in_app_context
    def request(self, person: Person, **fields: Any) -> Request:
        values = {"kind": "mentoring", "topic": "Ausbildung finden", "status": "open", **fields}
        found = Request(person_id=person.id, **values)
        db.session.add(found)
        db.session.commit()
        return found

    @in_app_context
    def weekly_times(self, person: Person, *times: tuple[int, int, int]) -> None:
        for weekday, start, end in times:
            db.session.add(
                AvailabilitySlot(
                    person_id=person.id, weekday=weekday, start_minute=start, end_minute=end
                )
            )
        db.session.commit()


@dataclass
class World:
    """Two districts with a coordinator each; in Osnabrück an employer, an adviser, a refugee."""

    osnabrueck: Region
    bramsche: Region
    emsland: Region
    meppen: Region
    coordinator_os: User
    coordinator_el: User
    employer: User
    employer_person: Person
    other_employer: User
    other_employer_person: Person
    adviser: User
    adviser_person: Person
    refugee: User
    refugee_person: Person
    refugee_el: User
    refugee_el_person: Person
    today: date
    now: datetime


def build_world(build: Builders, offers: OfferBuilders) -> World:
    osnabrueck = build.district("Landkreis Osnabrück", ("Bramsche", "Melle"))
    emsland = build.district("Landkreis Emsland", ("Meppen",))
    bramsche, meppen = osnabrueck.children[0], emsland.children[0]
    office_os = build.organisation("Integration Osnabrück", osnabrueck)
    office_el = build.organisation("Integration Emsland", emsland)
    employer = build.user(Role.EMPLOYER, name="Heike Overbeck")
    other_employer = build.user(Role.EMPLOYER, name="Jens Brink")
    adviser = build.user(Role.ADVISER, name="Anna Gründer")
    refugee = build.user(Role.REFUGEE, name="Amina Haddad")
    refugee_el = build.user(Role.REFUGEE, name="Dawit Tesfaye")
    return World(
        osnabrueck=osnabrueck,
        bramsche=bramsche,
        emsland=emsland,
        meppen=meppen,
        coordinator_os=build.coordinator(office_os),
        coordinator_el=build.coordinator(office_el),
        employer=employer,
        employer_person=offers.person(employer, bramsche, "Heike"),
        other_employer=other_employer,
        other_employer_person=offers.person(other_employer, meppen, "Jens"),
        adviser=adviser,
        adviser_person=offers.person(adviser, bramsche, "Anna"),
        refugee=refugee,
        refugee_person=build.refugee_person(bramsche, "Amina", "Haddad", user=refugee),
        refugee_el=refugee_el,
        refugee_el_person=build.refugee_person(meppen, "Dawit", "Tesfaye", user=refugee_el),
        today=date.today(),
        now=utcnow(),
    )
