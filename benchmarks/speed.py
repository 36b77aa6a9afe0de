"""End to end: ``python -m matching solve`` against the bare path (``benchmarks.bare``).

Run ``.venv/bin/python -m benchmarks.speed [--sizes 1000,10000] [--repeats 5] [--seed 7]``.

Both are run as fresh processes on the same problem file (the CLI with explanations, advice and
blocking pairs, writing its full result; the bare path writing only its pairs), interleaved — CLI,
bare, CLI, bare … — so that the load of the machine at any moment falls on both alike. Reported
are the medians of the wall-clock seconds and of the CPU seconds (user + system of the child, which
depend much less on what else runs on the machine), and their ratios. The two objectives must
agree: the bare flow sees every candidate pair, so it checks that the engine's answer is optimal.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess  # nosec B404  # runs the two commands being measured
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.benchgen import generate_problem

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Timing:
    """Medians over the repetitions: wall-clock and CPU seconds of each path, and the ratios."""

    cli_wall: float
    bare_wall: float
    cli_cpu: float
    bare_cpu: float
    bare_gc_wall: float
    bare_gc_cpu: float
    cli_objective: float
    bare_objective: float
    repeats: int

    @property
    def wall_ratio(self) -> float:
        return self.cli_wall / self.bare_wall

    @property
    def cpu_ratio(self) -> float:
        return self.cli_cpu / self.bare_cpu


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one child process, and its last line of output."""
    before = os.times()
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)  # nosec B603
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, out.stdout.strip().splitlines()[-1]


def _objective(line: str) -> float:
    return float(line.rsplit("objective", 1)[1])


def end_to_end(problem: Path, repeats: int) -> Timing:
    """CLI and bare path on the same file, interleaved, ``repeats`` times each."""
    with tempfile.TemporaryDirectory() as tmp:
        cli = [sys.executable, "-m", "matching", "solve", str(problem), "-o", f"{tmp}/r.json"]
        bare = [sys.executable, "-m", "benchmarks.bare", str(problem), "-o", f"{tmp}/b.json"]
        commands = [("cli", cli), ("bare", bare), ("bare_gc", [*bare, "--gc-paused"])]
        runs: dict[str, list[tuple[float, float, str]]] = {name: [] for name, _ in commands}
        for k in range(repeats):
            # Rotate which goes first, so that none always gets the warmer cache.
            for name, cmd in commands[k % 3 :] + commands[: k % 3]:
                runs[name].append(_run(cmd))
    cli_objective, bare_objective = (_objective(runs[n][-1][2]) for n in ("cli", "bare"))
    if abs(cli_objective - bare_objective) > 0.005:
        raise AssertionError(f"engine {cli_objective} ≠ bare flow {bare_objective}")
    return Timing(
        cli_wall=statistics.median(r[0] for r in runs["cli"]),
        bare_wall=statistics.median(r[0] for r in runs["bare"]),
        cli_cpu=statistics.median(r[1] for r in runs["cli"]),
        bare_cpu=statistics.median(r[1] for r in runs["bare"]),
        bare_gc_wall=statistics.median(r[0] for r in runs["bare_gc"]),
        bare_gc_cpu=statistics.median(r[1] for r in runs["bare_gc"]),
        cli_objective=cli_objective,
        bare_objective=bare_objective,
        repeats=repeats,
    )


def problem_file(n: int, seed: int, folder: Path) -> Path:
    path = folder / f"problem_{n}_{seed}.json"
    if not path.exists():
        path.write_text(json.dumps(generate_problem(n, seed), ensure_ascii=False), "utf-8")
    return path


HEADER = (
    "| n × n | objective (engine = bare) | CLI s | bare path s | CLI ÷ bare (wall) "
    "| CLI CPU s | bare CPU s | CLI ÷ bare (CPU) | bare, GC paused: CPU s | CLI ÷ that (CPU) "
    "| repeats |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def row(n: int, t: Timing) -> str:
    return (
        f"| {n:,} | {t.cli_objective:,.2f} | {t.cli_wall:.2f} | {t.bare_wall:.2f} "
        f"| **{t.wall_ratio:.2f}** | {t.cli_cpu:.2f} | {t.bare_cpu:.2f} | **{t.cpu_ratio:.2f}** "
        f"| {t.bare_gc_cpu:.2f} | {t.cli_cpu / t.bare_gc_cpu:.2f} | {t.repeats} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = problem_file(n, args.seed, Path(tmp))
            print(row(n, end_to_end(path, args.repeats)), flush=True)


if __name__ == "__main__":
    main()
