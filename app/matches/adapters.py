"""The one bridge between the web application and the pure ``matching`` library."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from matching import SolveParams, Weights, check_validity, parse_problem, solve
from matching.availability import DAYS
from matching.compiled import Compiled, compile_problem
from matching.explain import explain_match
from matching.parse import MAX_AGE
from matching.result import Match, Result
from matching.rules import exclusion_reason

if TYPE_CHECKING:
    from app.offers.models import Offer, Request
    from app.profiles.models import AvailabilitySlot, Person

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


def seeker_dict(request: Request, today: date, district_of: dict[int, str]) -> dict[str, Any]:
    """A request as a ``matching`` seeker; its id is ``r<request id>``."""
    person = request.person
    profile = person.refugee_profile
    seeker: dict[str, Any] = {
        "id": f"r{request.id}",
        "wants": [KIND_OF_OFFER[request.kind]],
        **_person_fields(person),
        "minor": person.is_minor_on(today),
        # On the round's day: under 15 the engine proposes no job, apprenticeship or internship
        # (JArbSchG §§ 2, 5), even when the right to work was recorded as allowed by mistake.
        "age": _age(person, today),
        "waiting_days": max(0, (today - request.created_at.date()).days),
    }
    wish = request.wished_mentor_gender or (profile.preferred_mentor_gender if profile else None)
    if wish in ("female", "male"):
        seeker["mentor_gender"] = wish
    if profile is not None:
        seeker["work_status"] = WORK_STATUS.get(profile.right_to_work, profile.right_to_work)
        obligation = profile.residence_obligation_region_id
        if obligation is not None and obligation in district_of:
            seeker["region"] = district_of[obligation]
        if profile.waiting_since is not None:
            seeker["waiting_days"] = max(0, (today - profile.waiting_since).days)
    return seeker


def offer_dict(
    offer: Offer, district_of: dict[int, str], rating: float | None = None
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
        "id": f"o{offer.id}",
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


def rejected_offers(data: RoundInput) -> dict[int, list[str]]:
    """Per person, the engine ids of the round's offers a coordinator rejected for them.

    Built from the exclusions (few) rather than by testing every request against every offer,
    which at 5,000 × 5,000 took half a minute.
    """
    in_round = {offer.id for offer in data.offers}
    found: dict[int, list[str]] = {}
    for person_id, offer_id in sorted(data.excluded):
        if offer_id in in_round:
            found.setdefault(person_id, []).append(f"o{offer_id}")
    return found


def problem_dict(data: RoundInput) -> dict[str, Any]:
    """The ``matching`` problem of a round, as the JSON-ready dict the library parses."""
    rejected = rejected_offers(data)
    seekers = []
    for request in data.requests:
        seeker = seeker_dict(request, data.today, data.district_of)
        seeker["rejected"] = rejected.get(request.person_id, [])
        seekers.append(seeker)
    offers = [
        offer_dict(offer, data.district_of, data.ratings.get(offer.owner_id))
        for offer in data.offers
    ]
    return {
        "seekers": seekers,
        "offers": offers,
        "settings": {"reference_date": data.today.isoformat()},
        "current": current_pairs(data),
    }


def current_pairs(data: RoundInput) -> list[dict[str, str]]:
    """The earlier proposals as the engine's ``current`` pairs (of the request's own kind)."""
    kind_of_request = {r.id: KIND_OF_OFFER[r.kind] for r in data.requests}
    kind_of_offer = {o.id: KIND_OF_OFFER[o.kind] for o in data.offers}
    pairs: dict[int, dict[str, str]] = {}
    for request_id, offer_id in sorted(set(data.current)):
        kind = kind_of_request.get(request_id)
        # One per request (the engine refuses two of one kind); the lowest offer id if ever more.
        if kind is not None and kind_of_offer.get(offer_id, kind) == kind:
            pairs.setdefault(
                request_id, {"seeker": f"r{request_id}", "offer": f"o{offer_id}", "kind": kind}
            )
    return list(pairs.values())


def _reasons(reasons: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"key": r.key, "params": dict(r.params)} for r in reasons]


def solve_round(
    data: RoundInput, time_limit: float | None = 60.0, *, stable: bool = False
) -> RoundOutcome:
    """Solve one round and check the result against the engine's own rules.

    ``stable``: a matching without blocking pairs (``settings.stable``), at the price the stats
    state (``stats.stability``)."""
    problem = parse_problem(problem_dict(data))
    if stable:
        problem = replace(problem, settings=replace(problem.settings, stable=True))
    result = solve(problem, SolveParams(time_limit=time_limit))
    proposals = [
        ProposedPair(
            request_id=int(m.seeker[1:]),
            offer_id=int(m.offer[1:]),
            score=float(m.score),
            components={k: float(v) for k, v in dict(m.components).items()},
            reasons=_reasons(m.reasons),
        )
        for m in result.matches
    ]
    unmatched = [LeftOver(int(u.seeker[1:]), str(u.cause or u.reason)) for u in result.unmatched]
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
        current=[(int(p.seeker[1:]), int(p.offer[1:])) for p in problem.current],
        moved=[MovedPair(int(m.seeker[1:]), int(m.offer[1:]), m.reason) for m in result.moved],
    )


def _plain(value: Any) -> Any:
    """JSON-safe copy (numpy numbers become floats)."""
    return json.loads(json.dumps(value, default=float))


def _compiled_pairs(data: RoundInput, requests: list[Request], offers: list[Offer]) -> Compiled:
    """The engine's compiled problem of these requests and offers. Every offer is given one
    open place so that only the rules decide; capacity is the database's business."""
    problem_data = problem_dict(
        RoundInput(requests, offers, data.excluded, data.ratings, data.district_of, data.today)
    )
    for offer in problem_data["offers"]:
        offer["capacity"] = 1
    return compile_problem(parse_problem(problem_data))


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
    problem = parse_problem(problem_dict(data))
    kinds = {s.id: s.wants[0] for s in problem.seekers}
    matches = tuple(
        Match(f"r{r}", f"o{o}", kinds.get(f"r{r}", "mentor"), 0.0, {}, ()) for r, o in pairs
    )
    result = Result("FEASIBLE", 0.0, None, None, "stored", matches, (), {}, (), (), {})
    return check_validity(problem, result)
