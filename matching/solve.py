"""``solve(problem, params) -> Result``: candidates, optimal assignment, explanations, advice."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matching.candidates import generate, request_nodes
from matching.capacity import group_advice, offer_values, unmet_by_cause
from matching.compiled import Bool, Compiled, compile_problem
from matching.diagnosis import diagnose
from matching.explain import assumed_towns, explain_given, explain_pairs
from matching.instance import Instance, from_candidates, from_pairs
from matching.keep import (
    Wanted,
    current_mask,
    keep_scale,
    moved_pairs,
    scaled,
    unscaled,
    wanted,
    with_current,
)
from matching.pricing import solve_priced
from matching.problem import KINDS, Problem
from matching.result import FEASIBLE, OPTIMAL, Match, Moved, Result, Unmatched
from matching.scoring import to_points
from matching.solvers.constrained import (
    HELD_BACK,
    LOST_TO_BETTER_PAIR,
    SideConstraints,
    feasible_greedy,
    held_back,
    solve_constrained,
)
from matching.solvers.duals import Duals, compute_duals
from matching.solvers.flow import bare_flow_seconds
from matching.solvers.greedy import solve_greedy
from matching.stability import count_blocking, stable_assignment

SOLVERS = ("auto", "flow", "cpsat", "greedy")


@dataclass(frozen=True)
class SolveParams:
    """How to solve (the problem says what): solver, limits, pruning, and what to report.

    ``measure_bare`` also times OR-Tools alone on the final graph (for the benchmark).
    ``top_k`` keeps each request's best k candidates for the flow solver; optimality over all
    candidates is then proven with the duals, and pruned pairs that could improve the result are
    added back (``None``: never prune). ``time_limit`` overrides the problem's settings.
    """

    solver: str = "auto"
    time_limit: float | None = None
    top_k: int | None = 40
    workers: int = 1
    seed: int = 0
    explain: bool = True
    advice: bool = True
    measure_bare: bool = False

    def __post_init__(self) -> None:
        if self.top_k is not None and self.top_k < 1:
            raise ValueError("top_k must be at least 1, or None to keep every candidate")
        if self.time_limit is not None and not 0 <= self.time_limit < math.inf:
            raise ValueError("time_limit must be a finite number of seconds ≥ 0, or None")


@dataclass
class _Clock:
    seconds: dict[str, float] = field(default_factory=dict)
    last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self.last, 4)
        self.last = now


class SolverRefused(ValueError):
    """The solver asked for cannot keep this problem's rules; the message says which and why."""


def _solver_name(problem: Problem, params: SolveParams) -> str:
    if params.solver not in SOLVERS:
        raise ValueError(f"unknown solver {params.solver!r}; use one of {', '.join(SOLVERS)}")
    if params.solver == "auto":
        return "cpsat" if problem.needs_cpsat else "flow"
    if params.solver == "flow" and problem.needs_cpsat:
        # An answer that breaks them would look valid; better none (greedy keeps them).
        raise SolverRefused(
            f"the flow solver cannot keep {', '.join(problem.side_constraints)}; "
            "use the cpsat or auto solver"
        )
    return params.solver


def _check_stable(problem: Problem) -> None:
    if problem.settings.stable and problem.needs_cpsat:
        raise SolverRefused(
            f"a stable matching cannot keep {', '.join(problem.side_constraints)}; "
            "drop settings.stable or the side constraints"
        )


def _instance(c: Compiled, solver: str, params: SolveParams) -> Instance:
    if c.problem.pairs is not None:
        return from_pairs(c)
    nodes = request_nodes(c)
    # A stable matching must see every candidate: a pruned pair could block it.
    prune = solver == "flow" and not c.problem.settings.stable
    top_k = params.top_k if prune else None
    return from_candidates(c, nodes, generate(c, nodes, top_k))


