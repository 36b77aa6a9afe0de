"""``flask seed-demo --people N``: the demo district grown by bulk inserts keeps the demo's mix,
tops up instead of doubling, and every coordinator page still answers."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.accounts.models import Organisation, Region
from app.casefile.models import AccessGrant, AuditEntry, CaseFile, StatusEntry
from app.core.permissions import Role
from app.demo.grow import district_people, grow_demo
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DISTRICT_CODE, seed_demo
from app.extensions import db
from app.offers.models import Offer, OfferSkill, Request
from app.profiles.models import Person, PersonLanguage, PersonSkill, RefugeeProfile
from benchmarks.scale.run import coordinator_pages
from tests.app.two_factor import pass_second_step

TODAY = date(2026, 11, 26)
MORE = 300  # on top of the demo's own ~450 people in the district


def count(model: type, *where: object) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def district() -> Region:
    return db.session.scalars(select(Region).where(Region.code == DISTRICT_CODE)).one()


@pytest.fixture
def grown(app):
    with app.app_context():
        seed_demo(TODAY)
        db.session.commit()
        before = {
            "last person": db.session.scalar(select(func.max(Person.id))),
            "offers": count(Offer),
            "requests": count(Request),
        }
        target = district_people(district()) + MORE
        assert grow_demo(target, TODAY) == MORE
        assert district_people(district()) == target
    return before, target


def test_growing_keeps_the_demo_mix_links_every_row_and_tops_up_only(app, grown):
    before, target = grown
    with app.app_context():
        new = select(Person.id).where(Person.id > before["last person"]).subquery()
        newcomers = count(RefugeeProfile, RefugeeProfile.person_id.in_(select(new)))
        assert 0.55 <= newcomers / MORE <= 0.85
        assert count(PersonLanguage, PersonLanguage.person_id.in_(select(new))) >= newcomers
        levels = set(
            db.session.scalars(
                select(PersonLanguage.level).where(
                    PersonLanguage.person_id.in_(select(new)), PersonLanguage.code == "de"
                )
            )
        )
        assert levels & {"A1", "A2", "B1", "B2"}  # CEFR levels, not only "native"
        assert count(PersonSkill, PersonSkill.person_id.in_(select(new))) >= newcomers
        assert count(Offer) > before["offers"]
        assert count(Request) > before["requests"]
        assert (
            count(
                OfferSkill,
                OfferSkill.offer_id.in_(select(Offer.id).where(Offer.owner_id.in_(select(new)))),
            )
            > 0
        )
        # Every new offer and request points at a person who exists (ids were handed out here).
        assert count(Offer, Offer.owner_id.not_in(select(Person.id))) == 0
        assert count(Request, Request.person_id.not_in(select(Person.id))) == 0
        # Case files with their first entries, consent for the office and the audit trail.
        files = db.session.scalars(
            select(CaseFile).where(CaseFile.person_id.in_(select(new)))
        ).all()
        assert files
        keys = {f.subject_key for f in files}
        assert len(keys) == len(files)
        assert count(StatusEntry, StatusEntry.case_file_id.in_([f.id for f in files])) == len(files)
        assert count(AuditEntry, AuditEntry.subject_key.in_(keys)) == 2 * len(files)
        assert count(AccessGrant, AccessGrant.person_id.in_([f.person_id for f in files])) >= len(
            files
        )
        assert count(Organisation, Organisation.kind == "company") > 20  # new employers

        # Growing again tops up to the same number: nothing to add, and it never removes.
        people = count(Person)
        assert grow_demo(target, TODAY) == 0
        assert grow_demo(target - 100, TODAY) == 0  # never removes
        assert count(Person) == people
        # The database hands out the next ids itself again (PostgreSQL's sequences were moved).
        person = Person(given_name="Neu", family_name="Nach dem Wachsen")
        db.session.add(person)
        db.session.flush()
        assert person.id > people
        db.session.rollback()


def test_the_coordinator_pages_answer_after_growing(app, client, grown):
    with app.app_context():
        district_id = district().id
    client.post("/login", data={"email": DEMO_LOGINS[Role.COORDINATOR], "password": DEMO_PASSWORD})
    pass_second_step(client, app, DEMO_LOGINS[Role.COORDINATOR])
    for page in coordinator_pages(district_id):
        assert client.get(page).status_code == 200, page


def test_seed_demo_people_refuses_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV", "production")
    result = app.test_cli_runner().invoke(args=["seed-demo", "--people", "10"])
    assert result.exit_code != 0
    assert "production" in result.output


def test_grown_skills_keep_the_taxonomy_id_their_words_map_to(app, grown):
    """Bulk inserts pass the ORM by: the grown rows must carry the id a round hands the engine."""
    from app.core.taxonomy import taxonomy_id_of

    before, _target = grown
    with app.app_context():
        new = select(Person.id).where(Person.id > before["last person"])
        rows = db.session.execute(
            select(PersonSkill.original_text, PersonSkill.taxonomy_id).where(
                PersonSkill.person_id.in_(new)
            )
        ).all()
        assert rows and any(taxonomy_id for _text, taxonomy_id in rows)
        assert all(taxonomy_id == taxonomy_id_of(text) for text, taxonomy_id in rows)
