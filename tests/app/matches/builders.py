"""A district with refugees asking for mentors and mentors offering tandem places."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.accounts.models import Region, User
from app.core.permissions import Role
from app.offers.models import Offer, Request
from app.profiles.models import Person
from tests.app.builders import Builders
from tests.app.offers.builders import OfferBuilders


@dataclass
class MatchWorld:
    osnabrueck: Region
    bramsche: Region
    emsland: Region
    coordinator_os: User
    coordinator_el: User
    refugees: list[User] = field(default_factory=list)
    seekers: list[Person] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)


def build_match_world(
    build: Builders, offers: OfferBuilders, seekers: int = 4, mentors: int = 2, capacity: int = 1
) -> MatchWorld:
    osnabrueck = build.district("Landkreis Osnabrück", ("Bramsche", "Melle"))
    emsland = build.district("Landkreis Emsland", ("Meppen",))
    bramsche = osnabrueck.children[0]
    world = MatchWorld(
        osnabrueck=osnabrueck,
        bramsche=bramsche,
        emsland=emsland,
        coordinator_os=build.coordinator(build.organisation("Integration OS", osnabrueck)),
        coordinator_el=build.coordinator(build.organisation("Integration EL", emsland)),
    )
    for number in range(seekers):
        user = build.user(Role.REFUGEE, name=f"Seeker {number}", locale="ar")
        person = offers.person(user, bramsche, f"Seeker{number}", languages=("ar",))
        world.refugees.append(user)
        world.seekers.append(person)
        world.requests.append(offers.request(person, kind="mentoring"))
    for number in range(mentors):
        user = build.user(Role.MENTOR, name=f"Mentor {number}", locale="de")
        person = offers.person(user, bramsche, f"Mentor{number}", languages=("de", "ar"))
        world.mentors.append(user)
        world.offers.append(
            offers.offer(
                person, bramsche, kind="mentoring", title=f"Tandem {number}", capacity=capacity
            )
        )
    return world
