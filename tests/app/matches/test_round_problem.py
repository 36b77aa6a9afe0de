"""The round builds the engine's problem directly, with the taxonomy ids its skill rows stored.

The file form (``problem_dict``, parsed by the engine) stays for the command line; the problem a
round builds itself must be the same problem, so that a round proposes the same pairs with the
same scores as when the engine read the file and searched the taxonomy for every skill again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select, update

from app.accounts.models import Region
from app.demo.seed import seed_demo
from app.extensions import db
from app.matches import adapters
from app.matches.models import ExcludedPair
from app.matches.queries import load_round_input
from app.offers.models import OfferSkill
from app.profiles.models import PersonSkill
from matching import parse_problem, solve
from matching.problem import Problem

TODAY = date(2026, 11, 26)


def without_similarity(problem: Problem) -> Problem:
    """The problem with each skill's similarity left out: the file form searches the taxonomy
    (a similarity below 100 for a typo), the built one takes the stored id as exact."""

    def plain(entry):
        return replace(entry, skills=tuple(replace(s, score=0.0) for s in entry.skills))

    return replace(
        problem,
        seekers=tuple(plain(s) for s in problem.seekers),
        offers=tuple(plain(o) for o in problem.offers),
    )


def pairs(problem: Problem) -> list[tuple[str, str, float, dict[str, float]]]:
    result = solve(problem)
    return [(m.seeker, m.offer, m.score, dict(m.components)) for m in result.matches]


def test_the_built_problem_is_the_parsed_file_and_gives_the_same_pairs(app):
    with app.app_context():
        seed_demo(TODAY)
        district = db.session.scalar(select(Region).where(Region.code == "03459"))
        data = load_round_input(district.id, TODAY)
        # A rejected pair and an earlier proposal reach both forms as well.
        request, offer = data.requests[0], data.offers[0]
        db.session.add(ExcludedPair(person_id=request.person_id, offer_id=offer.id))
        db.session.flush()
        earlier = next(
            (r.id, o.id)
            for r in data.requests[1:]
            for o in data.offers
            if adapters.KIND_OF_OFFER[r.kind] == adapters.KIND_OF_OFFER[o.kind]
        )
        data = replace(load_round_input(district.id, TODAY), current=[earlier])
        built = adapters.build_problem(data).problem
        parsed = parse_problem(adapters.problem_dict(data))
        assert any(s.skills for s in built.seekers) and any(o.skills for o in built.offers)
        assert any(s.rejected for s in built.seekers) and built.current
        assert without_similarity(built) == without_similarity(parsed)
        assert pairs(built) == pairs(parsed)


def test_the_round_hands_the_engine_the_stored_id_not_the_words_again(app, world):
    with app.app_context():
        seeker, offer = world.seekers[0], world.offers[0]
        skill = PersonSkill(person_id=seeker.id, original_text="Schweissen")
        db.session.add(skill)
        db.session.add(OfferSkill(offer_id=offer.id, original_text="Raketenbau"))
        db.session.commit()
        # An id stored with the words (as when the taxonomy maps them differently since):
        # the round takes it as stored and does not search the taxonomy for the words again.
        db.session.execute(
            update(OfferSkill)
            .where(OfferSkill.offer_id == offer.id, OfferSkill.original_text == "Raketenbau")
            .values(taxonomy_id="occ.welder")
        )
        data = load_round_input(world.osnabrueck.id, TODAY)
        built = adapters.build_problem(data)
        by_id = {o.id: o for o in built.problem.offers}
        stored = {s.original: s.id for s in by_id[f"o{offer.id}"].skills}
        assert stored["Raketenbau"] == "occ.welder"
        outcome = adapters.solve_round(data)
        shared = [p for p in outcome.proposals if p.request_id == world.requests[0].id]
        assert shared and shared[0].offer_id == offer.id
        assert shared[0].components["skill"] > 0


def test_a_skill_row_stores_its_taxonomy_id_however_it_is_written(app, world):
    with app.app_context():
        seeker, offer = world.seekers[0], world.offers[0]
        skill = PersonSkill(person_id=seeker.id, original_text="Elektricker", taxonomy_id=None)
        wanted = OfferSkill(offer_id=offer.id, original_text="Schweisser")
        db.session.add_all([skill, wanted])
        db.session.flush()
        assert (skill.taxonomy_id, wanted.taxonomy_id) == ("occ.electrician", "occ.welder")
        skill.original_text = "Raketenwissenschaft"
        db.session.flush()
        assert skill.taxonomy_id is None
