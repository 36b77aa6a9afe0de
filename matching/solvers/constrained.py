"""Side constraints, answered honestly: CP-SAT, a proved bound, a feasible fallback, and why.

CP-SAT may stop at its time limit without any solution, or with one it could not prove optimal.
Neither is a reason to answer "nothing" or to claim a bound of 0:

* the min-cost flow optimum over all candidates, which ignores the side constraints, is a proved
  upper bound for free (every assignment that keeps them is also a flow);
* a greedy that keeps every side constraint always finds a feasible answer (the empty assignment
  is feasible, so there is no INFEASIBLE here), reported as ``FEASIBLE`` with its true gap.

The same bookkeeping says what held an unmet request back when it had candidates: a full offer
(``lost_to_better_pair``), a spent hour budget, a full quota, the waiting-time share, an
incomplete cohort, or a search stopped at its time limit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from matching.compiled import Bool, Compiled
from matching.instance import Instance
from matching.result import FEASIBLE, OPTIMAL
from matching.solvers.cpsat import MINUTES, PERMILLE, solve_cpsat

#: Causes of a request that had candidates and got none (message keys, like the rule names).
LOST_TO_BETTER_PAIR = "lost_to_better_pair"
HOUR_BUDGET_SPENT = "hour_budget_spent"
QUOTA_FULL = "quota_full"
WAITING_SHARE = "waiting_share"
COHORT_INCOMPLETE = "cohort_incomplete"
SEARCH_STOPPED = "search_stopped"
HELD_BACK = "held_back"


@dataclass(frozen=True)
class SideConstraints:
    """The side constraints as plain lists over arcs and offers (what the greedy checks)."""

    minutes: list[int]
    budget: list[int | None]
    quotas: list[tuple[frozenset[int], int]]
    waited: list[bool]
    share: int
    cohort_of: dict[int, str]

    @classmethod
    def of(cls, inst: Instance, c: Compiled) -> SideConstraints:
        problem = c.problem
        rule = problem.settings.longest_waiting
        waited = np.zeros(inst.node.size, dtype=bool)
        if rule is not None:
            waited = c.seekers.waiting_days[inst.nodes.seeker[inst.node]] >= rule.days
        return cls(
            minutes=np.rint(inst.load * MINUTES).astype(np.int64).tolist(),
            budget=[None if o.hours is None else round(o.hours * MINUTES) for o in problem.offers],
            quotas=[
                (
                    frozenset(
                        j
                        for j, o in enumerate(problem.offers)
                        if getattr(o, q.field) == q.value and q.kind in (None, o.kind)
                    ),
                    q.max,
                )
                for q in problem.settings.quotas
            ],
            waited=waited.tolist(),
            share=0 if rule is None else round(rule.min_share * PERMILLE),
            cohort_of={i: s.cohort for i, s in enumerate(problem.seekers) if s.cohort is not None},
        )


@dataclass
class _Load:
    """What a partial assignment uses: nodes, places, minutes, quota places, long waiters."""

    inst: Instance
    side: SideConstraints
    node_taken: set[int] = field(default_factory=set)
    places: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    minutes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    quota_used: list[int] = field(init=False)
    waited: int = 0
    total: int = 0

    def __post_init__(self) -> None:
        self.quota_used = [0] * len(self.side.quotas)

    def blocked_by(self, arc: int, node: int, offer: int) -> str | None:
        """Why ``arc`` cannot be added (a cause key), or ``None`` when it fits."""
        side = self.side
        if node in self.node_taken or self.places[offer] >= self.inst.capacity[offer]:
            return LOST_TO_BETTER_PAIR
        budget = side.budget[offer]
        if budget is not None and self.minutes[offer] + side.minutes[arc] > budget:
            return HOUR_BUDGET_SPENT
        quotas = enumerate(side.quotas)
        if any(offer in members and self.quota_used[q] >= cap for q, (members, cap) in quotas):
            return QUOTA_FULL
        if not side.waited[arc] and PERMILLE * self.waited < side.share * (self.total + 1):
            return WAITING_SHARE
        return None

    def take(self, arc: int, node: int, offer: int) -> None:
        side = self.side
        self.node_taken.add(node)
        self.places[offer] += 1
        self.minutes[offer] += side.minutes[arc]
        for q, (members, _) in enumerate(side.quotas):
            self.quota_used[q] += offer in members
        self.waited += side.waited[arc]
        self.total += 1


def _by_score(inst: Instance) -> npt.NDArray[np.int64]:
    """Useful arcs, best score first; ties by node, then offer (never by input order)."""
    order = np.lexsort((inst.offer, inst.node, -inst.score))
    return np.asarray(order[inst.score[order] > 0], dtype=np.int64)


def _greedy_once(inst: Instance, side: SideConstraints, excluded: set[int]) -> list[int]:
    order = _by_score(inst)
    if not side.share:
        return _greedy_passes(inst, side, excluded, [order])
    # With a share to keep, long waiters first makes room for others but may take their
    # places; score order keeps the best pairs but may starve others. Keep the better one.
    waited = np.asarray(side.waited, dtype=bool)[order]
    tries = [
        _greedy_passes(inst, side, excluded, [order]),
        _greedy_passes(inst, side, excluded, [order[waited], order[~waited]]),
    ]
    return max(tries, key=lambda picked: int(inst.score[picked].sum()))


def _greedy_passes(
    inst: Instance, side: SideConstraints, excluded: set[int], passes: list[npt.NDArray[np.int64]]
) -> list[int]:
    load = _Load(inst, side)
    seeker = inst.nodes.seeker
    picked = []
    for arcs in passes:
        triples = zip(
            arcs.tolist(), inst.node[arcs].tolist(), inst.offer[arcs].tolist(), strict=True
        )
        for a, n, o in triples:
            if int(seeker[n]) not in excluded and load.blocked_by(a, n, o) is None:
                load.take(a, n, o)
                picked.append(a)
    return picked


def feasible_greedy(inst: Instance, side: SideConstraints) -> Bool:
    """An assignment that keeps every side constraint (best score first, cohorts whole).

    A cohort left placed only in part is taken out entirely and the greedy runs again without
    it; each round removes at least one cohort, so this ends.
    """
    excluded: set[int] = set()
    members: dict[str, set[int]] = defaultdict(set)
    for s, name in side.cohort_of.items():
        members[name].add(s)
    while True:
        picked = _greedy_once(inst, side, excluded)
        placed = {int(inst.nodes.seeker[inst.node[a]]) for a in picked}
        partial = [m for m in members.values() if m & placed and m - placed]
        if not partial:
            chosen = np.zeros(inst.node.size, dtype=bool)
            chosen[np.array(picked, dtype=np.int64)] = True
            return chosen
        excluded.update(*partial)


def held_back(
    inst: Instance, side: SideConstraints, chosen: Bool, nodes: list[int]
) -> dict[int, str]:
    """For unmet request nodes that had candidates: node → what held each back."""
    load = _Load(inst, side)
    for a in np.flatnonzero(chosen).tolist():
        load.take(a, int(inst.node[a]), int(inst.offer[a]))
    placed = {int(inst.nodes.seeker[inst.node[a]]) for a in np.flatnonzero(chosen).tolist()}
    best: dict[int, int] = {}
    for a in _by_score(inst).tolist():
        best.setdefault(int(inst.node[a]), a)
    causes = {}
    for node in nodes:
        seeker = int(inst.nodes.seeker[node])
        if seeker in side.cohort_of and seeker not in placed:
            causes[node] = COHORT_INCOMPLETE
        elif node in best:
            a = best[node]
            causes[node] = load.blocked_by(a, node, int(inst.offer[a])) or SEARCH_STOPPED
    return causes


@dataclass(frozen=True)
class ConstrainedSolution:
    """Chosen arcs, ``OPTIMAL`` or ``FEASIBLE``, and a proved upper bound in integer units."""

    chosen: Bool
    status: str
    bound: int


def solve_constrained(
    inst: Instance, c: Compiled, relaxed: Bool, *, time_limit: float, workers: int, seed: int
) -> ConstrainedSolution:
    """The best assignment keeping every side constraint that CP-SAT finds in ``time_limit``,
    never worse than the constrained greedy, with the tighter of CP-SAT's bound and the flow
    relaxation's optimum (``relaxed``: the flow's chosen arcs over all candidates)."""
    relaxation = int(inst.score[relaxed].sum())
    sol = solve_cpsat(inst, c, relaxed, time_limit=time_limit, workers=workers, seed=seed)
    if sol.status == OPTIMAL:
        return ConstrainedSolution(sol.chosen, OPTIMAL, sol.objective)
    bound = min(sol.bound, relaxation) if sol.status == FEASIBLE else relaxation
    greedy = feasible_greedy(inst, SideConstraints.of(inst, c))
    best = sol.chosen if sol.status == FEASIBLE else greedy
    if int(inst.score[greedy].sum()) > int(inst.score[best].sum()):
        best = greedy
    value = int(inst.score[best].sum())
    # A bound met by the answer is a proof of optimality, whoever found the answer.
    return ConstrainedSolution(best, OPTIMAL if value >= bound else FEASIBLE, max(bound, value))
