"""Command line of the matching engine.

``python -m matching solve problem.json [-o result.json] [--candidates pairs.json]`` and
``python -m matching bench``.

Bad input never shows a traceback: the message names the place in the file and the exit code is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from matching.candidates import generate, request_nodes
from matching.compiled import compile_problem
from matching.gcpause import gc_paused
from matching.jsonout import dumps, dumps_bytes
from matching.parse import MAX_TIME_LIMIT, parse_problem
from matching.problem import Problem
from matching.scoring import to_points
from matching.solve import SOLVERS, SolveParams, SolverRefused, solve
from matching.validation import ProblemError

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the user must fix; the message says where."""


def read_problem(path: str) -> Problem:
    """Load and validate a problem file, turning every failure into :class:`BadInput`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"{path}: cannot read: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise BadInput(f"{path}: not a problem: nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise BadInput(f"{path}: not valid JSON: {error}") from None
    try:
        return parse_problem(data)
    except ProblemError as error:
        lines = "\n".join(f"{path}: {issue}" for issue in error.issues)
        raise BadInput(f"{lines}\n{len(error.issues)} error(s) in {path}") from None


def candidate_pairs(problem: Problem) -> list[dict[str, Any]]:
    """Every candidate pair with its score (explicit pairs as given), for ``--candidates``."""
    if problem.pairs is not None:
        return [{"seeker": p.seeker, "offer": p.offer, "score": p.score} for p in problem.pairs]
    c = compile_problem(problem)
    nodes = request_nodes(c)
    cs = generate(c, nodes)
    seekers = nodes.seeker[cs.node].tolist()
    points = to_points(cs.score).tolist()
    return [
        {"seeker": problem.seekers[s].id, "offer": problem.offers[o].id, "score": p}
        for s, o, p in zip(seekers, cs.offer.tolist(), points, strict=True)
    ]


def _write(path: str, data: Any) -> None:
    try:
        with Path(path).open("wb") as out:
            # Two writes: joining would copy a result of many megabytes once more.
            out.write(dumps_bytes(data))
            out.write(b"\n")
    except OSError as error:
        raise BadInput(f"{path}: cannot write: {error}") from None


def cmd_solve(args: argparse.Namespace) -> int:
    problem = read_problem(args.problem)
    params = SolveParams(solver=args.solver, time_limit=args.time_limit, top_k=args.top_k or None)
    try:
        result = solve(problem, params)
    except SolverRefused as error:
        raise BadInput(f"{args.problem}: {error}") from None
    if args.candidates:
        _write(args.candidates, candidate_pairs(problem))
    if args.output:
        _write(args.output, result)
        print(f"{result.status}: {result.stats['matches']} matches, objective {result.objective}")
    else:
        # The text of json.dumps(result.to_dict(), ensure_ascii=False, indent=2), faster.
        print(dumps(result))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from matching.bench import run_bench

    sizes = [int(s) for s in args.sizes.split(",") if s]
    run_bench(sizes, args.orlib, args.seed, args.greedy, full_bare=args.full_bare)
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= MAX_TIME_LIMIT:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"must be from 0 to {MAX_TIME_LIMIT:g} seconds")
    return value


def _top_k(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (keep all) or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matching", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("solve", help="solve a problem file")
    p.add_argument("problem", help="problem JSON file (see matching/problem.schema.json)")
    p.add_argument("-o", "--output", help="write the result here instead of printing it")
    p.add_argument("--candidates", help="also write every candidate pair to this JSON file")
    p.add_argument("--solver", choices=SOLVERS, default="auto")
    p.add_argument("--time-limit", type=_seconds, default=None, help="seconds for CP-SAT")
    p.add_argument("--top-k", type=_top_k, default=40, help="candidates kept per request (0: all)")
    p.set_defaults(run=cmd_solve)
    b = sub.add_parser("bench", help="benchmark on generated and OR-Library instances")
    b.add_argument("--sizes", default="1000,10000,100000", help="seekers = offers per instance")
    b.add_argument("--orlib", default=str(default_orlib()), help="OR-Library assign folder")
    b.add_argument("--seed", type=int, default=7)
    b.add_argument(
        "--no-greedy", dest="greedy", action="store_false", help="skip the greedy baseline"
    )
    b.add_argument(
        "--no-full-bare",
        dest="full_bare",
        action="store_false",
        help="skip timing bare min-cost flow on the full candidate graph",
    )
    b.set_defaults(run=cmd_bench)
    return parser


def default_orlib() -> Path:
    """../shared/benchmarks/orlib_assign relative to the repository."""
    return Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "orlib_assign"


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 fine, 2 bad input)."""
    args = build_parser().parse_args(argv)
    np.seterr(all="ignore")
    try:
        # A one-shot process: the collector stays off while the problem is read, solved and
        # written (matching.gcpause says why).
        with gc_paused():
            code: int = args.run(args)
    except BadInput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
