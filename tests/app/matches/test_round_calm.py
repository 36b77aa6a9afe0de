"""Calm between rounds: a round passes the undecided proposals of earlier rounds to the engine
as ``current`` pairs; they stay unless a best answer needs the change, and the round stores how
many stayed and moved (and why), its total and its blocking pairs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.core.permissions import Role
from app.extensions import db
from app.matches import services
from app.matches.models import ExcludedPair, MatchingRound, Proposal
from tests.app.matches.builders import MatchWorld


def run(app, world: MatchWorld) -> int:
    with app.app_context():
        matching_round = services.create_round(world.osnabrueck.id, world.coordinator_os)
        db.session.commit()
        services.run_round(matching_round, date.today(), db.session.commit)
        return matching_round.id


def proposals(app) -> dict[int, tuple[int, int, str, int | None]]:
    """Every proposal: id -> (request, offer, status, round)."""
    with app.app_context():
        rows = db.session.execute(
            select(
                Proposal.id,
                Proposal.request_id,
                Proposal.offer_id,
                Proposal.status,
                Proposal.round_id,
            )
        )
        return {p: (r, o, s, rnd) for p, r, o, s, rnd in rows}


def newcomer(app, build, offers, world: MatchWorld) -> None:
    with app.app_context():
        user = build.user(Role.REFUGEE, name="Newcomer", locale="ar")
        person = offers.person(user, world.bramsche, "Newcomer", languages=("ar",))
        offers.request(person, kind="mentoring")


def test_earlier_proposals_stay_when_a_newcomer_registers(app, build, offers, world):
    first = run(app, world)
    before = proposals(app)
    assert len(before) == 2
    newcomer(app, build, offers, world)
    second = run(app, world)
    # The same rows, untouched, and no offer proposed twice over its places.
    assert proposals(app) == before
    with app.app_context():
        again = db.session.get(MatchingRound, second)
        assert (again.seekers, again.offers) == (5, 2)
        assert (again.kept, again.moved, again.moved_why) == (2, 0, {})
        assert again.matched == 2
        assert again.blocking_pairs == 0 and again.objective > 0
        assert again.summary["stats"]["current"]["given"] == 2
        assert db.session.get(MatchingRound, first).objective == again.objective


def test_a_pair_that_breaks_a_rule_now_moves_and_says_why(app, build, offers, world):
    run(app, world)
    (gone_id, (request_id, offer_id, _, _)), (kept_id, kept) = sorted(proposals(app).items())
    with app.app_context():
        request = db.session.get(Proposal, gone_id).request
        db.session.add(
            ExcludedPair(person_id=request.person_id, offer_id=offer_id, reason="kennen sich")
        )
        db.session.commit()
    second = run(app, world)
    after = proposals(app)
    assert gone_id not in after  # undecided, so it goes; the request holds one proposal
    assert after[kept_id] == kept
    with app.app_context():
        again = db.session.get(MatchingRound, second)
        assert (again.kept, again.moved, again.moved_why) == (1, 1, {"rejected_before": 1})
        new = [p for p in after.values() if p[3] == second]
        assert [(o, s) for _, o, s, _ in new] == [(offer_id, "proposed")]
        assert request_id not in {r for r, *_ in new}
        per_request = db.session.execute(
            select(Proposal.request_id, func.count()).group_by(Proposal.request_id)
        ).all()
        assert all(n == 1 for _, n in per_request)


def test_approved_matches_never_move(app, build, offers, world):
    run(app, world)
    ids = sorted(proposals(app))
    with app.app_context():
        services.approve(db.session.get(Proposal, ids[0]), world.coordinator_os, notify=False)
        db.session.commit()
    newcomer(app, build, offers, world)
    second = run(app, world)
    after = proposals(app)
    assert after[ids[0]][2] == "approved"
    assert after[ids[1]][2] == "proposed"
    with app.app_context():
        again = db.session.get(MatchingRound, second)
        # The approved pair's request is not in the round and its offer's place is taken.
        assert (again.seekers, again.offers) == (4, 1)
        assert (again.kept, again.moved) == (1, 0)
