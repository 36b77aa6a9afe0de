"""The load and fault suite in one command: a private deployment, locust per user level, faults.

    .venv/bin/python -m benchmarks.load.run            # seed to 100,000, load 10/50/100, all faults
    .venv/bin/python -m benchmarks.load.run --people 2000 --users 10 --duration 30 --faults none

It starts its own PostgreSQL cluster and redis-server (benchmarks.load.stack; the shared ones are
never touched), grows the demo to ``--people`` (kept in ``--workdir`` and topped up, so only the
first run pays for it), starts gunicorn with gunicorn.conf.py, a Celery worker and beat, then runs
the locust scenarios (benchmarks/load/locustfile.py) for each user level and prints one markdown
table per level: requests, req/s, p50/p95/p99 and errors per page group, and the memory of each
web worker before and after. Then the faults (benchmarks.load.faults) while load runs. See
README.md for the flags and the results.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess  # nosec B404  # runs locust, fixed arguments
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load.stack import BIN, ROOT, Stack
from benchmarks.scale.run import table

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
SPAWN_SECONDS = 10
GROUPS = ["public", "newcomer", "helper", "employer", "coordinator"]


@dataclass(frozen=True)
class Hit:
    t: float
    group: str
    page: str
    status: int
    ms: float
    ok: bool
    registered: str | None = None


def start_locust(stack: Stack, users: int, seconds: int, log: Path) -> subprocess.Popen[bytes]:
    """Start the scenarios headless for ``seconds``; every request goes to ``log`` (JSON lines).

    Users start over ``SPAWN_SECONDS``; SIGTERM stops locust early, as a finished run."""
    env = dict(stack.env(), BRUECKE_LOAD_LOG=str(log), PYTHONPATH=str(ROOT))
    return subprocess.Popen(  # nosec B603
        [
            str(BIN / "locust"),
            "-f",
            str(LOCUSTFILE),
            "--host",
            stack.base_url,
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // SPAWN_SECONDS)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=(stack.logs / "locust.log").open("ab"),
        stderr=subprocess.STDOUT,
    )


def run_locust(stack: Stack, users: int, seconds: int, log: Path) -> None:
    # locust exits 1 when any request failed: that is a result, not an error
    start_locust(stack, users, seconds, log).wait()


def read_hits(log: Path) -> list[Hit]:
    if not log.exists():
        return []
    return [Hit(**json.loads(line)) for line in log.read_text().splitlines() if line.strip()]


def span(hits: list[Hit]) -> float:
    """Seconds from the first request's start to the last one's end (at least one)."""
    if not hits:
        return 1.0
    return max(1.0, max(h.t + h.ms / 1000 for h in hits) - min(h.t for h in hits))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def statuses(hits: list[Hit]) -> str:
    counted = Counter(hit.status for hit in hits)
    return ", ".join(f"{code}×{n}" for code, n in sorted(counted.items())) or "–"


def summary_row(name: str, hits: list[Hit], seconds: float) -> list[object]:
    ms = [hit.ms for hit in hits]
    failed = [hit for hit in hits if not hit.ok]
    return [
        name,
        len(hits),
        f"{len(hits) / seconds:.1f}",
        f"{percentile(ms, 0.50):.0f}",
        f"{percentile(ms, 0.95):.0f}",
        f"{percentile(ms, 0.99):.0f}",
        f"{len(failed)} ({statuses(failed)})" if failed else "0",
    ]


SUMMARY_HEADER = ["page group", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"]


def level_table(hits: list[Hit], seconds: float) -> str:
    rows = [summary_row(g, [h for h in hits if h.group == g], seconds) for g in GROUPS]
    rows.append(summary_row("**all**", hits, seconds))
    return table(SUMMARY_HEADER, rows)


def page_table(hits: list[Hit], seconds: float) -> str:
    pages = sorted({(hit.group, hit.page) for hit in hits})
    rows = [
        summary_row(
            f"{group} `{page}`", [h for h in hits if (h.group, h.page) == (group, page)], seconds
        )
        for group, page in pages
    ]
    return table(SUMMARY_HEADER, rows)


def worker_rss_mb(stack: Stack) -> list[int]:
    sizes = []
    for pid in stack.web_worker_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+)", status)
        sizes.append(round(int(found.group(1)) / 1024) if found else 0)
    return sizes


def load_levels(stack: Stack, levels: list[int], seconds: int, say: Callable[[str], None]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="load-", dir=stack.workdir))
    for users in levels:
        before = worker_rss_mb(stack)
        log = folder / f"users-{users}.jsonl"
        run_locust(stack, users, seconds, log)
        hits = read_hits(log)
        elapsed = span(hits)
        load_average = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        say(f"\n### {users} users, {seconds} s (machine load average after: {load_average})\n")
        say(level_table(hits, elapsed))
        say(f"\nRSS per web worker (MB): before {before}, after {worker_rss_mb(stack)}\n")
        say(f"<details><summary>per page</summary>\n\n{page_table(hits, elapsed)}\n\n</details>")


def main() -> None:
    from benchmarks.load import faults

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # A fixed folder on purpose: the seeded cluster is kept there for the next run.
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bruecke-load"))  # nosec B108
    parser.add_argument("--people", type=int, default=100_000, help="grow the demo to N first")
    parser.add_argument("--users", default="10,50,100", help="user levels, comma list")
    parser.add_argument("--duration", type=int, default=60, help="seconds per user level")
    parser.add_argument("--faults", default="all", help=f"all, none, or of {faults.NAMES}")
    parser.add_argument("--fault-users", type=int, default=10, help="users while a fault runs")
    parser.add_argument("--pg-port", type=int, default=5499)
    parser.add_argument("--redis-port", type=int, default=6399)
    parser.add_argument("--web-port", type=int, default=8720)
    parser.add_argument("--web-workers", type=int, default=4)
    args = parser.parse_args()
    stack = Stack(
        args.workdir.resolve(),
        pg_port=args.pg_port,
        redis_port=args.redis_port,
        web_port=args.web_port,
        web_workers=args.web_workers,
    )
    chosen = faults.choose(args.faults)
    say = functools.partial(print, flush=True)
    stack.up(args.people)
    try:
        people = stack.sql("select count(*) from person")[0][0]
        say(f"## Load: {people} people, gunicorn {args.web_workers} workers, one Celery worker")
        levels = [int(n) for n in args.users.split(",") if n.strip()]
        if levels:
            load_levels(stack, levels, args.duration, say)
        for name in chosen:
            faults.FAULTS[name](stack, args.fault_users, say)
    finally:
        stack.down()
    os.sync()


if __name__ == "__main__":
    main()
