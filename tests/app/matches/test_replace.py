"""Replacing one side of a proposal by hand: another offer for the request, or another person's
request for the offer; only candidates that keep every hard rule are offered, and the engine's
rules are checked again when the coordinator submits."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.matches import services
from app.matches.errors import RuleBroken
from app.matches.models import ExcludedPair, Proposal
from app.offers.models import Offer, Request


@pytest.fixture
def coordinator(world, login):
    return login(world.coordinator_os)


def first_proposal(app, coordinator, world) -> Proposal:
    assert (
        coordinator.post("/matches/rounds", data={"region_id": world.osnabrueck.id}).status_code
        == 302
    )
    with app.app_context():
        query = select(Proposal).order_by(Proposal.score.desc(), Proposal.id)
        proposal = db.session.scalars(query).first()
        db.session.expunge(proposal)
        return proposal


def listed_ids(page: str, field: str) -> set[int]:
    select_html = re.search(rf'<select[^>]*id="{field}".*?</select>', page, re.S).group(0)
    return {int(v) for v in re.findall(r'value="(\d+)"', select_html)}


def test_another_person_among_those_who_keep_every_rule(app, world, coordinator, offers):
    proposal = first_proposal(app, coordinator, world)
    with app.app_context():
        farsi_only = offers.person(None, world.bramsche, "Farid", languages=("fa",))
        no_shared_language = offers.request(farsi_only, kind="mentoring").id
        elsewhere = offers.person(None, world.emsland.children[0], "Meppen", languages=("ar",))
        other_region = offers.request(elsewhere, kind="mentoring").id
        held = {p.request_id for p in db.session.scalars(select(Proposal))}
    page = coordinator.get(f"/matches/proposals/{proposal.id}/replace-person")
    assert page.status_code == 200
    listed = listed_ids(page.get_data(as_text=True), "request_id")
    # The round proposed two of the four requests; the other two are open and keep every rule.
    assert listed == {r.id for r in world.requests} - held
    assert len(listed) == 2
    assert no_shared_language not in listed and other_region not in listed

    chosen = sorted(listed)[0]
    response = coordinator.post(
        f"/matches/proposals/{proposal.id}/replace-person",
        data={"request_id": chosen, "reason": "Kennt die Mentorin schon"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Proposal, proposal.id).status == "rejected"
        new = db.session.scalars(select(Proposal).where(Proposal.request_id == chosen)).one()
        assert (new.offer_id, new.status, new.manual) == (proposal.offer_id, "approved", True)
        assert new.reasons and new.score > 0
        assert db.session.get(Request, chosen).status == "matched"
        assert db.session.get(Request, proposal.request_id).status == "open"
        assert db.session.get(Offer, proposal.offer_id).filled == 1
        excluded = db.session.scalars(select(ExcludedPair)).one()
        old_person = db.session.get(Request, proposal.request_id).person_id
        assert (excluded.person_id, excluded.offer_id) == (old_person, proposal.offer_id)


def test_a_person_who_breaks_a_rule_is_refused_and_nothing_changes(app, world, coordinator, offers):
    proposal = first_proposal(app, coordinator, world)
    with app.app_context():
        farsi_only = offers.person(None, world.bramsche, "Farid", languages=("fa",))
        breaker = offers.request(farsi_only, kind="mentoring").id
    response = coordinator.post(
        f"/matches/proposals/{proposal.id}/replace-person",
        data={"request_id": breaker, "reason": "Versuch"},
    )
    assert response.status_code == 422  # not among the valid candidates
    with app.app_context():
        acting = db.session.get(User, world.coordinator_os.id)
        stored = db.session.get(Proposal, proposal.id)
        with pytest.raises(RuleBroken) as refused:
            services.replace_request(
                stored, db.session.get(Request, breaker), acting, date.today(), "Versuch"
            )
        assert refused.value.rule == "no_shared_language"
        db.session.rollback()
        assert db.session.get(Proposal, proposal.id).status == "proposed"
        assert db.session.scalars(select(ExcludedPair)).all() == []


def test_replacing_the_person_needs_a_reason(app, world, coordinator):
    proposal = first_proposal(app, coordinator, world)
    page = coordinator.get(f"/matches/proposals/{proposal.id}/replace-person")
    chosen = sorted(listed_ids(page.get_data(as_text=True), "request_id"))[0]
    response = coordinator.post(
        f"/matches/proposals/{proposal.id}/replace-person", data={"request_id": chosen}
    )
    assert response.status_code == 422
    assert "Please give a reason." in response.get_data(as_text=True)


def test_another_offer_among_those_who_keep_every_rule(app, world, coordinator, offers):
    proposal = first_proposal(app, coordinator, world)
    with app.app_context():
        german_only = offers.person(None, world.bramsche, "Greta", languages=("de",))
        breaker = offers.offer(german_only, world.bramsche, kind="mentoring", title="Nur Deutsch")
        arabic = offers.person(None, world.bramsche, "Samira", languages=("de", "ar"))
        fits = offers.offer(arabic, world.bramsche, kind="mentoring", title="Tandem Samira")
    page = coordinator.get(f"/matches/proposals/{proposal.id}/replace")
    listed = listed_ids(page.get_data(as_text=True), "offer_id")
    assert fits.id in listed and breaker.id not in listed and proposal.offer_id not in listed
    response = coordinator.post(
        f"/matches/proposals/{proposal.id}/replace",
        data={"offer_id": fits.id, "reason": "Näher am Wohnort"},
    )
    assert response.status_code == 302
    with app.app_context():
        new = db.session.scalars(select(Proposal).where(Proposal.offer_id == fits.id)).one()
        assert (new.request_id, new.status) == (proposal.request_id, "approved")
        assert db.session.get(Offer, fits.id).filled == 1


def test_a_coordinator_of_another_district_gets_404(app, world, coordinator, login, make_client):
    proposal = first_proposal(app, coordinator, world)
    other = login(world.coordinator_el, on=make_client())
    assert other.get(f"/matches/proposals/{proposal.id}/replace-person").status_code == 404
    assert (
        other.post(
            f"/matches/proposals/{proposal.id}/replace-person",
            data={"request_id": world.requests[0].id, "reason": "x"},
        ).status_code
        == 404
    )
