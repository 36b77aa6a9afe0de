"""Time every coordinator page and the public figures against gunicorn on a grown demo district.

    .venv/bin/python -m benchmarks.scale.run \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_scale --seed 100000

``--seed N`` first runs ``flask seed-demo --people N`` on that database (it tops up, so a second
run reuses the rows). Then gunicorn starts with two workers on loopback, the script logs in as the
demo coordinator (password and the published second factor) and measures each page K times:
median and p95 in ms, the ratio of the median to a bare route (``/healthz``) measured in the same
run, the status codes, and the resident memory of every worker before and after. Last, four
anonymous requests to each public page run at once while the home page is timed. It prints one
markdown table per part; see README.md for results.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import statistics
import subprocess  # nosec B404  # starts gunicorn and flask, fixed arguments
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyotp

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_SECRET

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BARE = "/healthz"
PUBLIC = ["/", "/figures"]
DEMO_COORDINATOR = DEMO_LOGINS[Role.COORDINATOR]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
DISTRICT = re.compile(r"/evidence/(\d+)")


def coordinator_pages(district_id: int) -> list[str]:
    return [
        "/",
        "/people/",
        "/files",
        "/matches/queue",
        "/matches/rounds",
        f"/evidence/{district_id}",
        f"/evidence/{district_id}.csv",
        "/requests/",
        "/offers/",
        "/figures",
    ]


@dataclass
class Timing:
    path: str
    ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def record(self, ms: float, status: int) -> None:
        self.ms.append(ms)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def median(self) -> float:
        return statistics.median(self.ms) if self.ms else float("nan")

    @property
    def p95(self) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0


class Browser:
    """A cookie-keeping client that never follows redirects (a 302 is an answer here)."""

    def __init__(self, base: str, timeout: float) -> None:
        self.base = base
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str, float]:
        return self.send(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode()
        return self.send(urllib.request.Request(self.base + path, data=body, method="POST"))

    def send(self, request: urllib.request.Request) -> tuple[int, str, float]:
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:  # nosec B310
                body = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:  # also every redirect: its body is the target
            status = error.code
            location = error.headers.get("Location") if 300 <= status < 400 else None
            body = location or error.read().decode("utf-8", "replace")
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            body, status = "", 0  # 0: no answer within the timeout, or the connection dropped
        return status, body, (time.perf_counter() - started) * 1000


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def log_in(browser: Browser, email: str, second_factor_secret: str | None = None) -> None:
    """Log in with the demo password; staff pass the second factor with the current code."""
    _, page, _ = browser.get("/login")
    token = CSRF.search(page)
    status, _, _ = browser.post(
        "/login",
        {"csrf_token": token.group(1) if token else "", "email": email, "password": DEMO_PASSWORD},
    )
    if second_factor_secret is None:
        if status == 302:
            return
        raise SystemExit(f"could not log in as {email} (status {status})")
    for _attempt in range(2):  # a code is valid once: wait for the next one if it was used
        _, page, _ = browser.get("/login/verify")
        token = CSRF.search(page)
        code = pyotp.TOTP(second_factor_secret).now()
        status, _, _ = browser.post(
            "/login/verify", {"csrf_token": token.group(1) if token else "", "code": code}
        )
        if status == 302:
            return
        time.sleep(31)
    raise SystemExit(f"could not log in as {email} (last status {status})")


def log_in_as_coordinator(browser: Browser) -> None:
    log_in(browser, DEMO_COORDINATOR, DEMO_SECOND_FACTOR_SECRET)


def measure(browser: Browser, path: str, count: int, budget_s: float) -> Timing:
    """Up to ``count`` requests, fewer when they take longer than ``budget_s`` together."""
    timing = Timing(path)
    started = time.perf_counter()
    while len(timing.ms) < count and time.perf_counter() - started < budget_s:
        status, _, ms = browser.get(path)
        timing.record(ms, status)
    return timing


def worker_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        sizes.append(round(kilobytes / 1024, 1))
    return sizes


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def timing_rows(timings: list[Timing], bare: Timing) -> list[list[object]]:
    return [
        [
            f"`{t.path}`",
            len(t.ms),
            f"{t.median:.0f}",
            f"{t.p95:.0f}",
            f"{t.median / bare.median:.1f}",
            ", ".join(f"{code}×{n}" for code, n in sorted(t.statuses.items())),
        ]
        for t in timings
    ]


def under_public_load(base: str, timeout: float, home_every: float) -> list[list[object]]:
    """Four anonymous requests to each public page at once while the home page is timed."""
    rows = []
    for path in PUBLIC:
        results: list[tuple[int, float]] = []

        def fetch(path: str = path, results: list[tuple[int, float]] = results) -> None:
            status, _, ms = Browser(base, timeout).get(path)
            results.append((status, ms))

        threads = [threading.Thread(target=fetch) for _ in range(4)]
        for thread in threads:
            thread.start()
        home = Timing("/")
        while any(thread.is_alive() for thread in threads):
            status, _, ms = Browser(base, timeout).get("/")
            home.record(ms, status)
            time.sleep(home_every)
        for thread in threads:
            thread.join()
        loaded = [ms for _, ms in results]
        rows.append(
            [
                f"`{path}`",
                ", ".join(str(status) for status, _ in results),
                f"{max(loaded):.0f}",
                len(home.ms),
                f"{home.median:.0f}",
                f"{max(home.ms):.0f}",
                ", ".join(f"{code}×{n}" for code, n in sorted(home.statuses.items())),
            ]
        )
    return rows


def start_gunicorn(database_url: str, port: int, timeout: float) -> subprocess.Popen[bytes]:
    env = dict(os.environ, BRUECKE_DATABASE_URL=database_url, FLASK_APP="app")
    server = subprocess.Popen(  # nosec B603
        [
            str(BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            str(int(timeout)),
            "app:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if (
            Browser(f"http://127.0.0.1:{port}", 5).get(BARE)[0] == 200
            and len(worker_rss_mb(server.pid)) == 2
        ):
            return server
        time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def seed(database_url: str, people: int) -> None:
    env = dict(os.environ, BRUECKE_DATABASE_URL=database_url, FLASK_APP="app")
    flask = str(BIN / "flask")
    subprocess.run([flask, "db", "upgrade"], cwd=ROOT, env=env, check=True)  # nosec B603
    subprocess.run([flask, "seed-demo", "--people", str(people)], cwd=ROOT, env=env, check=True)  # nosec B603


def run(args: argparse.Namespace, say: Callable[[str], None]) -> None:
    if args.seed:
        seed(args.database_url, args.seed)
    server = start_gunicorn(args.database_url, args.port, args.timeout)
    base = f"http://127.0.0.1:{args.port}"
    try:
        before = worker_rss_mb(server.pid)
        coordinator = Browser(base, args.timeout)
        log_in_as_coordinator(coordinator)
        _, page, _ = coordinator.get("/evidence/")  # redirects to the one district's dashboard
        found = DISTRICT.search(page)
        district_id = int(found.group(1)) if found else 0
        bare = measure(coordinator, BARE, args.requests, args.page_budget)
        pages = [
            measure(coordinator, p, args.requests, args.page_budget)
            for p in coordinator_pages(district_id)
        ]
        anonymous = Browser(base, args.timeout)
        public = [measure(anonymous, p, args.requests, args.page_budget) for p in PUBLIC]
        load_rows = under_public_load(base, args.timeout, 0.1)
        after = worker_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    header = ["page", "n", "median ms", "p95 ms", f"× `{BARE}`", "statuses"]
    say(f"Bare route `{BARE}`: median {bare.median:.1f} ms, p95 {bare.p95:.1f} ms\n")
    say("Coordinator (logged in, second factor passed):\n")
    say(table(header, timing_rows(pages, bare)) + "\n")
    say("Anonymous:\n")
    say(table(header, timing_rows(public, bare)) + "\n")
    say("Four anonymous requests to one public page at once, home page timed meanwhile:\n")
    say(
        table(
            [
                "public page",
                "its statuses",
                "its slowest ms",
                "home n",
                "home median ms",
                "home max ms",
                "home statuses",
            ],
            load_rows,
        )
        + "\n"
    )
    say(f"RSS per gunicorn worker (MB): before {before}, after {after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=0, help="grow the demo to N people first")
    parser.add_argument("--requests", type=int, default=20, help="K requests per page")
    parser.add_argument("--page-budget", type=float, default=60, help="seconds per page at most")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per request")
    parser.add_argument("--port", type=int, default=8765)
    run(parser.parse_args(), print)


if __name__ == "__main__":
    main()
