"""A round through the service: stages, proposals against the engine's rules, idempotence."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event, func, select, update

from app.extensions import db
from app.matches import adapters, services
from app.matches.models import ExcludedPair, MatchingRound, Proposal
from app.matches.queries import load_round_input
from app.offers.models import Request
from matching import check_validity, parse_problem, solve
from tests.app.matches.builders import build_match_world


def run(app, world) -> int:
    with app.app_context():
        matching_round = services.create_round(world.osnabrueck.id, world.coordinator_os)
        db.session.commit()
        services.run_round(matching_round, date.today(), db.session.commit)
        return matching_round.id


def test_a_round_proposes_pairs_that_keep_every_rule(app, world):
    round_id = run(app, world)
    with app.app_context():
        matching_round = db.session.get(MatchingRound, round_id)
        assert matching_round.status == "finished"
        assert matching_round.progress == 100
        assert (matching_round.seekers, matching_round.offers) == (4, 2)
        assert matching_round.matched == 2
        assert matching_round.summary["problems"] == []
        assert len(matching_round.summary["unmatched"]) == 2
        proposals = db.session.scalars(select(Proposal)).all()
        assert len(proposals) == 2
        assert all(p.reasons and p.components for p in proposals)
        statuses = {r.status for r in db.session.scalars(select(Request))}
        assert statuses == {"open", "in_round"}


def test_the_problem_a_round_builds_is_valid_for_the_engine(app, world):
    with app.app_context():
        data = load_round_input(world.osnabrueck.id, date.today())
        problem = parse_problem(adapters.problem_dict(data))
        assert check_validity(problem, solve(problem)) == []


def test_running_a_round_again_creates_no_duplicates(app, world):
    round_id = run(app, world)
    with app.app_context():
        matching_round = db.session.get(MatchingRound, round_id)
        matching_round.status = "running"  # as if the worker died before its last commit
        matching_round.heartbeat_at = None  # and was silent ever since
        services.run_round(matching_round, date.today(), db.session.commit)
        assert db.session.scalar(select(func.count(Proposal.id))) == 2
        assert matching_round.attempts == 2


def test_other_regions_are_not_in_the_round(app, world, offers, build):
    with app.app_context():
        data = load_round_input(world.emsland.id, date.today())
        assert data.requests == [] and data.offers == []


def statements_to_build_the_problem(app, region_id: int) -> int:
    """SQL statements issued to load a round and turn it into the engine's problem."""
    counted: list[str] = []

    def count(*args) -> None:
        counted.append(args[2])

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            adapters.build_problem(load_round_input(region_id, date.today()))
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return len(counted)


def test_loading_a_round_costs_the_same_queries_for_3_or_30_people(app, build, offers):
    small = build_match_world(build, offers, seekers=2, mentors=1)
    few = statements_to_build_the_problem(app, small.osnabrueck.id)
    with app.app_context():
        for number in range(20):
            person = offers.person(None, small.bramsche, f"More{number}", languages=("ar",))
            offers.request(person, kind="mentoring")
        for number in range(7):
            person = offers.person(None, small.bramsche, f"Helper{number}", languages=("de",))
            offers.offer(person, small.bramsche, kind="mentoring", title=f"Extra {number}")
    assert statements_to_build_the_problem(app, small.osnabrueck.id) == few


def test_a_rejected_pair_reaches_the_engine_and_no_other(app, world):
    with app.app_context():
        rejected = ExcludedPair(person_id=world.seekers[0].id, offer_id=world.offers[1].id)
        db.session.add(rejected)
        db.session.commit()
        problem = adapters.problem_dict(load_round_input(world.osnabrueck.id, date.today()))
    by_id = {s["id"]: s["rejected"] for s in problem["seekers"]}
    assert by_id[f"r{world.requests[0].id}"] == [f"o{world.offers[1].id}"]
    assert all(by_id[f"r{r.id}"] == [] for r in world.requests[1:])


def test_a_round_resumes_cleanly_from_a_half_written_attempt(app, world):
    round_id = run(app, world)
    with app.app_context():
        matching_round = db.session.get(MatchingRound, round_id)
        good = {(p.request_id, p.offer_id) for p in db.session.scalars(select(Proposal))}
        left_out = matching_round.summary["unmatched"][0]["request"]
        # A dead attempt left: the round running at "saving", every request in the round, and
        # an undecided proposal the data no longer supports.
        matching_round.status, matching_round.stage = "running", "saving"
        matching_round.heartbeat_at = None  # its worker is gone
        db.session.add(
            Proposal(round_id=round_id, request_id=left_out, offer_id=world.offers[0].id)
        )
        db.session.execute(update(Request).values(status="in_round"))
        db.session.commit()
        services.run_round(matching_round, date.today(), db.session.commit)
        proposals = db.session.scalars(select(Proposal)).all()
        assert {(p.request_id, p.offer_id) for p in proposals} == good
        assert (matching_round.status, matching_round.matched) == ("finished", 2)
        assert db.session.get(Request, left_out).status == "open"
