"""The lifecycles of proposals and requests: one table each, one writer each; an approval reads
the state afresh and names the real cause of a refusal (test_stale_proposals.py walks the pages
through which proposals lapse)."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.matches import lifecycle
from app.matches.models import TRANSITIONS, Proposal, ProposalStatus
from app.offers import lifecycle as offers_lifecycle
from app.offers.errors import RequestTransitionNotAllowed
from app.offers.models import REQUEST_TRANSITIONS, Offer, Request, RequestStatus

# -- the tables are the only writers ---------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), list(product(ProposalStatus, ProposalStatus)))
def test_a_proposal_moves_exactly_as_its_table_says(app, world, before, after):
    with app.app_context():
        proposal = Proposal(
            request_id=world.requests[0].id, offer_id=world.offers[0].id, status=before.value
        )
        db.session.add(proposal)
        db.session.flush()
        moved = lifecycle.move(proposal.id, after)
        db.session.refresh(proposal)
        assert moved == (after in TRANSITIONS[before])
        assert proposal.status == (after if moved else before).value
        db.session.rollback()


@pytest.mark.parametrize(("before", "after"), list(product(RequestStatus, RequestStatus)))
def test_a_request_moves_exactly_as_its_table_says(app, world, before, after):
    with app.app_context():
        request = db.session.get(Request, world.requests[0].id)
        request.status = before.value
        db.session.flush()
        if after not in REQUEST_TRANSITIONS[before]:
            with pytest.raises(ValueError, match="not in REQUEST_TRANSITIONS"):
                offers_lifecycle.move_requests([request.id], (before,), after)
        else:
            assert offers_lifecycle.move_requests([request.id], (before,), after) == 1
            db.session.refresh(request)
            assert request.status == after.value
        db.session.rollback()


def test_a_matched_request_cannot_be_withdrawn_by_its_person(app, world, login, client):
    with app.app_context():
        db.session.get(Request, world.requests[0].id).status = "matched"
        db.session.commit()
        with pytest.raises(RequestTransitionNotAllowed) as refused:
            offers_lifecycle.withdraw(db.session.get(Request, world.requests[0].id))
        with app.test_request_context(), force_locale("en"):
            assert "cannot be withdrawn any more" in str(refused.value.message)
        with app.test_request_context(), force_locale("ar"):  # the refugee reads Arabic
            in_arabic = str(refused.value.message)
    refugee = login(world.refugees[0])
    response = refugee.post(f"/requests/{world.requests[0].id}/withdraw")
    assert in_arabic in refugee.get(response.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Request, world.requests[0].id).status == "matched"


def test_only_the_two_lifecycle_modules_write_a_request_or_a_proposal(app):
    """No module but the owners' lifecycles updates request or proposal rows in bulk or sets
    their status on a loaded row; everything else calls the owners (the demo, which builds its
    world row by row, aside)."""
    bulk = re.compile(r"update\((Request|Proposal)\)")
    assigned = re.compile(r"\b(request|proposal|existing|found|kept)\.status\s*=[^=]")
    root = Path(app.root_path)
    writers = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "demo" not in path.parts
        and (bulk.search(text := path.read_text()) or assigned.search(text))
    }
    assert writers == {"offers/lifecycle.py", "matches/lifecycle.py"}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"request": "withdrawn"}, "The person has withdrawn this request."),
        ({"offer": "draft"}, "The offer is no longer published."),
        ({"offer": "expired"}, "The offer is no longer published."),
        ({"offer": "filled"}, "The offer has no free place left."),
        ({"request": "matched"}, "This request has been matched already."),
    ],
)
def test_a_stale_proposal_nobody_lapsed_is_refused_with_its_real_cause(
    app, world, login, client, change, says
):
    """Data written before proposals lapsed (or by hand): the approval reads the state afresh."""
    with app.app_context():
        proposal = Proposal(request_id=world.requests[0].id, offer_id=world.offers[0].id)
        db.session.add(proposal)
        if "request" in change:
            db.session.get(Request, world.requests[0].id).status = change["request"]
        if "offer" in change:
            db.session.get(Offer, world.offers[0].id).status = change["offer"]
        db.session.commit()
        proposal_id = proposal.id
    coordinator = login(world.coordinator_os)
    response = coordinator.post(f"/matches/proposals/{proposal_id}/approve")
    assert says in coordinator.get(response.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Proposal, proposal_id).status == "proposed"
        assert db.session.get(Offer, world.offers[0].id).filled == 0
