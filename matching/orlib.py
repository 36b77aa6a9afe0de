"""OR-Library linear assignment instances (assign*, assignp*) in the explicit ``pairs`` mode.

Costs are minimised there; the matcher maximises, so each pair scores C − cost with C larger than
n × (max cost): a perfect matching then always beats a cheaper partial one, and the optimal cost
is n·C − objective (see the benchmark folder's README).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matching.problem import Offer, Pair, Problem, Seeker
from matching.solve import SolveParams, solve


@dataclass(frozen=True)
class OrlibRow:
    """One instance: its size, pairs, our optimal cost, the published one, seconds."""

    name: str
    n: int
    pairs: int
    cost: int
    published: int | None
    status: str
    seconds: float


def read_instance(path: Path) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(n, rows, cols, costs) with 0-based indices, for dense and sparse files alike."""
    numbers = np.array(path.read_text().split(), dtype=np.int64)
    n = int(numbers[0])
    body = numbers[1:]
    if path.name.startswith("assignp"):
        triples = body.reshape(-1, 3)
        return n, triples[:, 0] - 1, triples[:, 1] - 1, triples[:, 2]
    rows, cols = np.divmod(np.arange(n * n), n)
    return n, rows, cols, body[: n * n]


def published_optima(folder: Path) -> dict[str, int]:
    """Name → optimal cost from ``optimal-solutions/assignopt.txt``."""
    table: dict[str, int] = {}
    path = folder / "optimal-solutions" / "assignopt.txt"
    for line in path.read_text().splitlines() if path.exists() else []:
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith("assign") and parts[1].isdigit():
            table[parts[0]] = int(parts[1])
    return table


def as_problem(
    n: int, rows: np.ndarray, cols: np.ndarray, costs: np.ndarray
) -> tuple[Problem, int]:
    """The instance as an explicit-pairs problem, and the constant C."""
    big = int(n * costs.max()) + 1
    seekers = tuple(Seeker(id=f"r{i}") for i in range(n))
    offers = tuple(Offer(id=f"c{j}") for j in range(n))
    scores = (big - costs).tolist()
    pairs = tuple(
        Pair(f"r{r}", f"c{c}", float(s))
        for r, c, s in zip(rows.tolist(), cols.tolist(), scores, strict=True)
    )
    return Problem(seekers, offers, pairs=pairs), big


def solve_instance(path: Path, published: int | None) -> OrlibRow:
    """Solve one file and compare with its published optimum."""
    import time

    started = time.perf_counter()
    n, rows, cols, costs = read_instance(path)
    problem, big = as_problem(n, rows, cols, costs)
    result = solve(problem, SolveParams(explain=False, advice=False))
    cost = n * big - round(result.objective)
    if len(result.unmatched):
        cost = -1  # no perfect matching: cannot happen on these instances
    seconds = time.perf_counter() - started
    return OrlibRow(path.stem, n, int(rows.size), cost, published, result.status, seconds)


def run_orlib(folder: Path) -> list[OrlibRow]:
    """Every assign*/assignp* instance in ``folder/instances``, smallest first."""
    optima = published_optima(folder)
    files = sorted(
        (folder / "instances").glob("assign*.txt"),
        key=lambda p: (p.stem.startswith("assignp"), len(p.stem), p.stem),
    )
    return [solve_instance(path, optima.get(path.stem)) for path in files]
