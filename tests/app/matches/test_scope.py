"""A coordinator acts on a proposal or match only when both people lie in its regions.

The world: a mentor's offer in Bramsche (Landkreis Osnabrück) and a seeker living in Meppen
(Landkreis Emsland). Osnabrück's coordinator holds the offer's side only, Emsland's the person's
side only; neither may see or decide the pair. A coordinator of both districts may. Proposals
outside a coordinator's regions answer 404, as every other matches page does.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.extensions import db
from app.matches.models import Proposal, ProposalStatus


def add_proposal(app, request_id: int, offer_id: int, status: ProposalStatus) -> int:
    with app.app_context():
        proposal = Proposal(
            request_id=request_id, offer_id=offer_id, score=50.0, status=status.value
        )
        db.session.add(proposal)
        db.session.commit()
        return proposal.id


@pytest.fixture
def split(app, build, offers, world):
    """A proposal and an active match whose seeker lives in Emsland and whose offer lies in
    Osnabrück's Bramsche."""
    meppen = world.emsland.children[0]
    seeker = offers.person(None, meppen, "Farid", languages=("ar", "de"))
    request = offers.request(seeker)
    other_seeker = offers.person(None, meppen, "Hana", languages=("ar", "de"))
    matched = offers.request(other_seeker, status="matched")
    both = build.coordinator(
        build.organisation("Integration OS and EL", world.osnabrueck, world.emsland)
    )
    return SimpleNamespace(
        proposed=add_proposal(app, request.id, world.offers[0].id, ProposalStatus.PROPOSED),
        active=add_proposal(app, matched.id, world.offers[1].id, ProposalStatus.ACTIVE),
        both=both,
    )


@pytest.mark.parametrize("who", ["coordinator_os", "coordinator_el"])
def test_a_coordinator_of_one_side_does_not_see_the_pair_in_the_queue(
    world, split, login, client, who
):
    coordinator = login(getattr(world, who))
    for status in ("proposed", "active", ""):
        page = coordinator.get(f"/matches/queue?status={status}").get_data(as_text=True)
        assert "Farid" not in page and "Hana" not in page


def test_a_coordinator_of_both_sides_sees_the_pair_in_the_queue(split, login, client):
    coordinator = login(split.both)
    assert "Farid" in coordinator.get("/matches/queue").get_data(as_text=True)
    assert "Hana" in coordinator.get("/matches/queue?status=active").get_data(as_text=True)


@pytest.mark.parametrize("who", ["coordinator_os", "coordinator_el"])
def test_a_coordinator_of_one_side_cannot_decide_or_end_the_pair(
    app, world, split, login, client, who
):
    coordinator = login(getattr(world, who))
    p = split.proposed
    assert coordinator.post(f"/matches/proposals/{p}/approve").status_code == 404
    assert coordinator.post("/matches/queue/approve", data={"proposal_id": [p]}).status_code == 404
    assert coordinator.get(f"/matches/proposals/{p}/reject").status_code == 404
    assert coordinator.get(f"/matches/proposals/{p}/replace").status_code == 404
    assert coordinator.get(f"/matches/proposals/{p}/replace-person").status_code == 404
    assert coordinator.post(f"/matches/{split.active}/end", data={}).status_code == 404
    with app.app_context():
        assert db.session.get(Proposal, p).status == ProposalStatus.PROPOSED.value
        assert db.session.get(Proposal, split.active).status == ProposalStatus.ACTIVE.value


def test_a_coordinator_of_both_sides_approves_and_ends(app, split, login, client):
    coordinator = login(split.both)
    assert coordinator.post(f"/matches/proposals/{split.proposed}/approve").status_code == 302
    assert coordinator.post(f"/matches/{split.active}/end", data={}).status_code == 302
    with app.app_context():
        assert db.session.get(Proposal, split.proposed).status == ProposalStatus.APPROVED.value
        assert db.session.get(Proposal, split.active).status == ProposalStatus.ENDED.value


def test_a_manual_match_across_a_coordinators_border_is_refused(world, split, login, client):
    coordinator = login(world.coordinator_os)
    with client.application.app_context():
        request_id = db.session.get(Proposal, split.proposed).request_id
    response = coordinator.post(
        "/matches/manual", data={"request_id": request_id, "offer_id": world.offers[0].id}
    )
    assert response.status_code == 422
