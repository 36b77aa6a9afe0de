"""Calm between rounds and the price of stability, measured on the engine's benchmark instances.

Run ``.venv/bin/python -m benchmarks.churn [--sizes 1000,10000] [--newcomers 10] [--seed 7]``.

**Churn per newcomer.** For each size, ``--newcomers`` seekers are taken out one at a time: round
1 is solved without that seeker, round 2 with everybody (the newcomer has registered). Churn is
the number of round-1 pairs that round 2 does not make again, averaged over the newcomers:

* *without current*: round 2 solved afresh (ties broken by ids);
* *with current*: round 2 given round 1's pairs as ``current`` (the engine keeps as many as an
  optimal answer allows);
* *least possible*: round-1 pairs minus the most of them any optimal round 2 keeps, computed
  independently by HiGHS (``benchmarks.highs``, the checker tests/matching uses too) on every
  candidate pair in two stages: the best total, then the most round-1 pairs kept at that total,
  over the optimal face of the first stage; the benchmark checks that HiGHS's total equals ours.
  Round 2 is the same problem for every newcomer, so it is solved once, and so is HiGHS's first
  stage; per newcomer only round 1, round 2 with ``current`` and HiGHS's second stage run.

*Reordered* solves the full problem with its rows shuffled and every object's keys reversed and
counts the pairs that differ (ties are broken by ids, so this must be 0).

**Stability.** The full problem solved for the best total and with ``settings.stable``: total,
matches and blocking pairs (counted over every candidate pair) of each, and what stability cost.

**Speed.** ``python -m matching solve`` end to end against the bare path (``benchmarks.bare``:
numpy candidates, one min-cost flow), interleaved in the same run (``benchmarks.speed``).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import numpy.typing as npt

from benchmarks import speed
from benchmarks.highs import Stage1, best_total_arrays, most_kept
from matching import Problem, Result, parse_problem, solve
from matching.benchgen import generate_problem
from matching.candidates import generate, request_nodes
from matching.cli import candidate_pairs
from matching.compiled import compile_problem
from matching.problem import KINDS
from matching.scoring import to_points

Pair = tuple[str, str, str]  # seeker, kind, offer


def pairs_of(result: Result) -> set[Pair]:
    return {(m.seeker, m.kind, m.offer) for m in result.matches}


@dataclass(frozen=True)
class Round2:
    """The full problem (round 2) solved once: the engine's answer and HiGHS's first stage."""

    data: dict[str, Any]
    problem: Problem
    fresh: Result
    seconds: float
    keys: npt.NDArray[np.int64]  # per candidate pair: seeker index × offers + offer index
    stage1: Stage1


def candidate_arrays(problem: Problem) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate pair with a positive score: seeker and offer index, kind, hundredths."""
    if problem.pairs is not None:
        s_index = {s.id: i for i, s in enumerate(problem.seekers)}
        o_index = {o.id: j for j, o in enumerate(problem.offers)}
        given = [p for p in problem.pairs if round(p.score * 100) > 0]
        seeker = np.array([s_index[p.seeker] for p in given], dtype=np.int64)
        offer = np.array([o_index[p.offer] for p in given], dtype=np.int64)
        score = np.array([round(p.score * 100) for p in given], dtype=np.int64)
    else:
        c = compile_problem(problem)
        nodes = request_nodes(c)
        cs = generate(c, nodes)
        seeker = nodes.seeker[cs.node].astype(np.int64)
        offer = cs.offer.astype(np.int64)
        score = np.rint(to_points(cs.score) * 100).astype(np.int64)
        useful = score > 0
        seeker, offer, score = seeker[useful], offer[useful], score[useful]
    kind = np.array([KINDS.index(o.kind) for o in problem.offers], dtype=np.int64)[offer]
    return seeker, offer, kind, score


WHOLE_LP_PAIRS = 1_000_000
START_PER_REQUEST = 10


def round2(data: dict[str, Any]) -> Round2:
    """Solve the full problem with the engine, and HiGHS's first stage on every candidate."""
    problem = parse_problem(data)
    started = time.perf_counter()
    fresh = solve(problem)
    seconds = time.perf_counter() - started
    seeker, offer, kind, score = candidate_arrays(problem)
    _, request = np.unique(seeker * len(KINDS) + kind, return_inverse=True)
    capacity = np.array([o.capacity for o in problem.offers], dtype=np.int64)
    # Beyond a million pairs HiGHS starts from each request's best few and prices the rest in.
    start = START_PER_REQUEST if score.size > WHOLE_LP_PAIRS else None
    stage1 = best_total_arrays(
        request.astype(np.int64), offer, score, capacity, start_per_request=start
    )
    if stage1.best != round(fresh.objective * 100):
        raise AssertionError(f"HiGHS total {stage1.best / 100} ≠ the engine's {fresh.objective}")
    keys = seeker * len(problem.offers) + offer
    return Round2(data, problem, fresh, seconds, keys, stage1)


