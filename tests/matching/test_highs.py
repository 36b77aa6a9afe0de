"""The independent HiGHS checker: its second stage over the optimal face answers as the plain one.

The face (pairs with zero reduced cost, rows with a positive dual tight) is what lets the churn
benchmark check 10k instances; here it is held against "most kept subject to total ≥ best" over
every pair, on random graphs with many ties (scores from a handful of values).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.highs import best_total, best_total_arrays, most_kept


@st.composite
def graph(
    draw: st.DrawFn,
) -> tuple[list[tuple[object, object, int]], dict[object, int], list[bool]]:
    n_requests, n_offers = draw(st.integers(1, 8)), draw(st.integers(1, 5))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_requests - 1), st.integers(0, n_offers - 1)),
            min_size=1,
            max_size=25,
            unique=True,
        )
    )
    scores = draw(st.lists(st.sampled_from([0, 100, 200, 300, 500]), min_size=len(pairs),
                           max_size=len(pairs)))  # fmt: skip
    keep = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    capacity = {o: draw(st.integers(1, 3)) for o in range(n_offers)}
    arcs = [(r, o, w) for (r, o), w in zip(pairs, scores, strict=True)]
    return arcs, capacity, keep


@settings(max_examples=150, deadline=None)
@given(graph())
def test_the_face_keeps_as_many_as_the_plain_second_stage(
    case: tuple[list[tuple[object, object, int]], dict[object, int], list[bool]],
) -> None:
    arcs, capacity, flags = case
    keep = np.array(flags, dtype=bool)
    stage1 = best_total(arcs, capacity)
    assert stage1.exact_face
    assert most_kept(stage1, keep) == most_kept(stage1, keep, use_face=False)


def test_the_best_total_is_the_assignment_optimum() -> None:
    # Two requests, one offer with one place: the better pair wins; a second place takes both.
    arcs = [("a", "o", 300), ("b", "o", 200)]
    assert best_total(arcs, {"o": 1}).best == 300
    assert best_total(arcs, {"o": 2}).best == 500
    assert most_kept(best_total(arcs, {"o": 1}), np.array([False, True])) == 0


@settings(max_examples=100, deadline=None)
@given(graph(), st.integers(1, 3))
def test_column_generation_finds_the_same_total_and_face(
    case: tuple[list[tuple[object, object, int]], dict[object, int], list[bool]], start: int
) -> None:
    # Starting from only the best `start` pairs of each request, the pairs the duals price in are
    # added until none is left: the total and the face are those of the solve over every pair.
    arcs, capacity, flags = case
    request = np.array([r for r, _, _ in arcs], dtype=np.int64)
    offer = np.array([o for _, o, _ in arcs], dtype=np.int64)
    score = np.array([w for *_, w in arcs], dtype=np.int64)
    places = np.array([capacity[o] for o in range(max(capacity) + 1)], dtype=np.int64)
    whole = best_total_arrays(request, offer, score, places)
    grown = best_total_arrays(request, offer, score, places, start_per_request=start)
    assert grown.best == whole.best
    assert grown.exact_face
    keep = np.array(flags, dtype=bool)
    assert most_kept(grown, keep) == most_kept(whole, keep, use_face=False)
