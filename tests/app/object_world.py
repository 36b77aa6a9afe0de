"""A world with an object of every kind in every region, for the object-level access matrix.

Regions: district North (towns Bramsche and Melle) and district South (town Meppen). Organisation
A coordinates North, organisation B coordinates Melle and South: Bramsche is A's alone ("a"),
Melle is both ("ab"), Meppen B's alone ("b").

Identities: anonymous, and two people of every role. The first of a role ("refugee", "mentor",
"adviser", "employer") owns the objects of that role; the second ("refugee2" …) owns nothing.
"coord_a" and "coord_a2" are coordinators of A, "coord_b" of B; "admin" and "admin2" administer.

Objects, each in every place: people kept on behalf (no account) with a case file, entries, a
grant and a printed document; offers (job, mentoring, advice with a free and a booked slot) of the
owners; requests; proposals whose two people live in that place, plus one whose person lives in
Meppen and whose offer lies in Bramsche ("cross"); rounds of both districts; articles of both
organisations; the refugee's own person (with account, in Melle) with the same, an active match,
a notification and a rating; the second refugee's person lives in Bramsche and booked a slot in
Meppen ("cross").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask

from app.accounts.models import Organisation, Region, User
from app.casefile.models import AccessGrant, CaseFile, GeneratedDocument
from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db
from app.knowledge import services as knowledge
from app.knowledge.models import ArticleStatus, Audience
from app.matches.models import MatchingRound, Notification, Proposal, Rating
from app.offers.models import AdviceSlot
from app.privacy.models import DataExport, ExportStatus
from app.profiles.models import Person
from tests.app.builders import Builders
from tests.app.casefile.conftest import fill_case_file
from tests.app.offers.builders import OfferBuilders

PLACES = ("a", "ab", "b")
_hours = itertools.count()  # every slot of an offer starts at another time
ROLE_OWNERS = {
    "refugee": Role.REFUGEE,
    "volunteer": Role.VOLUNTEER,
    "mentor": Role.MENTOR,
    "employer": Role.EMPLOYER,
    "adviser": Role.ADVISER,
}
IDENTITIES = (
    "anonymous",
    *(f"{name}{n}" for name in ROLE_OWNERS for n in ("", "2")),
    "coord_a",
    "coord_a2",
    "coord_b",
    "admin",
    "admin2",
)


@dataclass
class ObjectWorld:
    app: Flask
    build: Builders
    offers: OfferBuilders
    regions: dict[str, Region] = field(default_factory=dict)  # a, ab, b, north, south
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    owners: dict[str, Person] = field(default_factory=dict)  # role name -> the owner's person
    ids: dict[str, int] = field(default_factory=dict)  # "<kind>@<place>" -> id

    def __getitem__(self, key: str) -> int:
        return self.ids[key]

    # -- fresh objects, for cells whose request changes what it acts on ----------------------

    def fresh_offer(self, place: str, kind: str = "job", owner: str = "employer") -> int:
        offer = self.offers.offer(
            self.owners[owner], self.regions[place], kind=kind, title=f"Frisch {kind}"
        )
        return offer.id

    def fresh_slot(self, place: str, booked: bool) -> int:
        """A slot of the advice offer in ``place``, booked by the refugee's own person (Melle);
        "cross": of the offer in Meppen, booked by the second refugee's person (Bramsche)."""
        offer = self.ids[f"advice@{'b' if place == 'cross' else place}"]
        with self.app.app_context():
            slot = AdviceSlot(
                offer_id=offer,
                starts_at=(utcnow() + timedelta(days=4, hours=next(_hours))).replace(
                    second=0, microsecond=0
                ),
                minutes=45,
            )
            if booked:
                slot.booked_by_id = self.ids["person@other" if place == "cross" else "person@own"]
                slot.booked_at = utcnow()
            db.session.add(slot)
            db.session.commit()
            return slot.id

    def fresh_request(self, person_key: str) -> int:
        with self.app.app_context():
            person = db.session.get(Person, self.ids[person_key])
        return self.offers.request(person).id

    def fresh_proposal(self, place: str, status: str = "proposed") -> int:
        """A pair in ``place``; "cross": the person in Meppen, the offer in Bramsche; "own": the
        refugee's own person with the mentor's offer in Melle."""
        person, offer = {"cross": ("b", "a"), "own": ("own", "ab")}.get(place, (place, place))
        request = self.fresh_request(f"person@{person}")
        return self._proposal(request, self.ids[f"mentoring@{offer}"], status)

    def fresh_grant(self, person_key: str, organisation: str) -> int:
        """A grant as it comes about: the own person (the refugee) gives it herself; a person kept
        on behalf gives it on paper, recorded by the coordinator of the organisation."""
        own = person_key == "person@own"
        granted_by = self.users["refugee" if own else f"coord_{organisation.lower()}"]
        with self.app.app_context():
            grant = AccessGrant(
                person_id=self.ids[person_key],
                organisation_id=self.organisations[organisation].id,
                purpose="mentoring",
                granted_by_id=granted_by.id,
                on_behalf=not own,
                note=None if own else "Signed on paper",
            )
            db.session.add(grant)
            db.session.commit()
            return grant.id

    def _proposal(self, request_id: int, offer_id: int, status: str) -> int:
        with self.app.app_context():
            proposal = Proposal(request_id=request_id, offer_id=offer_id, score=40.0, status=status)
            db.session.add(proposal)
            db.session.commit()
            return proposal.id


