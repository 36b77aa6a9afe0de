"""Weekly availability as bitsets of half-hour slots.

A week has 336 half-hour slots, stored in ``WORDS`` 64-bit words so that the overlap of two
people is ``popcount(a & b)`` — cheap enough to test on millions of pairs with numpy.
Times are rounded inwards to the half hour (18:10–19:50 counts as 18:30–19:30), so an overlap is
never over-stated.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

SLOT_MINUTES = 30
SLOTS = 7 * 24 * 60 // SLOT_MINUTES
WORDS = (SLOTS + 63) // 64
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# German day abbreviations are accepted too, as the office staff type them.
_DAY_ALIASES = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}
_PATTERN = re.compile(r"^\s*([a-zA-Z]{2,3})\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Bits = npt.NDArray[np.uint64]


def _day_index(word: str) -> int:
    word = word.lower()
    if word in DAYS:
        return DAYS.index(word)
    if word in _DAY_ALIASES:
        return _DAY_ALIASES[word]
    raise ValueError(f"unknown day {word!r}; use one of {', '.join(DAYS)}")


@lru_cache(maxsize=1 << 14)
def parse_interval(text: str) -> tuple[int, int]:
    """Parse ``"mon 18:00-20:00"`` into a half-open range of slot numbers.

    Raises ``ValueError`` with a readable message for anything else. Cached: the same few
    hundred times recur across a whole problem.
    """
    match = _PATTERN.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a weekly time like 'mon 18:00-20:00'")
    day = _day_index(match.group(1))
    h1, m1, h2, m2 = (int(g) for g in match.groups()[1:])
    if (
        h1 > 24
        or h2 > 24
        or m1 > 59
        or m2 > 59
        or h1 * 60 + m1 >= h2 * 60 + m2
        or h2 * 60 + m2 > 1440
    ):
        raise ValueError(f"{text!r} is not a valid time range within one day")
    start = -(-(h1 * 60 + m1) // SLOT_MINUTES)  # round the start up …
    end = (h2 * 60 + m2) // SLOT_MINUTES  # … and the end down
    base = day * 24 * 60 // SLOT_MINUTES
    return base + start, base + max(start, end)


def to_bits(intervals: tuple[tuple[int, int], ...] | None) -> Bits:
    """The bitset of a list of slot ranges; ``None`` (no restriction) sets every slot."""
    slots = np.zeros(WORDS * 64, dtype=bool)
    if intervals is None:
        slots[:SLOTS] = True
    else:
        for start, end in intervals:
            slots[start:end] = True
    packed = np.packbits(slots, bitorder="little")
    return packed.view(np.uint64).copy()


def overlap_hours(a: Bits, b: Bits) -> npt.NDArray[np.float64]:
    """Hours per week two bitsets share; broadcasts over leading axes, words on the last."""
    common = np.bitwise_count(np.bitwise_and(a, b)).sum(axis=-1, dtype=np.int64)
    return np.asarray(common * (SLOT_MINUTES / 60.0), dtype=np.float64)
