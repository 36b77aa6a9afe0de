"""Proposals that can no longer be approved leave the approval queue with their cause (issue
15): their request was withdrawn, their offer unpublished, expired or filled, or a person erased;
and approving one anyway names the real cause instead of "matched already".

Each test goes through the real pages: the person or the offer's owner acts, the coordinator's
queue no longer lists the proposal, and approving it anyway says why.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.matches.models import Proposal
from app.offers.models import Offer, Request
from tests.app.builders import Builders


@pytest.fixture
def coordinator(world, login, client):
    return login(world.coordinator_os)


def start_round(client, world) -> None:
    response = client.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def proposed(app) -> list[tuple[int, int, int]]:
    with app.app_context():
        query = select(Proposal).where(Proposal.status == "proposed").order_by(Proposal.id)
        return [(p.id, p.request_id, p.offer_id) for p in db.session.scalars(query)]


def queue_ids(coordinator) -> set[int]:
    page = coordinator.get("/matches/queue").get_data(as_text=True)
    return {int(i) for i in re.findall(r"/matches/proposals/(\d+)/approve", page)}


def approve_says(coordinator, proposal_id: int) -> str:
    response = coordinator.post(f"/matches/proposals/{proposal_id}/approve")
    assert response.status_code == 302
    return coordinator.get(response.location).get_data(as_text=True)


def lapsed(app, proposal_id: int) -> tuple[str, str | None]:
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        return proposal.status, getattr(proposal, "lapse_cause", None)


def seeker_of(app, world, request_id: int):
    with app.app_context():
        person = db.session.get(Request, request_id).person
        return next(u for u in world.refugees if u.id == person.user_id)


def test_a_withdrawn_request_takes_its_proposal_out_of_the_queue(
    app, world, coordinator, login, make_client
):
    start_round(coordinator, world)
    proposal_id, request_id, _ = proposed(app)[0]
    assert proposal_id in queue_ids(coordinator)
    seeker = login(seeker_of(app, world, request_id), on=make_client())
    assert seeker.post(f"/requests/{request_id}/withdraw").status_code == 302
    assert lapsed(app, proposal_id) == ("lapsed", "request_withdrawn")
    assert proposal_id not in queue_ids(coordinator)
    page = approve_says(coordinator, proposal_id)
    assert "The person has withdrawn this request." in page
    assert "matched already" not in page
    with app.app_context():
        assert db.session.get(Request, request_id).status == "withdrawn"


@pytest.mark.parametrize(
    ("target", "cause", "says"),
    [
        ("draft", "offer_unpublished", "The offer is no longer published."),
        ("filled", "offer_full", "The offer has no free place left."),
    ],
)
def test_an_offer_that_stops_taking_people_takes_its_proposals_out_of_the_queue(
    app, world, coordinator, login, make_client, target, cause, says
):
    start_round(coordinator, world)
    proposal_id, request_id, offer_id = proposed(app)[0]
    with app.app_context():
        owner = db.session.get(Offer, offer_id).owner.user
    mentor = login(owner, on=make_client())
    assert mentor.post(f"/offers/{offer_id}/status", data={"status": target}).status_code == 302
    with app.app_context():
        assert db.session.get(Offer, offer_id).status == target
    assert lapsed(app, proposal_id) == ("lapsed", cause)
    assert proposal_id not in queue_ids(coordinator)
    assert says in approve_says(coordinator, proposal_id)
    with app.app_context():
        # The request waits for the next round again, instead of sitting in the finished one.
        assert db.session.get(Request, request_id).status == "open"
        assert db.session.get(Offer, offer_id).filled == 0


def test_an_offer_filled_by_an_approval_takes_its_other_proposals_out_of_the_queue(
    app, world, coordinator
):
    with app.app_context():
        offer_id = world.offers[0].id
        first, second = (
            Proposal(request_id=world.requests[i].id, offer_id=offer_id, score=50 - i)
            for i in (0, 1)
        )
        db.session.add_all([first, second])
        db.session.commit()
        first_id, second_id = first.id, second.id
    assert {first_id, second_id} <= queue_ids(coordinator)
    assert "Approved" in approve_says(coordinator, first_id)
    assert lapsed(app, second_id) == ("lapsed", "offer_full")
    assert second_id not in queue_ids(coordinator)
    assert "The offer has no free place left." in approve_says(coordinator, second_id)


def test_an_expired_offer_takes_its_proposals_out_of_the_queue(app, world, coordinator):
    from app.offers.services import expire_overdue_offers

    start_round(coordinator, world)
    proposal_id, _, offer_id = proposed(app)[0]
    with app.app_context():
        db.session.get(Offer, offer_id).valid_until = date.today() - timedelta(days=1)
        assert expire_overdue_offers(date.today()) == 1
        db.session.commit()
    assert lapsed(app, proposal_id) == ("lapsed", "offer_unpublished")
    assert "The offer is no longer published." in approve_says(coordinator, proposal_id)


def test_an_erased_person_takes_their_proposals_out_of_the_queue(
    app, world, coordinator, login, make_client
):
    start_round(coordinator, world)
    proposal_id, request_id, _ = proposed(app)[0]
    seeker = login(seeker_of(app, world, request_id), on=make_client())
    erased = seeker.post("/me/delete", data={"password": Builders.PASSWORD, "confirm": "y"})
    assert erased.status_code == 302
    assert proposal_id not in queue_ids(coordinator)
    response = coordinator.post(f"/matches/proposals/{proposal_id}/approve")
    assert response.status_code == 302  # not a bare 404: the coordinator is told why
    page = coordinator.get(response.location).get_data(as_text=True)
    assert "This proposal no longer exists" in page and "data erased" in page


def test_approving_a_request_matched_by_another_proposal_says_already_matched(
    app, world, coordinator
):
    with app.app_context():
        request_id = world.requests[0].id
        first, second = (
            Proposal(request_id=request_id, offer_id=world.offers[i].id, score=50 - i)
            for i in (0, 1)
        )
        db.session.add_all([first, second])
        db.session.commit()
        first_id, second_id = first.id, second.id
    approve_says(coordinator, first_id)
    assert "This request has been matched already." in approve_says(coordinator, second_id)
    with app.app_context():
        assert db.session.get(Proposal, second_id).status == "proposed"
        assert db.session.get(Offer, world.offers[1].id).filled == 0
