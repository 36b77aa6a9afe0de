"""The immutable problem: seekers, offers, settings and optional explicit pairs.

Build one from JSON-like dicts with :func:`matching.parse.parse_problem`, which collects every
error with its place in the file instead of stopping at the first, and which maps skill texts
onto the taxonomy (:func:`matching.taxonomy.normalise_skill`, a fuzzy search).

An application that keeps its data in typed form may build the dataclasses itself, as PyVRP's
model builds its data: then it vouches for what the parser would check (ids unique, levels,
coordinates and weekly times in range, one current pair per seeker and kind). Skills whose
taxonomy id the application stored when they were saved go in as
:func:`matching.taxonomy.resolved_skill` values, so no round searches the taxonomy again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from matching.levels import Level
from matching.taxonomy.skills import NormalisedValue

#: Kinds of offer, and of help a seeker can want.
KINDS: tuple[str, ...] = ("mentor", "volunteer", "job", "advice")
#: Right-to-work statuses (German residence law in plain words).
WORK_STATUSES: tuple[str, ...] = ("allowed", "permission_required", "not_allowed", "unknown")
GENDERS: tuple[str, ...] = ("female", "male", "diverse")
#: Offer kinds with personal contact: a minor may only meet a person with a valid certificate of
#: good conduct (erweitertes Führungszeugnis, § 72a SGB VIII).
CONTACT_KINDS: frozenset[str] = frozenset({"mentor", "volunteer"})
#: Offer kinds that employ the seeker. The web application sends apprenticeships and internships
#: as ``job`` too, so this rule covers them.
WORK_KINDS: frozenset[str] = frozenset({"job"})
#: Children under 15 may not be employed (Jugendarbeitsschutzgesetz §§ 2, 5).
MIN_WORKING_AGE = 15
#: Under this age a seeker counts as a minor, whatever ``minor`` says.
ADULT_AGE = 18


@dataclass(frozen=True)
class Location:
    """A point; ``postcode`` and ``town`` are kept when the point was looked up from them.

    ``town_assumed`` is true when only a postcode shared by several towns was given and the
    town was chosen by the written rule (:func:`matching.geo.town_for_postcode`); explanations
    then say so (``postcode_town_assumed``).
    """

    lat: float
    lon: float
    postcode: str | None = None
    town: str | None = None
    town_assumed: bool = False


@dataclass(frozen=True)
class LanguageSkill:
    """A language (ISO 639 code) at a CEFR level, with the words the user wrote."""

    code: str
    level: Level
    original: str


@dataclass(frozen=True)
class Seeker:
    """A person who asks for help: a refugee wanting a mentor, a job, advice …

    ``age`` is in whole years on the reference date (``None``: unknown). A known age below
    :data:`MIN_WORKING_AGE` keeps the seeker from jobs; below :data:`ADULT_AGE` it makes the
    seeker a minor even when ``minor`` is false (see :attr:`is_minor`).
    """

    id: str
    wants: tuple[str, ...] = KINDS
    skills: tuple[NormalisedValue, ...] = ()
    languages: tuple[LanguageSkill, ...] = ()
    location: Location | None = None
    max_km: float = math.inf
    availability: tuple[tuple[int, int], ...] | None = None
    hours: float = 1.0
    minor: bool = False
    age: int | None = None
    gender: str | None = None
    mentor_gender: str | None = None
    work_status: str = "unknown"
    region: str | None = None
    waiting_days: int = 0
    cohort: str | None = None
    rejected: tuple[str, ...] = ()

    @property
    def is_minor(self) -> bool:
        """Flagged as a minor, or known to be under 18: either protects (good-conduct rule)."""
        return self.minor or (self.age is not None and self.age < ADULT_AGE)

    @property
    def of_working_age(self) -> bool:
        """Old enough to be employed, or of unknown age (an unknown age does not exclude)."""
        return self.age is None or self.age >= MIN_WORKING_AGE


@dataclass(frozen=True)
class Offer:
    """A place to be matched: a mentor's tandem, a volunteer's help, a job, a consultation.

    ``session_hours`` is what one match needs each week, ``hours`` the weekly budget the offer
    gives in total (``None``: no budget beyond ``capacity``). A pair's load is the larger of
    ``session_hours`` and the seeker's ``hours``; the two must share that much weekly time.
    """

    id: str
    kind: str = "mentor"
    skills: tuple[NormalisedValue, ...] = ()
    languages: tuple[LanguageSkill, ...] = ()
    min_language: tuple[LanguageSkill, ...] = ()
    location: Location | None = None
    max_km: float = math.inf
    availability: tuple[tuple[int, int], ...] | None = None
    capacity: int = 1
    session_hours: float = 1.0
    hours: float | None = None
    good_conduct_until: date | None = None
    gender: str | None = None
    region: str | None = None
    organisation: str | None = None
    rating: float | None = None


@dataclass(frozen=True)
class Weights:
    """Points each score component is worth at its best (components are in [0, 1])."""

    skill: float = 30.0
    language: float = 25.0
    distance: float = 20.0
    availability: float = 10.0
    waiting: float = 10.0
    rating: float = 5.0
    # Every candidate pair is worth this much on top, so that one more match beats a slightly
    # better distribution of fewer matches.
    base: float = 10.0

    @property
    def maximum(self) -> float:
        """The most points a pair can earn: every component at its best, plus the base."""
        return (
            self.skill
            + self.language
            + self.distance
            + self.availability
            + self.waiting
            + self.rating
            + self.base
        )


@dataclass(frozen=True)
class Quota:
    """At most ``max`` matches for offers whose ``field`` (region/organisation) is ``value``."""

    field: str
    value: str
    max: int
    kind: str | None = None


@dataclass(frozen=True)
class LongestWaiting:
    """At least ``min_share`` of all matches go to seekers who waited ``days`` or longer."""

    min_share: float
    days: int


def _default_min_level() -> dict[str, Level]:
    # B1 lets a tandem talk about everyday matters; jobs are judged on German alone (A2 is the
    # usual floor for helper jobs), see candidates.language_ok.
    return {"mentor": Level.B1, "volunteer": Level.B1, "advice": Level.B1, "job": Level.A2}


@dataclass(frozen=True)
class Settings:
    """Weights, minimum levels, side constraints and limits; every field has a default."""

    weights: Weights = field(default_factory=Weights)
    min_level: dict[str, Level] = field(default_factory=_default_min_level)
    distance_scale_km: float = 50.0
    work_statuses: tuple[str, ...] = ("allowed", "permission_required")
    quotas: tuple[Quota, ...] = ()
    longest_waiting: LongestWaiting | None = None
    time_limit: float = 60.0
    reference_date: date = field(default_factory=date.today)
    #: Return a matching without blocking pairs (see :mod:`matching.stability`).
    stable: bool = False

    @property
    def has_side_constraints(self) -> bool:
        """Whether only CP-SAT can honour these settings (quotas or a waiting share)."""
        return bool(self.quotas) or self.longest_waiting is not None


@dataclass(frozen=True)
class Pair:
    """An explicit candidate pair with its own score (the ``pairs`` mode)."""

    seeker: str
    offer: str
    score: float
    load: float = 1.0


@dataclass(frozen=True)
class CurrentPair:
    """A pair proposed or agreed in an earlier round, which the solver keeps when it can."""

    seeker: str
    offer: str
    kind: str


@dataclass(frozen=True)
class Problem:
    """Everything :func:`matching.solve` needs; never mutated."""

    seekers: tuple[Seeker, ...]
    offers: tuple[Offer, ...]
    settings: Settings = field(default_factory=Settings)
    pairs: tuple[Pair, ...] | None = None
    current: tuple[CurrentPair, ...] = ()

    def in_id_order(self) -> Problem:
        """The same problem with seekers, offers and pairs sorted by id.

        The solvers break ties by the order of their rows; solving this form makes the answer
        depend on the ids alone, never on the order the rows were loaded in.
        """
        pairs = None
        if self.pairs is not None:
            pairs = tuple(sorted(self.pairs, key=lambda p: (p.seeker, p.offer)))
        return replace(
            self,
            seekers=tuple(sorted(self.seekers, key=lambda s: s.id)),
            offers=tuple(sorted(self.offers, key=lambda o: o.id)),
            pairs=pairs,
            current=tuple(sorted(self.current, key=lambda p: (p.seeker, p.kind, p.offer))),
        )

    @cached_property
    def side_constraints(self) -> tuple[str, ...]:
        """The side constraints in this problem that min-cost flow cannot express, by name.

        Kept once found (a problem never changes): a solve asks more than once, and each answer
        looks at every seeker and offer."""
        present = {
            "hour budgets": any(o.hours is not None for o in self.offers),
            "quotas": bool(self.settings.quotas),
            "a waiting-time share": self.settings.longest_waiting is not None,
            "cohorts": any(s.cohort is not None for s in self.seekers),
        }
        return tuple(name for name, here in present.items() if here)

    @property
    def needs_cpsat(self) -> bool:
        """Side constraints that min-cost flow cannot express: hour budgets, quotas, cohorts."""
        return bool(self.side_constraints)
