"""200 approvals at once against 10 places: exactly 10 succeed, on SQLite and PostgreSQL.

Every approval runs in its own thread with its own application context, so its own session and
database connection. The same race through a naive read-then-write shows that the test can fail:
without the conditional UPDATE more approvals succeed than there are places.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import insert, select, update

from app.accounts.models import User
from app.extensions import db
from app.matches import services
from app.matches.errors import MatchError
from app.matches.models import Proposal
from app.offers.models import Offer, Request
from app.profiles.models import Person

APPROVALS = 200
CAPACITY = 10


def proposals_on_one_offer(app, world) -> tuple[int, list[int]]:
    """One offer with CAPACITY places and APPROVALS proposals for as many people's requests."""
    with app.app_context():
        offer = db.session.get(Offer, world.offers[0].id)
        offer.capacity = CAPACITY
        region_id = world.bramsche.id
        people = [
            {"given_name": f"P{i}", "family_name": "Race", "region_id": region_id}
            for i in range(APPROVALS)
        ]
        db.session.execute(insert(Person), people)
        person_ids = db.session.scalars(select(Person.id).where(Person.family_name == "Race"))
        db.session.execute(
            insert(Request), [{"person_id": p, "kind": "mentoring"} for p in person_ids]
        )
        request_ids = db.session.scalars(
            select(Request.id).join(Person).where(Person.family_name == "Race")
        ).all()
        db.session.execute(
            insert(Proposal),
            [{"request_id": r, "offer_id": offer.id, "score": 1.0} for r in request_ids],
        )
        db.session.commit()
        ids = db.session.scalars(select(Proposal.id).where(Proposal.offer_id == offer.id)).all()
        return offer.id, list(ids)


def race(app, proposal_ids: list[int], user_id: int, approve: Callable[..., None]) -> list[str]:
    """Fire every approval at once; each thread says "ok", "refused" or the error it met."""
    outcomes: list[str] = []
    start = threading.Barrier(len(proposal_ids))

    def one(proposal_id: int) -> None:
        start.wait()
        with app.app_context():
            try:
                approve(db.session.get(Proposal, proposal_id), db.session.get(User, user_id))
                db.session.commit()
                outcomes.append("ok")
            except MatchError:
                db.session.rollback()
                outcomes.append("refused")
            except Exception as error:
                db.session.rollback()
                outcomes.append(repr(error))

    threads = [threading.Thread(target=one, args=(pid,)) for pid in proposal_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def guarded(proposal: Proposal, acting: User) -> None:
    services.approve(proposal, acting, notify=False)


def naive(proposal: Proposal, acting: User) -> None:
    """Read the count, then write it back plus one: the lost-update bug the guard prevents."""
    offer = db.session.get(Offer, proposal.offer_id)
    filled = offer.filled
    time.sleep(0.005)  # the gap between reading and writing that a busy server has anyway
    if filled >= offer.capacity:
        raise MatchError("full")
    db.session.execute(update(Offer).where(Offer.id == offer.id).values(filled=filled + 1))
    proposal.status = "approved"


def test_200_concurrent_approvals_fill_exactly_the_10_places(app, world):
    offer_id, proposal_ids = proposals_on_one_offer(app, world)
    outcomes = race(app, proposal_ids, world.coordinator_os.id, guarded)
    assert sorted(set(outcomes)) == ["ok", "refused"], set(outcomes)
    assert outcomes.count("ok") == CAPACITY
    with app.app_context():
        assert db.session.get(Offer, offer_id).filled == CAPACITY
        approved = select(Proposal).where(Proposal.status == "approved")
        assert len(db.session.scalars(approved).all()) == CAPACITY


@pytest.mark.filterwarnings("ignore")
def test_without_the_guard_the_same_race_over_allocates(app, world):
    _, proposal_ids = proposals_on_one_offer(app, world)
    outcomes = race(app, proposal_ids, world.coordinator_os.id, naive)
    assert outcomes.count("ok") > CAPACITY
