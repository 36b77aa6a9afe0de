"""Assignment solvers: min-cost flow (the workhorse), CP-SAT (side constraints), greedy (baseline).

All work on the same arrays: arc ``a`` joins request node ``node[a]`` to offer ``offer[a]`` with
integer score ``score[a]``; each node takes at most one arc, each offer at most its capacity.
"""

from matching.solvers.flow import FlowSolution, solve_flow
from matching.solvers.greedy import solve_greedy

__all__ = ["FlowSolution", "solve_flow", "solve_greedy"]
