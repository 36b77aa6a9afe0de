"""The result of a solve: status, objective, matches with breakdowns, unmet requests, advice."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Solver statuses reported to the caller.
OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN = "OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"


@dataclass(frozen=True)
class Reason:
    """A translatable message key with its parameters, e.g. ``distance_km{km=4.2}``."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """A proposed pair: its score in points, the points per component, and the reasons."""

    seeker: str
    offer: str
    kind: str
    score: float
    components: dict[str, float]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Unmatched:
    """A request (seeker × kind) that got nothing, and why.

    ``reason`` is ``no_candidate`` (no offer passes the hard rules; ``cause`` names the rule that
    removed the last ones) or ``lost_to_better_pair`` (it had candidates, but they went elsewhere).
    """

    seeker: str
    kind: str
    reason: str
    cause: str | None
    candidates: int


@dataclass(frozen=True)
class Moved:
    """A ``current`` pair (from an earlier round) that the answer does not keep, and why.

    ``reason``: ``seeker_gone``, ``offer_gone``, ``kind_not_wanted``, a hard rule's name (the
    pair no longer keeps it), ``capacity_lowered`` (the offer has fewer places than current
    pairs), ``no_pair_given`` (pairs mode) or ``better_total`` (keeping it would lower the
    best total).
    """

    seeker: str
    offer: str
    kind: str
    reason: str


@dataclass(frozen=True)
class OfferValue:
    """What one more unit of capacity at an offer would add to the optimum, in points."""

    offer: str
    kind: str
    value: float


@dataclass(frozen=True)
class GroupAdvice:
    """ "One more <kind> speaking <language> in <town> would add up to <value> points" …

    ``value`` is the best marginal value of one more place among the group's offers (exact for
    the flow model), ``unmet`` the requests of that kind and language near the town left without
    a match, ``offers`` how many offers form the group.
    """

    kind: str
    language: str
    town: str
    value: float
    unmet: int
    offers: int


@dataclass(frozen=True)
class Result:
    """Everything :func:`matching.solve` returns; ``to_dict`` gives the JSON form."""

    status: str
    objective: float
    bound: float | None
    gap: float | None
    solver: str
    matches: tuple[Match, ...]
    unmatched: tuple[Unmatched, ...]
    unmet_by_cause: dict[str, dict[str, int]]
    capacity_value: tuple[OfferValue, ...]
    capacity_advice: tuple[GroupAdvice, ...]
    stats: dict[str, Any]
    moved: tuple[Moved, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data (reasons as {key, params})."""
        return asdict(self)
