"""The one bridge between the web application and the pure ``matching`` library."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from matching import SolveParams, Weights, check_validity, solve
from matching import problem as engine
from matching.availability import DAYS, parse_interval
from matching.compiled import Compiled, compile_problem
from matching.explain import explain_match
from matching.levels import parse_level
from matching.parse import MAX_AGE
from matching.result import Match, Result
from matching.rules import exclusion_reason
from matching.taxonomy import NormalisedValue, normalise_language, resolved_skill

if TYPE_CHECKING:
    from app.offers.models import Offer, OfferSkill, Request
    from app.profiles.models import AvailabilitySlot, Person, PersonSkill

#: The most points a pair can earn with the weights the rounds use (scores are shown out of it).
MAX_SCORE: float = Weights().maximum


# -- matching rounds: from database rows to a ``matching`` problem and back ----------------------

KIND_OF_OFFER = {
    "mentoring": "mentor",
    "volunteering": "volunteer",
    "job": "job",
    "apprenticeship": "job",
    "internship": "job",
    "advice": "advice",
}
WORK_STATUS = {"needs_approval": "permission_required"}
GENDERS = ("female", "male", "diverse")


@dataclass(frozen=True)
class ProposedPair:
    """One pair the engine proposes, with its score breakdown and reasons as message keys."""

    request_id: int
    offer_id: int
    score: float
    components: dict[str, float]
    reasons: list[dict[str, Any]]


@dataclass(frozen=True)
class LeftOver:
    request_id: int
    cause: str


@dataclass(frozen=True)
class MovedPair:
    """An undecided proposal of an earlier round that this round does not make again, and why
    (``better_total``, ``capacity_lowered``, ``offer_gone``, ``seeker_gone`` or a rule's name)."""

    request_id: int
    offer_id: int
    reason: str


@dataclass(frozen=True)
class RoundOutcome:
    status: str
    proposals: list[ProposedPair]
    unmatched: list[LeftOver]
    unmet_by_cause: dict[str, dict[str, int]]  # kind -> cause -> count
    stats: dict[str, Any]
    problems: list[str]  # what check_validity found (empty when the result keeps every rule)
    objective: float = 0.0
    blocking_pairs: int = 0
    current: list[tuple[int, int]] = field(default_factory=list)  # (request id, offer id)
    moved: list[MovedPair] = field(default_factory=list)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def availability_strings(slots: list[AvailabilitySlot]) -> list[str]:
    """Weekly slots as the engine reads them: ``mon 18:00-20:00``."""
    return [
        f"{DAYS[s.weekday]} {_hhmm(s.start_minute)}-{_hhmm(min(s.end_minute, 24 * 60 - 1))}"
        for s in slots
        if s.end_minute > s.start_minute
    ]


def _location(lat: float | None, lon: float | None) -> dict[str, float] | None:
    return {"lat": lat, "lon": lon} if lat is not None and lon is not None else None


def _person_fields(person: Person) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "languages": {lang.code: lang.level for lang in person.languages} or {"de": "A1"},
        "skills": [s.original_text for s in person.skills if s.original_text.strip()],
    }
    # An empty list would mean "never"; no times given means no restriction.
    if times := availability_strings(person.availability):
        fields["availability"] = times
    if (location := _location(person.lat, person.lon)) is not None:
        fields["location"] = location
    if person.max_km:
        fields["max_km"] = person.max_km
    if person.gender in GENDERS:
        fields["gender"] = person.gender
    return fields


def _age(person: Person, today: date) -> int | None:
    """The age on the round's day; an impossible one (born after that day, say) counts as
    unknown, so that one mistyped birth date does not stop the whole round."""
    age = person.age_on(today)
    return age if age is not None and 0 <= age <= MAX_AGE else None


def seeker_dict(
    request: Request, today: date, district_of: dict[int, str], ids: IdMap
) -> dict[str, Any]:
    """A request as a ``matching`` seeker; its id is ``r<request id>``."""
    person = request.person
    return {
        "id": ids.seeker(request.id),
        "wants": [KIND_OF_OFFER[request.kind]],
        **_person_fields(person),
        "minor": person.is_minor_on(today),
        # On the round's day: under 15 the engine proposes no job, apprenticeship or internship
        # (JArbSchG §§ 2, 5), even when the right to work was recorded as allowed by mistake.
        "age": _age(person, today),
        **_request_facts(request, today, district_of),
    }


