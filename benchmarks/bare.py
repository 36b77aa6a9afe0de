"""The plain path the engine is measured against: candidates built with numpy, one min-cost flow.

``python -m benchmarks.bare problem.json -o pairs.json`` reads the same problem file as
``python -m matching solve``, builds **every** candidate pair with the engine's numpy rules (no
pruning), solves one OR-Tools ``SimpleMinCostFlow`` on all of them (no splitting, no duals, no
pricing, no explanations, no advice, no blocking pairs) and writes the chosen pairs with their
scores. Its objective is the optimum over all candidates, so it also checks the engine's.

Everything the two paths share (reading the JSON, checking it, compiling it) is the same code, so
the ratio of the two end-to-end times is the price of what the engine adds on top of a bare flow.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from matching.candidates import generate, request_nodes
from matching.compiled import compile_problem
from matching.parse import parse_problem
from matching.problem import KINDS
from matching.scoring import to_points
from matching.solvers.flow import build_network


def bare(data: object) -> tuple[float, list[dict[str, object]]]:
    """The optimal total over every candidate pair and the chosen pairs, the plain way."""
    problem = parse_problem(data)
    c = compile_problem(problem)
    nodes = request_nodes(c)
    cs = generate(c, nodes)
    useful = cs.score > 0
    node, offer, score = cs.node[useful], cs.offer[useful], cs.score[useful]
    flow = build_network(len(nodes), c.offers.capacity.astype(np.int64), node, offer, score)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("min-cost flow failed")
    chosen = np.flatnonzero(flow.flows(np.arange(node.size, dtype=np.int32)) > 0)
    seekers = nodes.seeker[node[chosen]].tolist()
    kinds = nodes.kind[node[chosen]].tolist()
    points = to_points(score[chosen]).tolist()
    pairs: list[dict[str, object]] = [
        {"seeker": problem.seekers[s].id, "offer": problem.offers[o].id, "kind": KINDS[k],
         "score": p}
        for s, o, k, p in zip(seekers, offer[chosen].tolist(), kinds, points, strict=True)
    ]  # fmt: skip
    return float(to_points(-int(flow.optimal_cost()))), pairs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("problem")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument(
        "--gc-paused", action="store_true", help="garbage collector off, as the engine's CLI runs"
    )
    args = parser.parse_args(argv)
    np.seterr(all="ignore")
    if args.gc_paused:
        gc.disable()
    objective, pairs = bare(json.loads(Path(args.problem).read_text(encoding="utf-8")))
    text = json.dumps({"objective": round(objective, 2), "pairs": pairs}, ensure_ascii=False)
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    print(f"{len(pairs)} matches, objective {round(objective, 2)}")


if __name__ == "__main__":
    main()