def solve(problem: Problem, params: SolveParams | None = None) -> Result:
    """Propose the set of pairs with the highest total score that respects every hard rule.

    Deterministic: the same problem and params give the same result, whatever the order of its
    rows (ties are broken by ids; matches and unmet requests come in id order). The input is not
    changed. It leaves the process's garbage collector alone: the web app and its workers run
    other threads beside it (only the one-shot CLI pauses the collector, matching.gcpause).
    """
    params = params or SolveParams()
    solver = _solver_name(problem, params)
    _check_stable(problem)
    # Ties are broken by ids, never by the order of the rows.
    problem = problem.in_id_order()
    clock, stats = _Clock(), dict[str, Any](solver=solver)
    c = compile_problem(problem)
    clock.lap("compile")
    inst = _instance(c, solver, params)
    # Where the current pairs sit among the arcs: computed once, used to add, keep and report.
    want = wanted(c, inst.nodes)
    inst = with_current(c, inst, want)
    stats.update(requests=inst.n_nodes, candidates=inst.total, arcs=int(inst.node.size))
    clock.lap("candidates")
    # Best total first, then as many current pairs kept as that total allows (matching.keep).
    keep = current_mask(c, inst, want)
    scale = keep_scale(inst, keep)
    work = scaled(inst, scale, keep)
    status, bound, duals = OPTIMAL, None, None
    if solver in {"flow", "cpsat"}:
        work, chosen, duals = solve_priced(c, work, stats, scale)
        if scale > 1:
            # The duals of the scaled network price keeping too; offer values are in points,
            # so they come from the same (flow-optimal) assignment on the scores alone.
            duals = _point_duals(unscaled(work, scale), chosen)
        if params.measure_bare:
            # Timed apart from the solve stage: it is the yardstick, not part of the work.
            clock.lap("solve")
            useful = work.score > 0
            arcs = (work.node[useful], work.offer[useful], work.score[useful])
            stats["bare_flow_seconds"] = bare_flow_seconds(work.n_nodes, work.capacity, *arcs)
            clock.lap("bare_flow")
    if solver == "cpsat":
        limit = params.time_limit if params.time_limit is not None else problem.settings.time_limit
        sol = solve_constrained(
            work, c, chosen, time_limit=limit, workers=params.workers, seed=params.seed
        )
        # The scaled bound B ≥ scale·T + kept, so B // scale is a proved bound on the total T.
        chosen, status, bound = sol.chosen, sol.status, float(to_points(sol.bound // scale))
        stats["capacity_basis"] = "flow_relaxation"
    elif solver == "greedy" and problem.needs_cpsat:
        chosen, status = feasible_greedy(work, SideConstraints.of(work, c)), FEASIBLE
    elif solver == "greedy":
        chosen, status = (
            solve_greedy(work.n_nodes, work.capacity, work.node, work.offer, work.score),
            FEASIBLE,
        )
    inst = unscaled(work, scale)
    if problem.settings.stable:
        chosen, status, bound = _stable(
            c, inst, chosen, _Answer(status, bound, solver), scale=scale, work=work, stats=stats
        )
    clock.lap("solve")
    stats["blocking_pairs"] = count_blocking(c, inst, chosen)
    moved = _moved(c, inst, chosen, want, stats)
    clock.lap("stability")
    return _result(
        c,
        inst=inst,
        chosen=chosen,
        status=status,
        bound=bound,
        duals=duals,
        params=params,
        solver=solver,
        clock=clock,
        stats=stats,
        moved=moved,
    )


def _point_duals(inst: Instance, chosen: Bool) -> Duals:
    return compute_duals(
        inst.n_nodes, inst.capacity, inst.node, inst.offer, inst.score, chosen=chosen
    )


@dataclass(frozen=True)
class _Answer:
    """What the solver returned before stability: its status, proved bound, and name."""

    status: str
    bound: float | None
    solver: str

    @property
    def compared_with(self) -> str:
        """What the stable answer is measured against, named for what was proved about it."""
        if self.status == OPTIMAL:
            return "optimum"
        # A forced greedy proves nothing; CP-SAT (or its fallback) stopped by its time limit
        # found an answer it could not prove best.
        return "greedy" if self.solver == "greedy" else "best_found"


def _stable(
    c: Compiled,
    inst: Instance,
    answer: Bool,
    before: _Answer,
    *,
    scale: int,
    work: Instance,
    stats: dict[str, Any],
) -> tuple[Bool, str, float | None]:
    """The stable matching, its status and bound, and what it costs against the solver's answer.

    The stable answer is OPTIMAL only when the solver proved an optimum and stability gave up
    nothing. Only a proved optimum becomes the bound; otherwise the solver's own proved bound
    (or none: greedy proves nothing) stays. ``stats.stability`` names what the cost is measured
    against: ``optimal_*`` keys for a proved optimum, ``greedy_*`` or ``best_found_*`` otherwise.
    """
    chosen = stable_assignment(work, scale)
    best, total = int(inst.score[answer].sum()), int(inst.score[chosen].sum())
    versus = before.compared_with
    prefix = "optimal" if versus == "optimum" else versus
    stats["stability"] = {
        "compared_with": versus,
        f"{prefix}_objective": round(float(to_points(best)), 2),
        "objective": round(float(to_points(total)), 2),
        "cost": round(float(to_points(best - total)), 2),
        "cost_share": round((best - total) / best, 6) if best > 0 else 0.0,
        f"{prefix}_matches": int(answer.sum()),
        "matches": int(chosen.sum()),
        f"{prefix}_blocking_pairs": count_blocking(c, inst, answer),
    }
    status, bound = before.status, before.bound
    if versus == "optimum" and total < best:
        status, bound = FEASIBLE, float(to_points(best))
    return chosen, status, bound


def _moved(
    c: Compiled, inst: Instance, chosen: Bool, want: Wanted, stats: dict[str, Any]
) -> list[Moved]:
    """The current pairs not kept; their count, and the counts by reason, go to the stats."""
    if not c.problem.current:
        return []
    moved = moved_pairs(c, inst, chosen, want)
    why: dict[str, int] = {}
    for m in moved:
        why[m.reason] = why.get(m.reason, 0) + 1
    given = len(c.problem.current)
    stats["current"] = {"given": given, "kept": given - len(moved), "moved": len(moved), "why": why}
    return moved


def _result(
    c: Compiled,
    *,
    inst: Instance,
    chosen: Bool,
    status: str,
    bound: float | None,
    duals: Duals | None,
    params: SolveParams,
    solver: str,
    clock: _Clock,
    stats: dict[str, Any],
    moved: list[Moved],
) -> Result:
    arcs = np.flatnonzero(chosen)
    objective = float(to_points(int(inst.score[arcs].sum())))
    towns = assumed_towns(c.problem)
    matches = _matches(c, inst, arcs, bool(towns)) if params.explain else []
    unmatched = _unmatched(c, inst, chosen)
    clock.lap("explain")
    values = duals.offer if duals is not None else np.zeros(inst.capacity.size, dtype=np.int64)
    free = np.setdiff1d(np.arange(inst.n_nodes), inst.node[chosen]).astype(np.int32)
    advice = (
        group_advice(c, values, free, inst.nodes.seeker, inst.nodes.kind) if params.advice else []
    )
    clock.lap("advice")
    gap = None if bound is None else abs(bound - objective) / max(abs(bound), 1e-9)
    stats.update(matches=int(arcs.size), seconds=clock.seconds)
    if towns:
        stats["towns_assumed"] = towns
    return Result(
        status=status,
        objective=round(objective, 2),
        bound=bound,
        gap=None if gap is None else round(gap, 6),
        solver=solver,
        matches=tuple(matches),
        unmatched=tuple(unmatched),
        unmet_by_cause=unmet_by_cause(unmatched),
        capacity_value=tuple(offer_values(c, values) if params.advice else []),
        capacity_advice=tuple(advice),
        stats=stats,
        moved=tuple(moved),
    )


def _matches(c: Compiled, inst: Instance, arcs: np.ndarray, towns_assumed: bool) -> list[Match]:
    seekers, offers = inst.nodes.seeker[inst.node[arcs]], inst.offer[arcs]
    if c.problem.pairs is not None:
        return explain_given(c, seekers, offers, to_points(inst.score[arcs]).tolist())
    return explain_pairs(c, seekers, offers, towns_assumed)


def _unmatched(c: Compiled, inst: Instance, chosen: Bool) -> list[Unmatched]:
    n = inst.n_nodes
    matched = np.zeros(n, dtype=bool)
    matched[inst.node[chosen]] = True
    count = np.bincount(inst.node, minlength=n) + (inst.pruned_max >= 0)
    lonely = np.flatnonzero(~matched & (count == 0)).astype(np.int32)
    if c.problem.pairs is None:
        causes = diagnose(c, inst.nodes, lonely, inst.depth)
    else:
        causes = dict.fromkeys(lonely.tolist(), "no_pair_given")
    held: dict[int, str] = {}
    if c.problem.needs_cpsat:
        waiting = np.flatnonzero(~matched & (count > 0)).tolist()
        held = held_back(inst, SideConstraints.of(inst, c), chosen, waiting)
    out = []
    unmet = np.flatnonzero(~matched)
    for node, s, k, candidates in zip(
        unmet.tolist(),
        inst.nodes.seeker[unmet].tolist(),
        inst.nodes.kind[unmet].tolist(),
        count[unmet].tolist(),
        strict=True,
    ):
        seeker, kind = c.problem.seekers[s].id, KINDS[k]
        cause = causes.get(node)
        if cause is not None:
            reason = "no_candidate"
        elif held.get(node, LOST_TO_BETTER_PAIR) != LOST_TO_BETTER_PAIR:
            reason, cause = HELD_BACK, held[node]
        else:
            reason = LOST_TO_BETTER_PAIR
        out.append(Unmatched(seeker, kind, reason, cause, candidates))
    return out