def _request_facts(request: Request, today: date, district_of: dict[int, str]) -> dict[str, Any]:
    """What the request and the newcomer's profile tell the engine, the same in the file form
    and the typed one: days waiting, a wished mentor's gender, the right to work and the district
    of a residence obligation (§ 12a AufenthG)."""
    profile = request.person.refugee_profile
    facts: dict[str, Any] = {"waiting_days": max(0, (today - request.created_at.date()).days)}
    wish = request.wished_mentor_gender or (profile.preferred_mentor_gender if profile else None)
    if wish in ("female", "male"):
        facts["mentor_gender"] = wish
    if profile is not None:
        facts["work_status"] = WORK_STATUS.get(profile.right_to_work, profile.right_to_work)
        obligation = profile.residence_obligation_region_id
        if obligation is not None and obligation in district_of:
            facts["region"] = district_of[obligation]
        if profile.waiting_since is not None:
            facts["waiting_days"] = max(0, (today - profile.waiting_since).days)
    return facts


def offer_dict(
    offer: Offer, district_of: dict[int, str], ids: IdMap, rating: float | None = None
) -> dict[str, Any]:
    """An offer with open places as a ``matching`` offer; its id is ``o<offer id>``."""
    owner = offer.owner
    fields = _person_fields(owner)
    fields["skills"] = [s.original_text for s in offer.skills if s.original_text.strip()]
    if offer.max_km:
        fields["max_km"] = offer.max_km
    if (location := _location(offer.lat, offer.lon)) is not None:
        fields["location"] = location
    result: dict[str, Any] = {
        "id": ids.offer(offer.id),
        "kind": KIND_OF_OFFER[offer.kind],
        **fields,
        "capacity": max(0, offer.capacity - offer.filled),
    }
    if offer.min_german and result["kind"] == "job":
        result["min_language"] = {"de": offer.min_german}
    certificate = (
        owner.mentor_profile.conduct_certificate_valid_until if owner.mentor_profile else None
    )
    if certificate is not None:
        result["good_conduct_until"] = certificate.isoformat()
    if offer.region_id is not None and offer.region_id in district_of:
        result["region"] = district_of[offer.region_id]
    if offer.organisation_id is not None:
        result["organisation"] = str(offer.organisation_id)
    if rating is not None:
        result["rating"] = round(rating, 2)
    return result


@dataclass(frozen=True)
class RoundInput:
    """Everything a round reads from the database, already loaded."""

    requests: list[Request]
    offers: list[Offer]
    excluded: set[tuple[int, int]]  # (person id, offer id)
    ratings: dict[int, float]  # offer owner's person id -> average stars
    district_of: dict[int, str]  # region id -> its district's id, as a string
    today: date
    # Undecided engine proposals of earlier rounds, (request id, offer id): the engine keeps as
    # many as a best answer allows, so people are not told "X" one week and "Y" the next.
    current: list[tuple[int, int]] = field(default_factory=list)


def rejected_offers(data: RoundInput) -> dict[int, list[int]]:
    """Per person, the round's offers a coordinator rejected for them.

    Built from the exclusions (few) rather than by testing every request against every offer,
    which at 5,000 × 5,000 took half a minute.
    """
    in_round = {offer.id for offer in data.offers}
    found: dict[int, list[int]] = {}
    for person_id, offer_id in sorted(data.excluded):
        if offer_id in in_round:
            found.setdefault(person_id, []).append(offer_id)
    return found


