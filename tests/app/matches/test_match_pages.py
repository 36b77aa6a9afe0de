"""The match workflow through the real app: start a round, approve, reject, both sides answer,
end with a rating, manual matches; and who may see what."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.matches.models import ExcludedPair, Notification, Proposal
from app.offers.models import Offer, Request


def start_round(client, world) -> int:
    response = client.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return int(re.search(r"/matches/rounds/(\d+)", response.location).group(1))


def proposal_ids(app) -> list[int]:
    with app.app_context():
        query = select(Proposal.id).order_by(Proposal.score.desc(), Proposal.id)
        return list(db.session.scalars(query))


@pytest.fixture
def coordinator(world, login, client):
    return login(world.coordinator_os)


def test_a_round_started_from_the_page_shows_its_summary(app, world, coordinator):
    round_id = start_round(coordinator, world)
    page = coordinator.get(f"/matches/rounds/{round_id}").get_data(as_text=True)
    assert "2 pairs proposed" in page
    assert "2 requests without a match" in page
    assert "the places went to pairs with a higher value" in page
    status = coordinator.get(f"/matches/rounds/{round_id}/status").get_json()
    assert status["status"] == "finished" and status["progress"] == 100
    queue = coordinator.get("/matches/queue").get_data(as_text=True)
    assert "Both speak" in queue and "km apart" in queue
    result = coordinator.get(f"/matches/rounds/{round_id}/result").get_data(as_text=True)
    assert 'id="summary"' in result and "2 pairs proposed" in result
    assert "<html" not in result  # the fragment the progress page puts in place


def test_a_second_round_while_one_runs_is_refused(app, world, coordinator):
    from app.matches.models import MatchingRound

    with app.app_context():
        db.session.add(MatchingRound(region_id=world.osnabrueck.id, status="running"))
        db.session.commit()
    response = coordinator.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 302
    assert "already running" in coordinator.get(response.location).get_data(as_text=True)


def test_approval_notifies_both_sides_in_their_language_and_takes_a_place(
    app, world, coordinator, outbox
):
    start_round(coordinator, world)
    first = proposal_ids(app)[0]
    assert coordinator.post(f"/matches/proposals/{first}/approve").status_code == 302
    with app.app_context():
        proposal = db.session.get(Proposal, first)
        assert proposal.status == "approved"
        assert db.session.get(Offer, proposal.offer_id).filled == 1
        assert db.session.get(Request, proposal.request_id).status == "matched"
        seeker_user = proposal.request.person.user
        mentor_user = proposal.offer.owner.user
        inbox = db.session.scalars(select(Notification)).all()
        assert {n.user_id for n in inbox} == {seeker_user.id, mentor_user.id}
    # Each mail is rendered under force_locale(the person's language); the German and Arabic
    # texts come with the catalogs, so here it is enough that both got one.
    assert outbox.last_to(mentor_user.email)["Subject"]
    assert outbox.last_to(seeker_user.email)["Subject"]
    again = coordinator.post(f"/matches/proposals/{first}/approve")
    assert "decided already" in coordinator.get(again.location).get_data(as_text=True)


def test_reject_needs_a_reason_and_excludes_the_pair(app, world, coordinator):
    start_round(coordinator, world)
    first = proposal_ids(app)[0]
    assert coordinator.post(f"/matches/proposals/{first}/reject", data={}).status_code == 422
    response = coordinator.post(
        f"/matches/proposals/{first}/reject", data={"reason": "Schon bekannt, passt nicht"}
    )
    assert response.status_code == 302
    with app.app_context():
        excluded = db.session.scalars(select(ExcludedPair)).one()
        assert excluded.reason == "Schon bekannt, passt nicht"
        assert db.session.get(Proposal, first).status == "rejected"


def test_bulk_approval(app, world, coordinator):
    start_round(coordinator, world)
    ids = proposal_ids(app)
    response = coordinator.post("/matches/queue/approve", data={"proposal_id": ids})
    assert response.status_code == 302
    with app.app_context():
        assert {db.session.get(Proposal, i).status for i in ids} == {"approved"}


def test_both_accept_then_contact_details_are_shared_and_the_match_is_rated(
    app, world, coordinator, make_client, login
):
    start_round(coordinator, world)
    first = proposal_ids(app)[0]
    coordinator.post(f"/matches/proposals/{first}/approve")
    with app.app_context():
        proposal = db.session.get(Proposal, first)
        seeker, mentor = proposal.request.person.user, proposal.offer.owner.user
        mentor_email, offer_id = mentor.email, proposal.offer_id
    seeker_client = login(seeker, on=make_client())
    mentor_client = login(mentor, on=make_client())
    assert mentor_email not in seeker_client.get("/matches/mine").get_data(as_text=True)
    seeker_client.post(f"/matches/{first}/answer", data={"answer": "accept"})
    assert mentor_email not in seeker_client.get("/matches/mine").get_data(as_text=True)
    mentor_client.post(f"/matches/{first}/answer", data={"answer": "accept"})
    assert mentor_email in seeker_client.get("/matches/mine").get_data(as_text=True)
    response = mentor_client.post(f"/matches/{first}/end", data={"stars": "5", "comment": "Gut"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Proposal, first).status == "ended"
        assert db.session.get(Offer, offer_id).filled == 0
    ratings = coordinator.get("/matches/ratings").get_data(as_text=True)
    assert "5.0 ★" in ratings


def test_ending_a_match_returns_to_the_own_matches_whatever_the_referer(
    app, world, coordinator, make_client, login
):
    start_round(coordinator, world)
    first = proposal_ids(app)[0]
    coordinator.post(f"/matches/proposals/{first}/approve")
    with app.app_context():
        proposal = db.session.get(Proposal, first)
        seeker, mentor = proposal.request.person.user, proposal.offer.owner.user
    login(seeker, on=make_client()).post(f"/matches/{first}/answer", data={"answer": "accept"})
    mentor_client = login(mentor, on=make_client())
    mentor_client.post(f"/matches/{first}/answer", data={"answer": "accept"})
    response = mentor_client.post(
        f"/matches/{first}/end", data={"stars": "4"}, headers={"Referer": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.location.endswith("/matches/mine") and "evil" not in response.location
    with app.app_context():
        assert db.session.get(Proposal, first).status == "ended"


def test_declining_frees_the_place(app, world, coordinator, make_client, login):
    start_round(coordinator, world)
    first = proposal_ids(app)[0]
    coordinator.post(f"/matches/proposals/{first}/approve")
    with app.app_context():
        proposal = db.session.get(Proposal, first)
        seeker, offer_id = proposal.request.person.user, proposal.offer_id
    seeker_client = login(seeker, on=make_client())
    seeker_client.post(f"/matches/{first}/answer", data={"answer": "decline"})
    with app.app_context():
        assert db.session.get(Proposal, first).status == "declined"
        assert db.session.get(Offer, offer_id).filled == 0


def test_a_manual_match_names_the_broken_rule(app, world, coordinator, offers):
    with app.app_context():
        german_only = offers.person(None, world.bramsche, "Greta", languages=("de",))
        offer = offers.offer(german_only, world.bramsche, kind="mentoring", title="Nur Deutsch")
    response = coordinator.post(
        "/matches/manual", data={"request_id": world.requests[0].id, "offer_id": offer.id}
    )
    assert response.status_code == 422
    assert "no shared language at the level needed" in response.get_data(as_text=True)
    good = coordinator.post(
        "/matches/manual",
        data={"request_id": world.requests[0].id, "offer_id": world.offers[0].id},
    )
    assert good.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Proposal)).one().manual


def test_bad_filter_input_is_a_400(world, coordinator):
    assert coordinator.get("/matches/queue?min_score=abc").status_code == 400
    assert coordinator.get("/matches/queue?status=nonsense").status_code == 400


def test_other_region_coordinators_and_other_people_get_404(
    app, world, coordinator, make_client, login, build
):
    round_id = start_round(coordinator, world)
    first = proposal_ids(app)[0]
    other = login(world.coordinator_el, on=make_client())
    assert other.get(f"/matches/rounds/{round_id}").status_code == 404
    assert other.get(f"/matches/rounds/{round_id}/status").status_code == 404
    assert other.get(f"/matches/rounds/{round_id}/result").status_code == 404
    assert other.post(f"/matches/proposals/{first}/approve").status_code == 404
    assert other.get(f"/matches/proposals/{first}/reject").status_code == 404
    stranger = login(world.refugees[3], on=make_client())
    assert stranger.post(f"/matches/{first}/answer", data={"answer": "accept"}).status_code == 404
    assert stranger.get(f"/matches/rounds/{round_id}").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/matches/rounds/{r}",
        "/matches/rounds/{r}/status",
        "/matches/rounds/{r}/result",
        "/matches/proposals/{p}/reject",
        "/matches/proposals/{p}/replace",
        "/matches/proposals/{p}/replace-person",
    ],
)
def test_routes_with_ids_for_anonymous_go_to_login(app, world, coordinator, client, path):
    round_id = start_round(coordinator, world)
    first = proposal_ids(app)[0]
    coordinator.post("/logout")
    assert client.get(path.format(r=round_id, p=first)).status_code == 302