def least_churn(r2: Round2, current: set[Pair]) -> int:
    """Round-1 pairs no optimal round 2 can keep, by HiGHS's second stage."""
    s_index = {s.id: i for i, s in enumerate(r2.problem.seekers)}
    o_index = {o.id: j for j, o in enumerate(r2.problem.offers)}
    wanted = np.array(
        [s_index[s] * len(r2.problem.offers) + o_index[o] for s, _, o in current], dtype=np.int64
    )
    return len(current) - most_kept(r2.stage1, np.isin(r2.keys, wanted))


def reordered(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """The same problem with rows shuffled and every object's keys in reverse order."""
    rng = random.Random(seed)

    def flip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: flip(value[k]) for k in reversed(list(value))}
        if isinstance(value, list) and value and isinstance(value[0], dict):
            rows = [flip(v) for v in value]
            rng.shuffle(rows)
            return rows
        return value

    return flip(data)


def regional(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """The same people, all living in one district around Osnabrück (a disc of 25 km radius at
    1,000 people, growing with the square root of the size): dense, like a real round."""
    rng = np.random.default_rng(seed)
    radius = 25 * (len(data["seekers"]) / 1000) ** 0.5

    def moved(person: dict[str, Any]) -> dict[str, Any]:
        r, angle = radius * rng.random() ** 0.5, 2 * np.pi * rng.random()
        lat = 52.27 + r * np.cos(angle) / 111.2
        lon = 8.05 + r * np.sin(angle) / (111.2 * 0.61)
        return {**person, "location": {"lat": round(lat, 5), "lon": round(lon, 5)}}

    return {
        **data,
        "seekers": [moved(s) for s in data["seekers"]],
        "offers": [moved(o) for o in data["offers"]],
    }


def mean(values: Iterable[float]) -> float:
    found = list(values)
    return sum(found) / len(found) if found else 0.0


def coarse(data: dict[str, Any]) -> dict[str, Any]:
    """The district's candidate pairs with scores rounded to 5 points, in pairs mode: an office
    that scores pairs on a coarse scale has many ties, where only ``current`` decides calmly."""
    problem = parse_problem(data)
    pairs = [
        {**p, "score": 5 * round(p["score"] / 5)} for p in candidate_pairs(problem) if p["score"]
    ]
    return {
        "seekers": [{"id": s.id} for s in problem.seekers],
        "offers": [{"id": o.id, "kind": o.kind, "capacity": o.capacity} for o in problem.offers],
        "pairs": pairs,
    }


VARIANTS = ("", " district", " district, scores to 5 points")


def instance(n: int, variant: str, seed: int) -> dict[str, Any]:
    data = generate_problem(n, seed)
    if variant == "":
        return data
    data = regional(data, seed)
    return data if variant == " district" else coarse(data)


def without_seeker(data: dict[str, Any], seeker: str) -> dict[str, Any]:
    """The problem before ``seeker`` registered."""
    smaller = {**data, "seekers": [s for s in data["seekers"] if s["id"] != seeker]}
    if "pairs" in data:
        smaller["pairs"] = [p for p in data["pairs"] if p["seeker"] != seeker]
    return smaller


def churn_row(r2: Round2, newcomers: int, seed: int) -> dict[str, Any]:
    data, fresh = r2.data, r2.fresh
    # Newcomers who get a match: one who gets nothing changes nothing.
    matched = sorted({int(m.seeker[1:]) for m in fresh.matches})
    picked = random.Random(seed).sample(matched, newcomers)
    plain, calm, least, given, seconds = [], [], [], [], []
    for i in picked:
        before = without_seeker(data, f"s{i}")
        first = pairs_of(solve(parse_problem(before)))
        current = [{"seeker": s, "offer": o, "kind": k} for s, k, o in sorted(first)]
        started = time.perf_counter()
        kept = solve(parse_problem({**data, "current": current}))
        seconds.append(time.perf_counter() - started)
        if kept.objective != fresh.objective:
            raise AssertionError("keeping current pairs changed the total")
        plain.append(len(first - pairs_of(fresh)))
        calm.append(len(first - pairs_of(kept)))
        least.append(least_churn(r2, first))
        given.append(len(first))
    shuffled = solve(parse_problem(reordered(data, seed)))
    return {
        "pairs": mean(given),
        "plain": mean(plain),
        "calm": mean(calm),
        "least": mean(least),
        "worst_calm_minus_least": max(c - m for c, m in zip(calm, least, strict=True)),
        "reordered": len(pairs_of(fresh) ^ pairs_of(shuffled)),
        "seconds": mean(seconds),
        "fresh_seconds": r2.seconds,
    }


def stability_row(r2: Round2) -> dict[str, Any]:
    data, best = r2.data, r2.fresh
    started = time.perf_counter()
    stable = solve(
        parse_problem({**data, "settings": {**data.get("settings", {}), "stable": True}})
    )
    stable_seconds = time.perf_counter() - started
    cost = stable.stats["stability"]
    if cost["optimal_objective"] != best.objective:
        raise AssertionError("the stable solve's optimum differs from the plain solve")
    return {
        "objective": best.objective,
        "matches": len(best.matches),
        "blocking": best.stats["blocking_pairs"],
        "stable_objective": stable.objective,
        "stable_matches": len(stable.matches),
        "stable_blocking": stable.stats["blocking_pairs"],
        "cost": cost["cost"],
        "cost_share": cost["cost_share"],
        "seconds": (r2.seconds, stable_seconds),
    }


CHURN_HEADER = (
    "| n × n | newcomers | round-1 pairs | churn without current | churn with current "
    "| least possible (HiGHS) | worst excess | reordered: pairs changed "
    "| solve s: fresh / with current |\n|---|---|---|---|---|---|---|---|---|"
)
STABILITY_HEADER = (
    "| n × n | optimal total | matches | blocking pairs | stable total | stable matches "
    "| stable blocking pairs | cost of stability: points (share) | matches given up "
    "| solve s: optimal / stable |\n|---|---|---|---|---|---|---|---|---|---|"
)


def churn_line(name: str, newcomers: int, r: dict[str, Any]) -> str:
    return (
        f"| {name} | {newcomers} | {r['pairs']:,.1f} | {r['plain']:.1f} "
        f"| {r['calm']:.1f} | {r['least']:.1f} | {r['worst_calm_minus_least']} "
        f"| {r['reordered']} | {r['fresh_seconds']:.1f} / {r['seconds']:.1f} |"
    )


def stability_line(name: str, r: dict[str, Any]) -> str:
    return (
        f"| {name} | {r['objective']:,.2f} | {r['matches']:,} | {r['blocking']:,} "
        f"| {r['stable_objective']:,.2f} | {r['stable_matches']:,} | {r['stable_blocking']} "
        f"| {r['cost']:,.2f} ({r['cost_share']:.2%}) | {r['matches'] - r['stable_matches']:,} "
        f"| {r['seconds'][0]:.1f} / {r['seconds'][1]:.1f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--newcomers", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tables", default="churn,stability,speed", help="which tables to print")
    parser.add_argument("--variants", default="0,1,2", help="0 spread, 1 district, 2 coarse")
    parser.add_argument("--repeats", type=int, default=5, help="end-to-end runs of each path")
    args = parser.parse_args(argv)
    tables = set(args.tables.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    picked = [VARIANTS[int(v)] for v in args.variants.split(",")]
    churn, stability = [], []
    for n in sizes:
        for variant in picked:
            if not tables & {"churn", "stability"}:
                break
            name = f"{n:,}{variant}"
            # Round 2 (the full problem) is solved once for both tables.
            r2 = round2(instance(n, variant, args.seed))
            if "churn" in tables:
                churn.append(
                    churn_line(name, args.newcomers, churn_row(r2, args.newcomers, args.seed))
                )
                print(churn[-1], file=sys.stderr, flush=True)
            if "stability" in tables:
                stability.append(stability_line(name, stability_row(r2)))
                print(stability[-1], file=sys.stderr, flush=True)
    for header, lines in ((CHURN_HEADER, churn), (STABILITY_HEADER, stability)):
        if lines:
            print("\n".join([header, *lines]) + "\n", flush=True)
    if "speed" in tables:
        speed_table(sizes, args.seed, args.repeats)


def speed_table(sizes: list[int], seed: int, repeats: int) -> None:
    """End to end: the CLI against the bare path on the spread instance of each size."""
    print(speed.HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = speed.problem_file(n, seed, Path(tmp))
            print(speed.row(n, speed.end_to_end(path, repeats)), flush=True)


if __name__ == "__main__":
    main()