def problem_dict(data: RoundInput) -> dict[str, Any]:
    """The ``matching`` problem of a round as the JSON-ready dict the library parses: the file
    form, for the command line and for reading; a round builds its problem with
    :func:`build_problem`."""
    ids = IdMap()
    rejected = rejected_offers(data)
    offers = [
        offer_dict(offer, data.district_of, ids, data.ratings.get(offer.owner_id))
        for offer in data.offers
    ]
    seekers = []
    for request in data.requests:
        seeker = seeker_dict(request, data.today, data.district_of, ids)
        seeker["rejected"] = [ids.offer(o) for o in rejected.get(request.person_id, [])]
        seekers.append(seeker)
    current = [
        {"seeker": ids.seeker(request_id), "offer": ids.offer(offer_id), "kind": kind}
        for request_id, offer_id, kind in current_pairs(data)
    ]
    return {
        "seekers": seekers,
        "offers": offers,
        "settings": {"reference_date": data.today.isoformat()},
        "current": current,
    }


def current_pairs(data: RoundInput) -> list[tuple[int, int, str]]:
    """The earlier proposals as the engine's ``current`` pairs (of the request's own kind):
    (request id, offer id, kind)."""
    kind_of_request = {r.id: KIND_OF_OFFER[r.kind] for r in data.requests}
    kind_of_offer = {o.id: KIND_OF_OFFER[o.kind] for o in data.offers}
    pairs: dict[int, tuple[int, int, str]] = {}
    for request_id, offer_id in sorted(set(data.current)):
        kind = kind_of_request.get(request_id)
        # One per request (the engine refuses two of one kind); the lowest offer id if ever more.
        if kind is not None and kind_of_offer.get(offer_id, kind) == kind:
            pairs.setdefault(request_id, (request_id, offer_id, kind))
    return list(pairs.values())


# -- the same problem built directly as the engine's dataclasses ---------------------------------
#
# ``problem_dict`` above is the problem as a file (for the command line and for looking at a
# round); a round itself builds the engine's ``Problem`` directly, with the taxonomy ids the
# skill rows stored when they were saved, and keeps the engine ids it gave out in an ``IdMap``.


class IdMap:
    """The engine ids of one problem and the database ids they stand for.

    The adapter gives every request and offer its engine id here and reads results back through
    the map, so no engine id is ever taken apart. The ids keep the form ``r<id>`` / ``o<id>``
    of the file form: the engine breaks ties by id, so the same rows give the same pairs.
    """

    def __init__(self) -> None:
        self.request_of: dict[str, int] = {}
        self.offer_of: dict[str, int] = {}

    def seeker(self, request_id: int) -> str:
        engine_id = f"r{request_id}"
        self.request_of[engine_id] = request_id
        return engine_id

    def offer(self, offer_id: int) -> str:
        engine_id = f"o{offer_id}"
        self.offer_of[engine_id] = offer_id
        return engine_id

    def pair(self, seeker: str, offer: str) -> tuple[int, int]:
        """(request id, offer id) of an engine pair."""
        return self.request_of[seeker], self.offer_of[offer]


@dataclass(frozen=True)
class RoundProblem:
    """A round's problem as the engine's dataclasses, with the ids the adapter gave out."""

    problem: engine.Problem
    ids: IdMap


def language_skills(levels: dict[str, str]) -> tuple[engine.LanguageSkill, ...]:
    """Languages with their CEFR level, as the engine reads them (the higher level of a
    language named twice)."""
    found: dict[str, engine.LanguageSkill] = {}
    for name, text in levels.items():
        code, level = normalise_language(name).code, parse_level(text)
        if code is not None and (code not in found or found[code].level < level):
            found[code] = engine.LanguageSkill(code, level, name)
    return tuple(found.values())


def skill_values(rows: Iterable[PersonSkill | OfferSkill]) -> tuple[NormalisedValue, ...]:
    """Skills with the taxonomy id stored on each row: no taxonomy search in the round."""
    return tuple(
        resolved_skill(row.taxonomy_id, row.original_text.strip())
        for row in rows
        if row.original_text.strip()
    )


def _person_values(person: Person) -> dict[str, Any]:
    """The fields a seeker and an offer take from a person, as the engine's values."""
    values: dict[str, Any] = {
        "languages": language_skills(
            {lang.code: lang.level for lang in person.languages} or {"de": "A1"}
        ),
        "skills": skill_values(person.skills),
    }
    # No times given means no restriction (None); the engine's parser reads the same strings.
    if times := availability_strings(person.availability):
        values["availability"] = tuple(parse_interval(t) for t in times)
    if person.lat is not None and person.lon is not None:
        values["location"] = engine.Location(float(person.lat), float(person.lon))
    if person.max_km:
        values["max_km"] = float(person.max_km)
    if person.gender in GENDERS:
        values["gender"] = person.gender
    return values


