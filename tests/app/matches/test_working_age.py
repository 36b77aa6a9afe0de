"""No job for a child under 15 (JArbSchG §§ 2, 5), through the real app: the person's age on the
day reaches the engine, a manual match names the rule, and a round proposes no job to a child
even when its right to work was recorded as "allowed" by mistake."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.matches.models import Proposal
from app.matches.routes import today
from app.offers.models import Request
from app.profiles.models import Person, RefugeeProfile

UNDER_15 = "the person is under 15, and children may not be employed"


@pytest.fixture
def coordinator(world, login):
    return login(world.coordinator_os)


@pytest.fixture
def young(app, world, offers):
    """A factory: a child of ``age`` today, allowed to work, speaking German, asks for ``kind``."""

    def make(age: int, kind: str = "job", name: str = "Amira") -> Request:
        person = offers.person(None, world.bramsche, name, languages=("ar", "de"))
        with app.app_context():
            stored = db.session.get(Person, person.id)
            stored.date_of_birth = date(today().year - age, 1, 1)  # ``age`` all year long
            db.session.add(RefugeeProfile(person_id=person.id, right_to_work="allowed"))
            db.session.commit()
        return offers.request(person, kind=kind, topic="Arbeit")

    return make


@pytest.fixture
def bakery(world, offers):
    employer = offers.person(None, world.bramsche, "Bäckerei", languages=("de",))
    return {
        kind: offers.offer(employer, world.bramsche, kind=kind, title=f"Bäckerei ({kind})")
        for kind in ("job", "apprenticeship", "internship")
    }


def manual(coordinator, request: Request, offer) -> tuple[int, str]:
    response = coordinator.post(
        "/matches/manual", data={"request_id": request.id, "offer_id": offer.id}
    )
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("kind", ["job", "apprenticeship", "internship"])
def test_a_14_year_old_allowed_to_work_is_refused_a_job_by_hand_naming_the_rule(
    app, coordinator, young, bakery, kind
):
    status, page = manual(coordinator, young(14, kind), bakery[kind])
    assert status == 422
    assert f"This pair breaks a hard rule: {UNDER_15}." in page
    with app.app_context():
        assert db.session.scalars(select(Proposal)).all() == []


def test_a_15_year_old_can_be_given_an_apprenticeship_by_hand(app, coordinator, young, bakery):
    status, _ = manual(coordinator, young(15, "apprenticeship"), bakery["apprenticeship"])
    assert status == 302
    with app.app_context():
        assert db.session.scalars(select(Proposal)).one().manual


def test_a_round_proposes_the_job_to_the_15_year_old_only_and_names_the_rule(
    app, world, coordinator, young, bakery
):
    child, teenager = young(14, name="Amira"), young(15, name="Yusuf")
    response = coordinator.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 302
    round_id = int(re.search(r"/matches/rounds/(\d+)", response.location).group(1))
    with app.app_context():
        proposed = {(p.request_id, p.offer_id) for p in db.session.scalars(select(Proposal))}
    assert (teenager.id, bakery["job"].id) in proposed
    assert not any(request == child.id for request, _ in proposed)
    page = coordinator.get(f"/matches/rounds/{round_id}").get_data(as_text=True)
    assert UNDER_15 in page


def test_a_birth_date_after_the_rounds_day_does_not_stop_the_round(app, world, coordinator, young):
    young(-1)  # a typing error: born next year
    response = coordinator.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    round_id = int(re.search(r"/matches/rounds/(\d+)", response.location).group(1))
    status = coordinator.get(f"/matches/rounds/{round_id}/status").get_json()
    assert status["status"] == "finished"