def build_object_world(app: Flask) -> ObjectWorld:
    build = Builders(app)
    world = ObjectWorld(app, build, OfferBuilders(app, build))
    _regions_and_organisations(world)
    _identities(world)
    for place in PLACES:
        _people_and_files(world, place)
        _offers_and_requests(world, place)
    _own_person(world)
    _matches(world)
    _articles(world)
    _data_exports(world)
    return world


def _regions_and_organisations(world: ObjectWorld) -> None:
    north = world.build.district("North", ("Bramsche", "Melle"))
    south = world.build.district("South", ("Meppen",))
    world.regions.update(
        north=north, south=south, a=north.children[0], ab=north.children[1], b=south.children[0]
    )
    world.organisations["A"] = world.build.organisation("Organisation A", north)
    world.organisations["B"] = world.build.organisation(
        "Organisation B", world.regions["ab"], south
    )
    for key in ("north", "south", "a", "ab", "b"):
        world.ids[f"region@{key}"] = world.regions[key].id


def _identities(world: ObjectWorld) -> None:
    build = world.build
    for name, role in ROLE_OWNERS.items():
        for suffix in ("", "2"):
            world.users[name + suffix] = build.user(role, name=f"{name}{suffix} Person")
    world.users["coord_a"] = build.coordinator(world.organisations["A"], name="Coord A")
    world.users["coord_a2"] = build.coordinator(world.organisations["A"], name="Coord A2")
    world.users["coord_b"] = build.coordinator(world.organisations["B"], name="Coord B")
    world.users["admin"] = build.user(Role.ADMIN, name="Admin One")
    world.users["admin2"] = build.user(Role.ADMIN, name="Admin Two")
    for name in ("mentor", "employer", "adviser"):
        world.owners[name] = world.offers.person(
            world.users[name], world.regions["ab"], name.title(), languages=("de", "ar")
        )


def _case_file(world: ObjectWorld, person_id: int, key: str, organisation: str) -> None:
    """A case file with one entry of every kind, a grant and a finished document."""
    author = world.users["coord_a" if organisation == "A" else "coord_b"]
    with world.app.app_context():
        case_file = CaseFile(person_id=person_id)
        db.session.add(case_file)
        db.session.commit()
        entries = fill_case_file(
            case_file, db.session.merge(author), world.organisations[organisation]
        )
        document = GeneratedDocument(
            case_file_id=case_file.id,
            kind="report",
            languages="de",
            status="ready",
            pdf=b"%PDF-1.4 test",
            purpose="counselling",
            created_by_id=author.id,
            created_by_organisation_id=world.organisations[organisation].id,
        )
        db.session.add(document)
        db.session.commit()
        world.ids[f"goal@{key}"] = entries["goal"].id
        world.ids[f"document@{key}"] = document.id
    world.ids[f"grant@{key}"] = world.fresh_grant(f"person@{key}", organisation)