def build_seeker(
    request: Request,
    today: date,
    district_of: dict[int, str],
    ids: IdMap,
    rejected: tuple[str, ...] = (),
) -> engine.Seeker:
    """A request as the engine's seeker (``seeker_dict`` as a dataclass); ``rejected`` are the
    engine ids of offers a coordinator rejected for the person."""
    person = request.person
    values = {**_person_values(person), **_request_facts(request, today, district_of)}
    return engine.Seeker(
        id=ids.seeker(request.id),
        wants=(KIND_OF_OFFER[request.kind],),
        minor=person.is_minor_on(today),
        age=_age(person, today),
        rejected=rejected,
        **values,
    )


def build_offer(
    offer: Offer, district_of: dict[int, str], ids: IdMap, rating: float | None = None
) -> engine.Offer:
    """An offer with open places as the engine's offer (``offer_dict`` as a dataclass)."""
    owner = offer.owner
    values = _person_values(owner)
    values["skills"] = skill_values(offer.skills)
    if offer.max_km:
        values["max_km"] = float(offer.max_km)
    if offer.lat is not None and offer.lon is not None:
        values["location"] = engine.Location(float(offer.lat), float(offer.lon))
    kind = KIND_OF_OFFER[offer.kind]
    if offer.min_german and kind == "job":
        values["min_language"] = language_skills({"de": offer.min_german})
    if owner.mentor_profile and owner.mentor_profile.conduct_certificate_valid_until:
        values["good_conduct_until"] = owner.mentor_profile.conduct_certificate_valid_until
    if offer.region_id is not None and offer.region_id in district_of:
        values["region"] = district_of[offer.region_id]
    if offer.organisation_id is not None:
        values["organisation"] = str(offer.organisation_id)
    if rating is not None:
        values["rating"] = round(rating, 2)
    return engine.Offer(
        id=ids.offer(offer.id),
        kind=kind,
        capacity=max(0, offer.capacity - offer.filled),
        **values,
    )


def build_problem(data: RoundInput) -> RoundProblem:
    """The engine's problem of a round, built directly from the loaded rows."""
    ids = IdMap()
    offers = tuple(
        build_offer(offer, data.district_of, ids, data.ratings.get(offer.owner_id))
        for offer in data.offers
    )
    rejected = rejected_offers(data)
    seekers = tuple(
        build_seeker(
            request,
            data.today,
            data.district_of,
            ids,
            tuple(ids.offer(o) for o in rejected.get(request.person_id, [])),
        )
        for request in data.requests
    )
    current = tuple(
        engine.CurrentPair(ids.seeker(request_id), ids.offer(offer_id), kind)
        for request_id, offer_id, kind in current_pairs(data)
    )
    settings = engine.Settings(reference_date=data.today)
    return RoundProblem(engine.Problem(seekers, offers, settings, None, current), ids)


def _reasons(reasons: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"key": r.key, "params": dict(r.params)} for r in reasons]


def solve_round(
    data: RoundInput, time_limit: float | None = 60.0, *, stable: bool = False
) -> RoundOutcome:
    """Solve one round and check the result against the engine's own rules.

    ``stable``: a matching without blocking pairs (``settings.stable``), at the price the stats
    state (``stats.stability``)."""
    problem, ids = (built := build_problem(data)).problem, built.ids
    if stable:
        problem = replace(problem, settings=replace(problem.settings, stable=True))
    result = solve(problem, SolveParams(time_limit=time_limit))
    proposals = [
        ProposedPair(
            *ids.pair(m.seeker, m.offer),
            score=float(m.score),
            components={k: float(v) for k, v in dict(m.components).items()},
            reasons=_reasons(m.reasons),
        )
        for m in result.matches
    ]
    unmatched = [
        LeftOver(ids.request_of[u.seeker], str(u.cause or u.reason)) for u in result.unmatched
    ]
    problems = [str(p) for p in check_validity(problem, result)]
    return RoundOutcome(
        status=str(result.status),
        proposals=proposals,
        unmatched=unmatched,
        unmet_by_cause=_plain(result.unmet_by_cause),
        stats=_plain(result.stats),
        problems=problems,
        objective=float(result.objective),
        blocking_pairs=int(result.stats["blocking_pairs"]),
        current=[ids.pair(p.seeker, p.offer) for p in problem.current],
        moved=[MovedPair(*ids.pair(m.seeker, m.offer), m.reason) for m in result.moved],
    )


