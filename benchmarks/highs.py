"""An independent check of the engine's optimum and of how many current pairs it keeps: HiGHS.

Shares no code with the engine (only numpy and scipy): it is given the candidate pairs as plain
data — (request, offer, score in hundredths) — the offers' capacities and which pairs are current,
and answers in two stages, as the definition reads:

1. **the best total**: the assignment LP (each request at most one pair, each offer at most its
   capacity). Its constraint matrix is totally unimodular, so the LP optimum is the integer
   optimum; HiGHS's dual simplex also gives the dual prices u (requests) and v (offers).
2. **the most current pairs kept at that total**, over the *optimal face* only. By complementary
   slackness, an assignment is optimal exactly when it uses only pairs with zero reduced cost
   (u + v = score), matches every request with u > 0 and fills every offer with v > 0. That face is
   again an assignment polytope (integral), far smaller than the whole graph: at 10k it holds about
   the matched pairs and their ties, so HiGHS finishes in seconds where "most kept subject to
   total ≥ best" over every pair ran for minutes.

The duals are rounded to whole hundredths and checked (feasible, and their total equals the best
total: strong duality) before the face is trusted; if the check fails, stage 2 falls back to the
plain formulation over every pair with total ≥ best.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

Arc = tuple[Hashable, Hashable, int]  # request (seeker, kind), offer, score in hundredths


@dataclass(frozen=True)
class Stage1:
    """The best total, and the optimal face: which pairs it may use and which rows must be tight."""

    best: int
    arcs: int
    on_face: npt.NDArray[np.bool_]
    tight: npt.NDArray[np.bool_]  # per row: requests with u > 0, offers with v > 0
    exact_face: bool
    matrix: csr_matrix
    upper: npt.NDArray[np.float64]
    score: npt.NDArray[np.float64]


def _matrix(
    request: npt.NDArray[np.int64], offer: npt.NDArray[np.int64], n_requests: int, n_offers: int
) -> csr_matrix:
    """Rows: requests 0…R−1, then offers; column a has a 1 in its request's and its offer's row."""
    n = request.size
    rows = np.stack([request, n_requests + offer], axis=1).ravel()
    cols = np.repeat(np.arange(n), 2)
    return csr_matrix((np.ones(2 * n), (rows, cols)), shape=(n_requests + n_offers, n))


def best_total(arcs: Sequence[Arc], capacity: dict[Hashable, int]) -> Stage1:
    """Stage 1 for pairs given as (request, offer, score in hundredths) and offer capacities."""
    requests: dict[Hashable, int] = {}
    offers: dict[Hashable, int] = {}
    request = np.array([requests.setdefault(r, len(requests)) for r, _, _ in arcs], dtype=np.int64)
    offer = np.array([offers.setdefault(o, len(offers)) for _, o, _ in arcs], dtype=np.int64)
    score = np.array([w for *_, w in arcs], dtype=np.int64)
    places = np.array([capacity[o] for o in offers], dtype=np.int64)
    return best_total_arrays(request, offer, score, places)


def best_total_arrays(
    request: npt.NDArray[np.int64],
    offer: npt.NDArray[np.int64],
    score: npt.NDArray[np.int64],
    capacity: npt.NDArray[np.int64],
    *,
    start_per_request: int | None = None,
) -> Stage1:
    """Stage 1: the best total (in hundredths) and the optimal face, for pairs as arrays
    (``request[a]``, ``offer[a]`` numbered from 0, ``capacity[offer]``).

    With ``start_per_request`` set, HiGHS first solves over only that many best-scored pairs of
    each request and then adds every pair the duals price positive (column generation), until the
    duals are feasible for all pairs: then the restricted optimum is the optimum over all of them
    (weak duality), and the face is read from those duals over every pair. This is what lets the
    100k instance (16.5 M pairs) be checked; ``None`` solves over every pair at once.
    """
    n_requests = int(request.max()) + 1 if request.size else 0
    matrix = _matrix(request, offer, n_requests, capacity.size)
    upper = np.concatenate([np.ones(n_requests), capacity.astype(np.float64)])
    weight = score.astype(np.float64)
    if request.size == 0:
        empty = np.zeros(0, dtype=bool)
        return Stage1(0, 0, empty, empty, True, matrix, upper, weight)
    if start_per_request is None:
        lp = linprog(-weight, A_ub=matrix, b_ub=upper, bounds=(0, None), method="highs-ds")
        if lp.status != 0:
            raise RuntimeError(f"HiGHS: {lp.message}")
        best_value, marginals = -lp.fun, lp.ineqlin.marginals
    else:
        start = _best_per_request(request, score, start_per_request)
        best_value, marginals = _priced_in(matrix, weight, upper, start)
    # Duals of the maximisation, in whole hundredths (a vertex of a TU dual is integral).
    dual = np.rint(-marginals)
    reduced = matrix.T @ dual - weight
    best = round(best_value)
    exact = bool((dual >= 0).all() and (reduced >= -1e-6).all() and round(dual @ upper) == best)
    on_face = reduced < 0.5 if exact else np.ones(request.size, dtype=bool)
    return Stage1(best, int(request.size), on_face, dual > 0, exact, matrix, upper, weight)


def _priced_in(
    matrix: csr_matrix,
    weight: npt.NDArray[np.float64],
    upper: npt.NDArray[np.float64],
    start: npt.NDArray[np.int64],
) -> tuple[float, npt.NDArray[np.float64]]:
    """Column generation with HiGHS's own interface: solve over ``start``, add every pair whose
    reduced cost the duals price positive, and solve again from the last basis (warm start),
    until none is left. Returns the total and the row duals (of the minimisation, as linprog
    gives them). Each round adds few columns, so from the last basis it takes seconds where a
    fresh solve of the whole restricted problem took most of a minute at 30k."""
    by_column = matrix.tocsc()
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("solver", "simplex")
    n_rows = upper.size
    highs.addRows(n_rows, np.full(n_rows, -highspy.kHighsInf), upper, 0, [], [], [])
    inside = np.zeros(weight.size, dtype=bool)
    columns = start
    while True:
        block = by_column[:, columns]
        highs.addCols(
            columns.size,
            -weight[columns],
            np.zeros(columns.size),
            np.full(columns.size, highspy.kHighsInf),
            block.nnz,
            block.indptr[:-1].astype(np.int32),
            block.indices.astype(np.int32),
            block.data,
        )
        inside[columns] = True
        if highs.run() != highspy.HighsStatus.kOk:
            raise RuntimeError("HiGHS failed")
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS: {highs.modelStatusToString(highs.getModelStatus())}")
        row_dual = np.asarray(highs.getSolution().row_dual)
        reduced = matrix.T @ np.rint(-row_dual) - weight
        columns = np.flatnonzero((reduced < -0.5) & ~inside)
        if columns.size == 0:
            return -highs.getInfo().objective_function_value, row_dual


def _best_per_request(
    request: npt.NDArray[np.int64], score: npt.NDArray[np.int64], k: int
) -> npt.NDArray[np.int64]:
    """Indices of the ``k`` best-scored pairs of every request (ties by index), in index order."""
    order = np.lexsort((-score, request))
    grouped = request[order]
    first = np.searchsorted(grouped, grouped, side="left")
    rank = np.arange(order.size) - first
    return np.sort(order[rank < k])


def most_kept(stage1: Stage1, keep: npt.NDArray[np.bool_], *, use_face: bool = True) -> int:
    """Stage 2: the most pairs flagged ``keep`` that an assignment with the best total uses.

    ``use_face=False`` solves the plain formulation over every pair (total ≥ best), for tests.
    """
    if stage1.arcs == 0 or not keep.any():
        return 0
    if stage1.exact_face and use_face:
        face = np.flatnonzero(stage1.on_face)
        sub = stage1.matrix[:, face]
        lower = np.where(stage1.tight, stage1.upper, -np.inf)
        constraints = [LinearConstraint(sub, lower, stage1.upper)]
        weight = keep[face].astype(np.float64)
    else:
        # The face could not be trusted: every pair, and the total as a constraint.
        sub, weight = stage1.matrix, keep.astype(np.float64)
        at_best = LinearConstraint(stage1.score[None, :], stage1.best - 0.5, np.inf)
        constraints = [LinearConstraint(sub, -np.inf, stage1.upper), at_best]
    n = weight.size
    found = milp(
        -weight,
        constraints=constraints,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0},
    )
    if found.status != 0:
        raise RuntimeError(f"HiGHS: {found.message}")
    return round(-found.fun)


def two_stage(
    arcs: Sequence[Arc], capacity: dict[Hashable, int], keep: npt.NDArray[np.bool_]
) -> tuple[int, int]:
    """(best total in hundredths, most ``keep`` pairs at that total)."""
    stage1 = best_total(arcs, capacity)
    return stage1.best, most_kept(stage1, keep)
