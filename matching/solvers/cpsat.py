"""Assignment with side constraints (OR-Tools CP-SAT).

Used only when min-cost flow cannot express the rules: weekly hour budgets with unequal loads,
quotas per region or organisation, a minimum share of matches for those who waited longest, and
cohorts that are placed all together or not at all. The flow solution is given as a hint.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matching.compiled import Bool, Compiled
from matching.instance import Instance
from matching.problem import KINDS
from matching.result import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN

if TYPE_CHECKING:
    # CP-SAT's module imports pandas (about 0.2 s); a run that needs only the flow never loads it.
    from ortools.sat.python import cp_model

#: Loads and budgets are whole minutes for CP-SAT.
MINUTES = 60
#: Shares are compared in thousandths: Σ waited·1000 ≥ share·1000 · Σ all.
PERMILLE = 1000


@dataclass(frozen=True)
class CpsatSolution:
    """Chosen arcs, status, objective and best bound in integer units, solver seconds."""

    chosen: Bool
    status: str
    objective: int
    bound: int
    seconds: float


def _constraints(
    model: cp_model.CpModel, x: list[cp_model.IntVar], inst: Instance, c: Compiled
) -> None:
    problem = c.problem
    by_node: dict[int, list[int]] = defaultdict(list)
    by_offer: dict[int, list[int]] = defaultdict(list)
    for a, (n, o) in enumerate(zip(inst.node.tolist(), inst.offer.tolist(), strict=True)):
        by_node[n].append(a)
        by_offer[o].append(a)
    # A seeker gets at most one match per kind it wants.
    for arcs in by_node.values():
        model.add_at_most_one(x[a] for a in arcs)
    minutes = np.rint(inst.load * MINUTES).astype(np.int64).tolist()
    for o, arcs in by_offer.items():
        offer = problem.offers[o]
        # An offer takes at most its capacity …
        model.add(sum(x[a] for a in arcs) <= offer.capacity)
        # … and at most the weekly hours it gives.
        if offer.hours is not None:
            model.add(sum(minutes[a] * x[a] for a in arcs) <= round(offer.hours * MINUTES))
    _quotas(model, x, inst, c, by_offer)
    _waiting_share(model, x, inst, c)
    _cohorts(model, x, inst, c, by_node)


def _quotas(
    model: cp_model.CpModel,
    x: list[cp_model.IntVar],
    inst: Instance,
    c: Compiled,
    by_offer: dict[int, list[int]],
) -> None:
    for quota in c.problem.settings.quotas:
        # At most quota.max matches for the offers of one region or organisation.
        arcs = [
            a
            for o, offer_arcs in by_offer.items()
            if getattr(c.problem.offers[o], quota.field) == quota.value
            and (quota.kind is None or c.problem.offers[o].kind == quota.kind)
            for a in offer_arcs
        ]
        model.add(sum(x[a] for a in arcs) <= quota.max)


def _waiting_share(
    model: cp_model.CpModel, x: list[cp_model.IntVar], inst: Instance, c: Compiled
) -> None:
    rule = c.problem.settings.longest_waiting
    if rule is None:
        return
    # At least min_share of all matches go to people who waited `days` or longer.
    waited = c.seekers.waiting_days[inst.nodes.seeker[inst.node]] >= rule.days
    share = round(rule.min_share * PERMILLE)
    model.add(PERMILLE * sum(x[a] for a in np.flatnonzero(waited).tolist()) >= share * sum(x))


def _cohorts(
    model: cp_model.CpModel,
    x: list[cp_model.IntVar],
    inst: Instance,
    c: Compiled,
    by_node: dict[int, list[int]],
) -> None:
    members: dict[str, list[int]] = defaultdict(list)
    for i, seeker in enumerate(c.problem.seekers):
        if seeker.cohort is not None:
            members[seeker.cohort].append(i)
    arcs_of_seeker: dict[int, list[int]] = defaultdict(list)
    for n, arcs in by_node.items():
        arcs_of_seeker[int(inst.nodes.seeker[n])].extend(arcs)
    for name, seekers in sorted(members.items()):
        # A cohort (a family, a class) is placed all together or not at all: every member gets
        # at least one match exactly when the cohort is placed.
        placed = model.new_bool_var(f"cohort[{name}]")
        for s in seekers:
            arcs = arcs_of_seeker.get(s, [])
            model.add(sum(x[a] for a in arcs) >= 1).only_enforce_if(placed)
            for a in arcs:
                model.add_implication(x[a], placed)


def solve_cpsat(
    inst: Instance, c: Compiled, hint: Bool | None, *, time_limit: float, workers: int, seed: int
) -> CpsatSolution:
    """Maximise the total score under all side constraints within ``time_limit`` seconds."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    # Data: only arcs that add something can be chosen.
    model = cp_model.CpModel()
    # Variables: x[a] = 1 when arc a is proposed.
    useful = inst.score > 0
    x = [
        model.new_bool_var(f"x{a}") if useful[a] else model.new_constant(0)
        for a in range(inst.node.size)
    ]
    # Constraints.
    _constraints(model, x, inst, c)
    # Objective: the total score.
    model.maximize(sum(int(s) * x[a] for a, s in enumerate(inst.score.tolist()) if useful[a]))
    if hint is not None:
        for a in np.flatnonzero(useful).tolist():
            model.add_hint(x[a], bool(hint[a]))
    # Solve: one worker is deterministic; linearization level 2 gives CP-SAT the LP relaxation
    # of the assignment, which proves optimality fast (see STYLE.md, habit 11).
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.linearization_level = 2
    code = solver.solve(model)
    # Extract.
    statuses = {cp_model.OPTIMAL: OPTIMAL, cp_model.FEASIBLE: FEASIBLE,
                cp_model.INFEASIBLE: INFEASIBLE}  # fmt: skip
    status = statuses.get(code, UNKNOWN)
    chosen = np.zeros(inst.node.size, dtype=bool)
    if status in (OPTIMAL, FEASIBLE):
        chosen = np.array([bool(solver.value(v)) for v in x], dtype=bool)
        objective, bound = round(solver.objective_value), round(solver.best_objective_bound)
    else:
        objective, bound = 0, 0
    return CpsatSolution(chosen, status, objective, bound, time.perf_counter() - started)


__all__ = ["KINDS", "CpsatSolution", "solve_cpsat"]