def _plain(value: Any) -> Any:
    """JSON-safe copy (numpy numbers become floats)."""
    return json.loads(json.dumps(value, default=float))


def _compiled_pairs(data: RoundInput, requests: list[Request], offers: list[Offer]) -> Compiled:
    """The engine's compiled problem of these requests and offers. Every offer is given one
    open place so that only the rules decide; capacity is the database's business."""
    problem = build_problem(
        RoundInput(requests, offers, data.excluded, data.ratings, data.district_of, data.today)
    ).problem
    one_place = tuple(replace(offer, capacity=1) for offer in problem.offers)
    return compile_problem(replace(problem, offers=one_place))


def _verdict(compiled: Compiled, seeker: int, offer: int) -> PairVerdict:
    broken = exclusion_reason(compiled, seeker, offer)
    if broken is not None:
        return PairVerdict(broken, 0.0, {}, [])
    match = explain_match(compiled, seeker, offer)
    components = {k: float(v) for k, v in dict(match.components).items()}
    return PairVerdict(None, float(match.score), components, _reasons(match.reasons))


def pair_check(data: RoundInput, request: Request, offer: Offer) -> PairVerdict:
    """Whether one pair keeps every hard rule, and if so its score and reasons."""
    return _verdict(_compiled_pairs(data, [request], [offer]), 0, 0)


def valid_requests(data: RoundInput, requests: list[Request], offer: Offer) -> list[Scored]:
    """The requests that may be paired with ``offer`` under every hard rule, best first."""
    if not requests:
        return []
    compiled = _compiled_pairs(data, requests, [offer])
    verdicts = [(r, _verdict(compiled, i, 0)) for i, r in enumerate(requests)]
    return _best_first([Scored(r.id, v.score) for r, v in verdicts if v.broken_rule is None])


def valid_offers(data: RoundInput, request: Request, offers: list[Offer]) -> list[Scored]:
    """The offers that may be paired with ``request`` under every hard rule, best first."""
    if not offers:
        return []
    compiled = _compiled_pairs(data, [request], offers)
    verdicts = [(o, _verdict(compiled, 0, j)) for j, o in enumerate(offers)]
    return _best_first([Scored(o.id, v.score) for o, v in verdicts if v.broken_rule is None])


@dataclass(frozen=True)
class Scored:
    """A request or offer id and the value of its pair with the other side."""

    id: int
    score: float


def _best_first(found: list[Scored]) -> list[Scored]:
    return sorted(found, key=lambda s: (-s.score, s.id))


@dataclass(frozen=True)
class PairVerdict:
    broken_rule: str | None
    score: float
    components: dict[str, float]
    reasons: list[dict[str, Any]]


def audit_pairs(data: RoundInput, pairs: list[tuple[int, int]]) -> list[str]:
    """Check stored (request id, offer id) pairs with the engine's own ``check_validity``:
    every hard rule, one match per request and kind, no offer over its open places."""
    problem, ids = (built := build_problem(data)).problem, built.ids
    kinds = {s.id: s.wants[0] for s in problem.seekers}
    engine_pairs = [(ids.seeker(r), ids.offer(o)) for r, o in pairs]
    matches = tuple(Match(s, o, kinds.get(s, "mentor"), 0.0, {}, ()) for s, o in engine_pairs)
    result = Result("FEASIBLE", 0.0, None, None, "stored", matches, (), {}, (), (), {})
    return check_validity(problem, result)
