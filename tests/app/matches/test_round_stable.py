"""A coordinator may choose a stable round (no blocking pair) over the best total: the choice is
stored on the round, the engine gets it, and the round page shows what stability cost."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db
from app.matches import services
from app.matches.models import MatchingRound, Proposal
from tests.app.matches.builders import MatchWorld


@pytest.fixture
def coordinator(world, login, client):
    return login(world.coordinator_os)


def start(client, world: MatchWorld, **data: str) -> int:
    response = client.post("/matches/rounds", data={"region_id": world.osnabrueck.id, **data})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(re.search(r"/matches/rounds/(\d+)", response.location).group(1))


def envy_world(build, offers) -> MatchWorld:
    """Amal speaks Arabic and Persian and has waited longer, Bilal speaks only Arabic; Xaver
    (Arabic) mentors in Bramsche where both live, Yasmin (Persian) in Melle. The best total
    pairs Amal–Yasmin and Bilal–Xaver, but Amal and Xaver would both rather have each other (a
    blocking pair); the stable answer pairs them and leaves Bilal without a match."""
    osnabrueck = build.district("Landkreis Osnabrück", ("Bramsche", "Melle"))
    bramsche, melle = osnabrueck.children
    world = MatchWorld(
        osnabrueck=osnabrueck,
        bramsche=bramsche,
        emsland=build.district("Landkreis Emsland", ("Meppen",)),
        coordinator_os=build.coordinator(build.organisation("Integration OS", osnabrueck)),
        coordinator_el=build.coordinator(build.organisation("Integration EL", osnabrueck)),
    )
    for name, languages, waited in (("Amal", ("ar", "fa"), 200), ("Bilal", ("ar",), 0)):
        user = build.user(Role.REFUGEE, name=name, locale="ar")
        person = offers.person(user, bramsche, name, languages=languages)
        since = utcnow() - timedelta(days=waited)
        world.requests.append(offers.request(person, kind="mentoring", created_at=since))
    for name, region, languages in (
        ("Xaver", bramsche, ("de", "ar")),
        ("Yasmin", melle, ("de", "fa")),
    ):
        user = build.user(Role.MENTOR, name=name, locale="de")
        person = offers.person(user, region, name, languages=languages)
        world.offers.append(
            offers.offer(person, region, kind="mentoring", title=f"Tandem {name}", capacity=1)
        )
    return world


def test_the_start_form_offers_both_aims_and_explains_the_price(coordinator):
    page = coordinator.get("/matches/rounds").get_data(as_text=True)
    assert (
        '<input checked class="form-check-input" id="aim-0" name="aim" type="radio" value="best">'
        in page
    )
    assert 'id="aim-1" name="aim" type="radio" value="stable">' in page
    assert '<fieldset class="mb-3" aria-describedby="aim-hint">' in page
    assert "a few percent of the total value" in page


def test_a_form_without_the_aim_starts_a_best_total_round(app, coordinator, world):
    round_id = start(coordinator, world)
    with app.app_context():
        assert db.session.get(MatchingRound, round_id).stable is False


def test_an_unknown_aim_is_refused_with_the_form_again(app, coordinator, world):
    response = coordinator.post(
        "/matches/rounds", data={"region_id": world.osnabrueck.id, "aim": "fastest"}
    )
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(MatchingRound)).all() == []


def test_a_stable_round_leaves_no_blocking_pair_and_shows_its_price(
    app, build, offers, login, client
):
    world = envy_world(build, offers)
    coordinator = login(world.coordinator_os)
    best = start(coordinator, world, aim="best")
    with app.app_context():
        first = db.session.get(MatchingRound, best)
        assert (first.stable, first.matched, first.blocking_pairs) == (False, 2, 1)
        best_total = first.objective
        # The undecided proposals go, so the stable round starts from the same open requests.
        for proposal in db.session.scalars(select(Proposal)):
            proposal.request.status = "open"
            db.session.delete(proposal)
        db.session.commit()
    stable = start(coordinator, world, aim="stable")
    with app.app_context():
        second = db.session.get(MatchingRound, stable)
        assert (second.stable, second.matched, second.blocking_pairs) == (True, 1, 0)
        price = second.summary["stats"]["stability"]
        assert price["compared_with"] == "optimum"
        assert price["optimal_objective"] == pytest.approx(best_total, abs=0.01)
        assert price["cost"] == pytest.approx(best_total - second.objective, abs=0.01)
        pairs = {
            (p.request.person.given_name, p.offer.title)
            for p in db.session.scalars(select(Proposal))
        }
        assert pairs == {("Amal", "Tandem Xaver")}
    page = coordinator.get(f"/matches/rounds/{stable}").get_data(as_text=True)
    assert "Aim: stable" in page
    assert "Price of stability" in page
    assert "1 pair fewer than with the best total" in page
    assert "The best total would leave 1 blocking pair" in page
    assert "0 blocking pairs" in page
    other = coordinator.get(f"/matches/rounds/{best}").get_data(as_text=True)
    assert "Aim: the best total" in other
    assert "Price of stability" not in other


def test_the_engine_gets_the_stable_choice_from_the_round(app, build, offers):
    world = envy_world(build, offers)
    with app.app_context():
        matching_round = services.create_round(world.osnabrueck.id, None, stable=True)
        db.session.commit()
        services.run_round(matching_round, date.today(), db.session.commit)
        assert matching_round.summary["stats"]["stability"]["matches"] == 1
        assert matching_round.blocking_pairs == 0
