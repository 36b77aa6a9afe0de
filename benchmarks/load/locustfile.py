"""Locust scenarios, one user class per role, against the demo district.

    .venv/bin/locust -f benchmarks/load/locustfile.py --host http://127.0.0.1:8720 \\
        --headless --users 50 --spawn-rate 10 --run-time 60s

Each simulated person waits 1–3 s between pages, as a person reading would. Logged-in roles use
the demo accounts (app.demo.seed); a role logs in once per locust process, with the login of
benchmarks.scale.run (password, and the published second factor for staff), and its users share
that session's cookies: a second-factor code is valid once, and the hashing of a hundred logins
is not the load under test. Anonymous visitors also register new accounts now and then (a write
with a mail): with ``BRUECKE_LOAD_LOG=file`` every request is written there as one JSON line
(start time, page group, page, status, ms, and the address of an acknowledged registration),
which benchmarks.load.run and benchmarks.load.faults read.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
import uuid
from typing import Any, ClassVar

from gevent.lock import Semaphore
from locust import HttpUser, between, events, task

from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_SECRET
from benchmarks.scale.run import CSRF, DISTRICT, Browser, coordinator_pages, log_in

TIMEOUT = float(os.environ.get("BRUECKE_LOAD_TIMEOUT", "60"))
LOG_PATH = os.environ.get("BRUECKE_LOAD_LOG")
_log = open(LOG_PATH, "a", buffering=1) if LOG_PATH else None  # noqa: SIM115  # whole run

_sessions: dict[Role, Any] = {}
_locks = {role: Semaphore() for role in Role}


@events.request.add_listener
def _write(  # noqa: PLR0917  # locust passes these by name
    name: str,
    response_time: float,
    response: Any,
    context: dict[str, Any],
    exception: BaseException | None,
    start_time: float,
    **_extra: Any,
) -> None:
    if _log is None:
        return
    status = getattr(response, "status_code", 0) or 0
    line = {
        "t": round(start_time, 3),
        "group": name.split(" ", 1)[0],
        "page": name.split(" ", 1)[-1],
        "status": status,
        "ms": round(response_time, 1),
        "ok": exception is None,
    }
    if context.get("registered") and exception is None:
        line["registered"] = context["registered"]
    _log.write(json.dumps(line) + "\n")


def logged_in_cookies(host: str, role: Role) -> Any:
    """Log in as the demo account of ``role`` once per process; later users get its cookies.

    Raises SystemExit (from the shared login) when the login is refused."""
    with _locks[role]:
        if role not in _sessions:
            browser = Browser(host, TIMEOUT)
            staff = role in (Role.COORDINATOR, Role.ADMIN)
            log_in(browser, DEMO_LOGINS[role], DEMO_SECOND_FACTOR_SECRET if staff else None)
            [jar] = [
                handler.cookiejar
                for handler in browser.opener.handlers
                if isinstance(handler, urllib.request.HTTPCookieProcessor)
            ]
            district = DISTRICT.search(browser.get("/evidence/")[1]) if staff else None
            _sessions[role] = (jar, int(district.group(1)) if district else 0)
        return _sessions[role]


class Visitor(HttpUser):
    """Base: a page is good when it answers the expected status; redirects are not followed."""

    abstract = True
    wait_time = between(1, 3)
    group = "public"

    def page(self, path: str, expected: int = 200) -> None:
        with self.client.get(
            path,
            name=f"{self.group} {path}",
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != expected:
                response.failure(f"status {response.status_code}")


class Anonymous(Visitor):
    """Someone reading the public pages; now and then a registration."""

    weight = 40

    @task(6)
    def home(self) -> None:
        self.page("/")

    @task(2)
    def figures(self) -> None:
        self.page("/figures")

    @task(3)
    def offers(self) -> None:
        self.page("/offers/")

    @task(2)
    def knowledge(self) -> None:
        self.page("/knowledge/")

    @task(2)
    def login_page(self) -> None:
        self.page("/login")

    @task(1)
    def register(self) -> None:
        form = self.client.get("/register", name="public /register", timeout=TIMEOUT)
        token = CSRF.search(form.text)
        email = f"load-{uuid.uuid4().hex[:12]}@load.example"
        data = {
            "csrf_token": token.group(1) if token else "",
            "display_name": "Load Test",
            "email": email,
            "role": Role.REFUGEE.value,
            "password": DEMO_PASSWORD + "-load",
            "password_again": DEMO_PASSWORD + "-load",
            "accept_privacy": "y",
        }
        with self.client.post(
            "/register",
            data=data,
            name="public POST /register",
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
            context={"registered": email},
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


class LoggedIn(Visitor):
    abstract = True
    roles: ClassVar[tuple[Role, ...]] = ()
    pages: ClassVar[tuple[str, ...]] = ()

    district = 0
    logged_in = False

    def log_in(self) -> bool:
        """Log in (once per role and process); a refused login counts as a failed request."""
        if self.logged_in:
            return True
        role = self.roles[int(time.time() * 1000) % len(self.roles)]
        started = time.time()
        try:
            jar, self.district = logged_in_cookies(self.host, role)
        except SystemExit as refused:
            events.request.fire(
                request_type="POST",
                name=f"{self.group} login",
                response_time=(time.time() - started) * 1000,
                response_length=0,
                response=None,
                context={},
                exception=RuntimeError(str(refused)),
                start_time=started,
            )
            return False
        self.client.cookies.update(jar)
        self.logged_in = True
        return True

    def visit(self, paths: list[str]) -> None:
        for path in paths:
            if not self.log_in():
                self.wait()
                return
            self.page(path)
            self.wait()

    @task
    def browse(self) -> None:
        self.visit(list(self.pages))


class Newcomer(LoggedIn):
    weight = 30
    group = "newcomer"
    roles = (Role.REFUGEE,)
    pages = ("/me", "/requests/mine", "/matches/mine", "/offers/", "/me/file", "/inbox")


class Helper(LoggedIn):
    """Volunteers and mentors."""

    weight = 15
    group = "helper"
    roles = (Role.VOLUNTEER, Role.MENTOR)
    pages = ("/me", "/matches/mine", "/availability.ics", "/knowledge/", "/inbox")


class Employer(LoggedIn):
    weight = 8
    group = "employer"
    roles = (Role.EMPLOYER,)
    pages = ("/me", "/offers/mine", "/matches/mine", "/inbox")


class Coordinator(LoggedIn):
    weight = 7
    group = "coordinator"
    roles = (Role.COORDINATOR,)

    @task
    def browse(self) -> None:
        self.visit(["/"])  # logs in first: the district is known then
        if self.logged_in:
            self.visit(coordinator_pages(self.district)[1:])
