"""Faults while load runs: each kills or stops one part of the private deployment and prints
what users saw (requests, failed requests and their statuses, when the errors stopped), what was
stored (every acknowledged registration has its account and its mail went out; a round started
before a worker was killed finishes) and how long recovery took.

    .venv/bin/python -m benchmarks.load.run --users "" --faults web,postgres,redis,celery

Only the deployment of benchmarks.load.stack is touched: its own PostgreSQL cluster and Redis.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess  # nosec B404  # stops locust
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS
from benchmarks.load.run import Hit, read_hits, start_locust, statuses
from benchmarks.load.stack import Stack
from benchmarks.scale.run import CSRF, Browser, log_in, log_in_as_coordinator

Say = Callable[[str], None]
WARM_UP = 15  # seconds of load before the fault
AFTER = 30  # seconds of load after the part is back
LOCUST_AT_MOST = 1200  # seconds: a stop-gap, finish() stops locust
MAIL_WAIT = 240  # the outbox sweep runs every minute for mail older than a minute
REGION = re.compile(r'name="region_id"[\s\S]*?<option[^>]*value="(\d+)"')


class UnderLoad:
    """Locust runs in the background while the caller injects a fault; ``finish`` stops it."""

    def __init__(self, stack: Stack, users: int) -> None:
        self.log = Path(tempfile.mkdtemp(prefix="fault-", dir=stack.workdir)) / "requests.jsonl"
        self.locust = start_locust(stack, users, LOCUST_AT_MOST, self.log)

    def warm_up(self) -> None:
        """Wait for the first request (locust takes a while to start), then WARM_UP seconds."""
        deadline = time.time() + 120
        while time.time() < deadline and not (self.log.exists() and self.log.stat().st_size):
            time.sleep(0.5)
        time.sleep(WARM_UP)

    def finish(self, after: float = AFTER) -> list[Hit]:
        """Let the load run ``after`` seconds more, then stop locust and read what it sent."""
        time.sleep(after)
        self.locust.send_signal(signal.SIGTERM)
        try:
            self.locust.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.locust.kill()
            self.locust.wait()
        return read_hits(self.log)


def users_saw(hits: list[Hit], fault_at: float, say: Say) -> None:
    failed = [hit for hit in hits if not hit.ok]
    say(f"- users saw: {len(hits)} requests, {len(failed)} failed ({statuses(failed)})")
    if failed:
        first = min(hit.t for hit in failed) - fault_at
        last = max(hit.t + hit.ms / 1000 for hit in failed) - fault_at
        say(f"- failed requests from {first:+.1f} s to {last:+.1f} s after the fault")
        pages = sorted({f"{h.group} {h.page}" for h in failed})
        say(f"- pages that failed: {', '.join(pages[:12])}{' …' if len(pages) > 12 else ''}")
    slow = [hit for hit in hits if hit.t >= fault_at and hit.ok]
    if slow:
        say(f"- slowest good request after the fault: {max(h.ms for h in slow):.0f} ms")


def data_stored(
    stack: Stack, hits: list[Hit], say: Say, outage: tuple[float, float] | None = None
) -> int:
    """Every acknowledged registration has its account, and its confirmation mail went out
    (waiting up to MAIL_WAIT for it); ``outage``: also count those acknowledged during it."""
    emails = [hit.registered for hit in hits if hit.registered]
    if not emails:
        say("- stored: no registration was acknowledged during the run")
        return 0
    if outage:
        during = [h for h in hits if h.registered and outage[0] <= h.t <= outage[1]]
        say(f"- registrations acknowledged while the part was down: {len(during)}")
    waited = time.time()
    accounts = {
        row[0] for row in stack.sql('select email from "user" where email = any(%s)', (emails,))
    }
    missing = [email for email in emails if email not in accounts]
    deadline = time.time() + MAIL_WAIT
    while True:
        unsent = stack.sql(
            "select to_address from outbox_mail where to_address = any(%s) and sent_at is null",
            (emails,),
        )
        sent = stack.sql(
            "select count(distinct to_address) from outbox_mail"
            " where to_address = any(%s) and sent_at is not null",
            (emails,),
        )[0][0]
        if not unsent or time.time() > deadline:
            break
        time.sleep(5)
    lost = len(missing) + len(unsent)
    say(
        f"- stored: {len(emails)} registrations acknowledged, {len(accounts)} accounts found, "
        f"confirmation mail sent for {sent}, still pending {len(unsent)} "
        f"(checked until {time.time() - waited:.0f} s after the load ended)"
    )
    [(slowest,)] = stack.sql(
        "select extract(epoch from max(sent_at - created_at)) from outbox_mail"
        " where to_address = any(%s)",
        (emails,),
    )
    if slowest is not None:
        delay = float(str(slowest))
        say(f"- the slowest of these mails went out {delay:.0f} s after its registration")
    if outage and not unsent:
        late = [h.registered for h in hits if h.registered and outage[0] <= h.t <= outage[1]]
        [(last,)] = stack.sql(
            "select extract(epoch from max(sent_at)) from outbox_mail where to_address = any(%s)",
            (late,),
        )
        if last is not None:
            after = float(str(last)) - outage[1]
            say(f"- their mail went out {after:.0f} s after the part was back")
    say(f"- data lost: {'none' if lost == 0 else lost}")
    return lost


def wait_for(check: Callable[[], bool], seconds: float, step: float = 0.2) -> float | None:
    """Seconds until ``check()`` held, or None when it did not within ``seconds``."""
    started = time.time()
    while time.time() - started < seconds:
        if check():
            return time.time() - started
        time.sleep(step)
    return None


def seconds_text(value: float | None) -> str:
    return "not within the wait" if value is None else f"{value:.1f} s"


def busiest(pids: list[int]) -> int:
    """A worker that is running on a CPU now (likely in a request), else the first."""
    for pid in pids:
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "R":
                return pid
    return pids[0]


def kill_web_worker(stack: Stack, users: int, say: Say) -> None:
    say("\n### Fault: SIGKILL one gunicorn web worker\n")
    say(f"(machine load average: {', '.join(f'{n:.1f}' for n in os.getloadavg())})\n")
    load = UnderLoad(stack, users)
    load.warm_up()
    victim = busiest(stack.web_worker_pids())
    fault_at = time.time()
    os.kill(victim, signal.SIGKILL)
    back = wait_for(
        lambda: (
            len(stack.web_worker_pids()) == stack.web_workers
            and victim not in stack.web_worker_pids()
        ),
        60,
    )
    hits = load.finish()
    say(f"- killed worker {victim}; the master had a new one after {seconds_text(back)}")
    users_saw(hits, fault_at, say)
    data_stored(stack, hits, say)


def restart_postgres(stack: Stack, users: int, say: Say, outage: float = 10) -> None:
    say(f"\n### Fault: PostgreSQL stopped (fast shutdown) for {outage:.0f} s, then started\n")
    load = UnderLoad(stack, users)
    load.warm_up()
    fault_at = time.time()
    stack.stop_postgres()
    during = stack.http_status("/readyz")
    time.sleep(outage)
    stack.start_postgres()
    back_at = time.time()
    ready = wait_for(lambda: stack.http_status("/readyz") == 200, 60)
    hits = load.finish()
    say(f"- /readyz during the outage: {during}; 200 again {seconds_text(ready)} after the start")
    report_outage(hits, fault_at, back_at, say)
    data_stored(stack, hits, say, (fault_at, back_at))


def stop_redis(stack: Stack, users: int, say: Say, outage: float = 20) -> None:
    say(f"\n### Fault: Redis stopped for {outage:.0f} s, then started\n")
    coordinator = Browser(stack.base_url, 30)
    log_in_as_coordinator(coordinator)  # before the load: its users log in meanwhile
    load = UnderLoad(stack, users)
    load.warm_up()
    fault_at = time.time()
    stack.stop_redis()
    time.sleep(2)
    newcomer = Browser(stack.base_url, 30)
    try:
        log_in(newcomer, DEMO_LOGINS[Role.REFUGEE])
        login = "worked"
    except SystemExit as refused:
        login = f"failed: {refused}"
    round_status = start_round(coordinator)
    time.sleep(max(0.0, fault_at + outage - time.time()))
    stack.start_redis()
    back_at = time.time()
    ready = wait_for(lambda: stack.http_status("/readyz") == 200, 60)
    hits = load.finish()
    say(f"- a newcomer's login while Redis was down: {login}")
    say(f"- a coordinator starting a round while Redis was down: {round_status}")
    say(f"- /readyz 200 again {seconds_text(ready)} after Redis started")
    report_outage(hits, fault_at, back_at, say)
    data_stored(stack, hits, say, (fault_at, back_at))


def report_outage(hits: list[Hit], fault_at: float, back_at: float, say: Say) -> None:
    users_saw(hits, fault_at, say)
    failed_after = [h.t + h.ms / 1000 for h in hits if not h.ok and h.t >= back_at]
    recovered = (max(failed_after) - back_at) if failed_after else 0.0
    say(
        f"- outage {back_at - fault_at:.1f} s; requests failed for {recovered:.1f} s "
        "after the part was back (recovery time)"
    )


def start_round(browser: Browser) -> str:
    """POST the start form as a logged-in coordinator; returns what the coordinator got."""
    _, page, _ = browser.get("/matches/rounds")
    token, region = CSRF.search(page), REGION.search(page)
    status, body, _ = browser.post(
        "/matches/rounds",
        {
            "csrf_token": token.group(1) if token else "",
            "region_id": region.group(1) if region else "",
        },
    )
    found = re.search(r"/matches/rounds/(\d+)", body) if status == 302 else None
    return f"status {status}" + (f", round {found.group(1)}" if found else "")


def kill_celery_worker(stack: Stack, users: int, say: Say) -> None:
    say("\n### Fault: SIGKILL the whole Celery worker during a matching round\n")
    coordinator = Browser(stack.base_url, 60)
    log_in_as_coordinator(coordinator)  # before the load: its users log in meanwhile
    load = UnderLoad(stack, users)
    load.warm_up()
    started = start_round(coordinator)
    found = re.search(r"round (\d+)", started)
    if found is None:
        say(f"- the round did not start ({started}); skipped")
        load.finish()
        return
    round_id = int(found.group(1))

    def state() -> tuple[str, int, int]:
        query = "select status, recoveries, attempts from matching_round where id = %s"
        found = stack.sql(query, (round_id,))[0]
        return str(found[0]), int(str(found[1])), int(str(found[2]))

    running = wait_for(lambda: state()[0] == "running", 120, 0.5)
    fault_at = time.time()
    stack.kill_worker()
    time.sleep(5)
    stack.start_worker()
    taken_over = wait_for(lambda: state()[0] == "running" and state()[2] > 1, 600, 1)
    finished = wait_for(lambda: state()[0] in {"finished", "failed"}, 1800, 2)
    row = stack.sql(
        "select status, recoveries, attempts, failed_reason from matching_round where id = %s",
        (round_id,),
    )[0]
    hits = load.finish(after=5)
    say(
        f"- round {round_id} was running {seconds_text(running)} after it was started; "
        "the worker (main process and pool) got SIGKILL, a new worker started 5 s later"
    )
    say(
        f"- the new worker was running the round again {seconds_text(taken_over)} after the kill "
        f"(heartbeat timeout {stack.heartbeat_timeout} s, recovery every minute)"
    )
    say(
        f"- the round ended {seconds_text(finished)} after it was taken over: status {row[0]}, "
        f"recoveries {row[1]}, attempts {row[2]}, failed reason {row[3]}"
    )
    users_saw(hits, fault_at, say)
    data_stored(stack, hits, say)


FAULTS: dict[str, Callable[[Stack, int, Say], None]] = {
    "web": kill_web_worker,
    "postgres": restart_postgres,
    "redis": stop_redis,
    "celery": kill_celery_worker,
}
NAMES = ",".join(FAULTS)


def choose(spec: str) -> list[str]:
    if spec == "all":
        return list(FAULTS)
    if spec in {"", "none"}:
        return []
    chosen = [name.strip() for name in spec.split(",")]
    unknown = [name for name in chosen if name not in FAULTS]
    if unknown:
        raise SystemExit(f"unknown faults {unknown}; choose from {NAMES}")
    return chosen