def _people_and_files(world: ObjectWorld, place: str) -> None:
    person = world.build.refugee_person(world.regions[place], given_name=f"Kept{place.upper()}")
    world.ids[f"person@{place}"] = person.id
    _case_file(world, person.id, place, "B" if place == "b" else "A")


def _offers_and_requests(world: ObjectWorld, place: str) -> None:
    world.ids[f"job@{place}"] = world.fresh_offer(place)
    world.ids[f"mentoring@{place}"] = world.fresh_offer(place, "mentoring", "mentor")
    world.ids[f"advice@{place}"] = world.fresh_offer(place, "advice", "adviser")
    world.ids[f"request@{place}"] = world.fresh_request(f"person@{place}")
    world.ids[f"slot@{place}"] = world.fresh_slot(place, booked=False)


def _own_person(world: ObjectWorld) -> None:
    """The refugee's own person (with account) in Melle, with everything a person has."""
    person = world.build.refugee_person(
        world.regions["ab"], given_name="Own", user=world.users["refugee"]
    )
    world.ids["person@own"] = person.id
    _case_file(world, person.id, "own", "A")
    world.ids["request@own"] = world.fresh_request("person@own")
    other = world.build.refugee_person(
        world.regions["a"], given_name="Other", user=world.users["refugee2"]
    )
    world.ids["person@other"] = other.id
    for place in (*PLACES, "cross"):
        world.ids[f"booking@{place}"] = world.fresh_slot(place, booked=True)


def _matches(world: ObjectWorld) -> None:
    for place in PLACES:
        world.ids[f"proposal@{place}"] = world.fresh_proposal(place)
    world.ids["proposal@cross"] = world.fresh_proposal("cross")
    world.ids["match@own"] = world.fresh_proposal("own", "active")
    with world.app.app_context():
        for district in ("north", "south"):
            matching_round = MatchingRound(
                region_id=world.regions[district].id,
                status="finished",
                stage="done",
                progress=100,
                summary={"unmatched": []},
            )
            db.session.add(matching_round)
            db.session.flush()
            world.ids[f"round@{district}"] = matching_round.id
        notification = Notification(
            user_id=world.users["refugee"].id,
            proposal_id=world["match@own"],
            subject="Match",
            body="A match",
        )
        rating = Rating(
            proposal_id=world["match@own"],
            offer_id=world["mentoring@ab"],
            by_user_id=world.users["refugee"].id,
            stars=4,
        )
        db.session.add_all([notification, rating])
        db.session.commit()
        world.ids["notification@own"] = notification.id


def _articles(world: ObjectWorld) -> None:
    """Per organisation: a public published answer, an internal one and a draft."""
    with world.app.app_context():
        for name, author in (("A", "coord_a"), ("B", "coord_b")):
            for kind, audience, status in (
                ("public", Audience.PUBLIC, ArticleStatus.PUBLISHED),
                ("internal", Audience.INTERNAL, ArticleStatus.PUBLISHED),
                ("draft", Audience.PUBLIC, ArticleStatus.DRAFT),
            ):
                settings = knowledge.ArticleSettings(
                    audience=audience.value, organisation_id=world.organisations[name].id
                )
                text = knowledge.ArticleText("de", f"{kind} {name}", "Text", "Stichwort")
                editor = db.session.merge(world.users[author])
                article = knowledge.create_article(editor, settings, text)
                knowledge.set_status(article, status)
                world.ids[f"article@{kind}@{name}"] = article.id
        db.session.commit()


def _data_exports(world: ObjectWorld) -> None:
    """A finished PDF of each person's data, asked for by whoever may ask: the refugee for her
    own, the coordinator of the organisation that keeps a person on behalf for the others."""
    with world.app.app_context():
        for place in (*PLACES, "own"):
            own = place == "own"
            asker = world.users["refugee" if own else ("coord_b" if place == "b" else "coord_a")]
            data_export = DataExport(
                user_id=asker.id if own else None,
                person_id=world[f"person@{place}"],
                requested_by_id=asker.id,
                locale="de",
                status=ExportStatus.READY.value,
                finished_at=utcnow(),
                pdf=b"%PDF-1.7 test",
            )
            db.session.add(data_export)
            db.session.flush()
            world.ids[f"pdf@{place}"] = data_export.id
        db.session.commit()
