"""Hard rules as named, vectorised predicates.

Each rule takes the compiled problem and two broadcastable index arrays (seekers ``si``, offers
``oi``) and returns where the pair is *allowed*; the rule's name is the reason key reported when
it is not. The same functions serve candidate generation on millions of pairs and the
explanation of a single pair (:func:`exclusion_reason`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.compiled import F64, I64, Bool, Compiled
from matching.problem import CONTACT_KINDS, KINDS, WORK_KINDS

Index = npt.NDArray[Any]


def load_hours(c: Compiled, si: Index, oi: Index) -> F64:
    """Weekly hours a pair needs: the larger of the seeker's need and the offer's session."""
    return np.maximum(c.seekers.hours[si], c.offers.session_hours[oi])


def kind_wanted(c: Compiled, si: Index, oi: Index) -> Bool:
    """The seeker asks for this kind of offer."""
    bit = np.left_shift(np.uint8(1), c.offers.kind[oi].astype(np.uint8))
    return np.asarray((c.seekers.wants[si] & bit) != 0, dtype=bool)


def dot(c: Compiled, si: Index, oi: Index) -> F64:
    """cos of the angle between the two locations (0 when either has none)."""
    return np.asarray(
        np.einsum("...k,...k->...", c.seekers.people.xyz[si], c.offers.people.xyz[oi]),
        dtype=np.float64,
    )


def within_reach(c: Compiled, si: Index, oi: Index, cos: F64 | None = None) -> Bool:
    """Both are within each other's travel radius (great-circle distance).

    The one definition of reach, used by candidate generation, diagnosis and explanations: a
    person without a location is within reach only when neither side has a travel limit — a
    finite radius, however large, needs two points to measure.
    """
    cos = dot(c, si, oi) if cos is None else cos
    s, o = c.seekers.people, c.offers.people
    near = (cos >= s.cos_radius[si]) & (cos >= o.cos_radius[oi])
    located = s.has_location[si] & o.has_location[oi]
    unlimited = np.isinf(s.radius[si]) & np.isinf(o.radius[oi])
    return np.asarray((near & located) | unlimited, dtype=bool)


def inside_residence_region(c: Compiled, si: Index, oi: Index) -> Bool:
    """A seeker under a residence obligation (Wohnsitzauflage) only meets offers in its region."""
    region = c.seekers.people.region[si]
    return np.asarray((region == 0) | (region == c.offers.people.region[oi]), dtype=bool)


def shared_language(c: Compiled, si: Index, oi: Index) -> Bool:
    """They share a language at the offer's minimum level (for jobs: the seeker's German)."""
    return np.asarray(c.tables.language(si, oi) > 0, dtype=bool)


def common_time(c: Compiled, si: Index, oi: Index) -> Bool:
    """Their weekly availability overlaps by at least the hours the pair needs."""
    free = c.seekers.people.unrestricted[si] & c.offers.people.unrestricted[oi]
    hours = c.tables.hours(si, oi)
    return np.asarray(free | (hours >= load_hours(c, si, oi) - 1e-9), dtype=bool)


def right_to_work(c: Compiled, si: Index, oi: Index) -> Bool:
    """A job only goes to a seeker whose right-to-work status allows it."""
    return np.asarray((c.offers.kind[oi] != KINDS.index("job")) | c.seekers.work_ok[si], dtype=bool)


_WORK = np.array([k in WORK_KINDS for k in KINDS])


def working_age(c: Compiled, si: Index, oi: Index) -> Bool:
    """A job only goes to a seeker aged 15 or more (JArbSchG §§ 2, 5); an unknown age passes."""
    return np.asarray(~_WORK[c.offers.kind[oi]] | c.seekers.working_age[si], dtype=bool)


_CONTACT = np.array([k in CONTACT_KINDS for k in KINDS])


def good_conduct(c: Compiled, si: Index, oi: Index) -> Bool:
    """A minor only meets a mentor or volunteer with a valid certificate of good conduct."""
    contact = _CONTACT[c.offers.kind[oi]]
    return np.asarray(~(c.seekers.minor[si] & contact) | c.offers.certificate_ok[oi], dtype=bool)


def mentor_gender(c: Compiled, si: Index, oi: Index) -> Bool:
    """A seeker's wish for a mentor of a given gender is honoured."""
    wish = c.seekers.mentor_gender[si]
    mentor = c.offers.kind[oi] == KINDS.index("mentor")
    return np.asarray((wish == 0) | ~mentor | (wish == c.offers.people.gender[oi]), dtype=bool)


def not_rejected(c: Compiled, si: Index, oi: Index) -> Bool:
    """A pair a coordinator rejected earlier is not proposed again."""
    if c.rejected.size == 0:
        return np.ones(np.broadcast_shapes(np.shape(si), np.shape(oi)), dtype=bool)
    keys: I64 = np.asarray(si, dtype=np.int64) * c.n_offers + np.asarray(oi, dtype=np.int64)
    pos = np.searchsorted(c.rejected, keys).clip(max=c.rejected.size - 1)
    return np.asarray(c.rejected[pos] != keys, dtype=bool)


Check = Callable[[Compiled, Index, Index], Bool]


@dataclass(frozen=True)
class Rule:
    """A hard rule: the reason key reported when it fails, and its vectorised check."""

    reason: str
    check: Check


#: Every hard rule, in the order used to explain why a request has no candidate: the first rule
#: that leaves no offer standing is the cause.
RULES: tuple[Rule, ...] = (
    Rule("kind_not_wanted", kind_wanted),
    Rule("too_far", within_reach),
    Rule("outside_residence_region", inside_residence_region),
    Rule("no_shared_language", shared_language),
    # Before the right to work: for a child the age is the reason, whatever its status says.
    Rule("under_working_age", working_age),
    Rule("no_right_to_work", right_to_work),
    Rule("no_good_conduct_certificate", good_conduct),
    Rule("mentor_gender_mismatch", mentor_gender),
    Rule("no_common_time", common_time),
    Rule("rejected_before", not_rejected),
)
#: Rules tested after the cheap distance and language filters, on the surviving pairs only.
LATE_RULES: tuple[Rule, ...] = RULES[2:3] + RULES[4:]


def exclusion_reason(c: Compiled, seeker: int, offer: int) -> str | None:
    """The first hard rule the pair breaks, or ``None`` when it is a candidate."""
    si, oi = np.array([seeker]), np.array([offer])
    for rule in RULES:
        if not bool(rule.check(c, si, oi)[0]):
            return rule.reason
    return None
