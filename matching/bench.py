"""``python -m matching bench``: generated instances at 1k/10k/100k and the OR-Library optima.

Each size runs in a fresh process so that its peak memory is its own. Times are wall-clock
seconds on the machine at hand; the table is printed as Markdown.
"""

from __future__ import annotations

import json
import resource
import subprocess  # nosec B404  # runs this module again, in a fresh process
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from matching.benchgen import generate_problem
from matching.candidates import generate, request_nodes
from matching.checks import check_validity
from matching.compiled import compile_problem
from matching.instance import from_candidates
from matching.orlib import run_orlib
from matching.parse import parse_problem
from matching.scoring import to_points
from matching.solve import SolveParams, solve
from matching.solvers.flow import bare_flow
from matching.solvers.greedy import solve_greedy


def _full_graph(problem: Any, greedy: bool, bare: bool) -> dict[str, Any]:
    """Greedy and bare OR-Tools on **every** candidate pair (no pruning, no pricing).

    Greedy is the baseline for the objective; bare min-cost flow on the full candidate graph is
    the yardstick for the solve time (and an independent check of the optimum).
    """
    out: dict[str, Any] = {}
    if not (greedy or bare):
        return out
    c = compile_problem(problem)
    nodes = request_nodes(c)
    inst = from_candidates(c, nodes, generate(c, nodes))
    if greedy:
        started = time.perf_counter()
        chosen = solve_greedy(inst.n_nodes, inst.capacity, inst.node, inst.offer, inst.score)
        out["greedy"] = float(to_points(int(inst.score[chosen].sum())))
        out["greedy_seconds"] = time.perf_counter() - started
    if bare:
        useful = inst.score > 0
        arcs = (inst.node[useful], inst.offer[useful], inst.score[useful])
        seconds, objective = bare_flow(inst.n_nodes, inst.capacity, *arcs)
        out["bare_full_seconds"], out["bare_full_objective"] = seconds, to_points(objective)
    return out


def _ratios(row: dict[str, Any]) -> str:
    """The whole solve stage over bare OR-Tools: on the final pruned graph / on the full graph."""
    pruned = row["t_solve"] / max(row["bare_pruned"], 1e-9)
    full = (
        f"{row['t_solve'] / max(row['bare_full_seconds'], 1e-9):.2f} "
        f"({row['bare_full_seconds']:.1f} s)"
        if "bare_full_seconds" in row
        else "not measured"
    )
    return f"{pruned:.2f} ({row['bare_pruned']:.1f} s) / {full}"


def measure(n: int, seed: int, greedy: bool, bare_full: bool = True) -> dict[str, Any]:
    """One benchmark row (run in its own process)."""
    data = generate_problem(n, seed)
    started = time.perf_counter()
    problem = parse_problem(data)
    parse_seconds = time.perf_counter() - started
    result = solve(problem, SolveParams(measure_bare=True))
    total = time.perf_counter() - started - result.stats["seconds"]["bare_flow"]
    # Peak memory of our pipeline, before the full-graph yardsticks below allocate theirs.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = check_validity(problem, result)
    row: dict[str, Any] = {
        "n": n, "requests": result.stats["requests"], "candidates": result.stats["candidates"],
        "arcs": result.stats["arcs"], "added_back": result.stats.get("pairs_added_back", 0),
        "rounds": result.stats.get("pricing_rounds", 1), "parse": parse_seconds,
        **{f"t_{k}": v for k, v in result.stats["seconds"].items()},
        "total": total, "peak_mb": peak_mb, "status": result.status,
        "matches": result.stats["matches"], "objective": result.objective, "valid": not errors,
        "bare_pruned": result.stats["bare_flow_seconds"],
        "flow_seconds": result.stats.get("flow_seconds"),
        "repaired_arcs": result.stats.get("repaired_arcs", 0),
    }  # fmt: skip
    row.update(_full_graph(problem, greedy, bare_full))
    if "bare_full_objective" in row and abs(row["bare_full_objective"] - row["objective"]) > 0.005:
        row["status"] += " (≠ bare full!)"
    return row


def _row_text(r: dict[str, Any]) -> str:
    gain = (
        f"{r['greedy']:,.0f} (+{100 * (r['objective'] / r['greedy'] - 1):.2f} %)"
        if "greedy" in r
        else "-"
    )
    return (
        f"| {r['n']:,} | {r['candidates']:,} | {r['arcs']:,} (+{r['added_back']:,}) | "
        f"{r['parse']:.1f} | {r['t_compile']:.1f} | {r['t_candidates']:.1f} | {r['t_solve']:.1f} | "
        f"{r['t_explain'] + r['t_advice']:.1f} | **{r['total']:.1f}** | {r['peak_mb']:,.0f} | "
        f"{r['status']} | {r['matches']:,} | {r['objective']:,.0f} | {gain} | "
        f"{_ratios(r)} ({r['rounds']} rounds) |"
    )


HEADER = (
    "| n × n | candidates | arcs kept (+added back) | parse s | compile s | candidates s | "
    "solve s | explain s | total s | peak MB | status | matches | objective | greedy (gain) | "
    "solve ÷ bare flow: pruned graph / full graph |\n|" + "---|" * 15
)


def run_bench(
    sizes: list[int], orlib: str, seed: int, greedy: bool, *, full_bare: bool = True
) -> None:
    """Print the benchmark table (generated sizes, then OR-Library if the folder exists)."""
    print(HEADER, flush=True)
    for n in sizes:
        flags = [str(int(greedy)), str(int(full_bare))]
        cmd = [sys.executable, "-m", "matching.bench", str(n), str(seed), *flags]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)  # nosec B603
        if out.returncode != 0:
            print(f"| {n:,} | failed: {out.stderr.strip().splitlines()[-1:]} |", flush=True)
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(_row_text(row), flush=True)
    folder = Path(orlib)
    if (folder / "instances").is_dir():
        print("\n| OR-Library | n | pairs | our optimal cost | published | status | seconds |")
        print("|---|---|---|---|---|---|---|")
        for r in run_orlib(folder):
            mark = "✓" if r.cost == r.published else "✗"
            print(
                f"| {r.name} | {r.n} | {r.pairs:,} | {r.cost} {mark} | {r.published} | "
                f"{r.status} | {r.seconds:.2f} |",
                flush=True,
            )
    else:
        print(f"\n(OR-Library folder {folder} not found; skipped)")


def _child(argv: list[str]) -> None:
    np.seterr(all="ignore")
    print(json.dumps(measure(int(argv[0]), int(argv[1]), argv[2] == "1", argv[3:] != ["0"])))


if __name__ == "__main__":
    _child(sys.argv[1:])
