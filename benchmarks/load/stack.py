"""A private, self-contained Brücke deployment on loopback for the load and fault runs.

Everything here is started by this module and belongs to it alone: a PostgreSQL cluster of its own
(``initdb`` into the work folder, its own port), a redis-server of its own, gunicorn with the
repository's ``gunicorn.conf.py``, a Celery worker and Celery beat. The fault scripts stop,
restart and kill these, never a shared database or Redis. The cluster is kept in the work folder
between runs, so the grown demo (``flask seed-demo --people N``, which tops up) is seeded once.

When run as root, PostgreSQL runs as the ``postgres`` user (initdb refuses root).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess  # nosec B404  # starts the deployment's own servers, fixed arguments
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("BRUECKE_LOAD_PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "bruecke"


@dataclass
class Stack:
    workdir: Path
    pg_port: int = 5499
    redis_port: int = 6399
    web_port: int = 8720
    web_workers: int = 4
    web_timeout: int = 30
    # Shorter than production's 120 s / 15 s so that a killed worker's round is taken over
    # within a short run; the mechanism is the same (app.matches.recovery).
    heartbeat_timeout: int = 30
    heartbeat_interval: int = 5
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    # -- where things are -------------------------------------------------------------------
    @property
    def pgdata(self) -> Path:
        return self.workdir / "pgdata"

    @property
    def logs(self) -> Path:
        return self.workdir / "logs"

    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.pg_port}/{DATABASE}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def env(self) -> dict[str, str]:
        redis = f"redis://127.0.0.1:{self.redis_port}"
        return dict(
            os.environ,
            FLASK_APP="app",
            BRUECKE_DATABASE_URL=self.database_url,
            BRUECKE_CELERY_BROKER_URL=f"{redis}/0",
            BRUECKE_RATELIMIT_STORAGE_URI=f"{redis}/1",
            BRUECKE_INSTANCE_PATH=str(self.workdir / "instance"),
            BRUECKE_SECRET_KEY="load-suite-secret-not-for-production",  # nosec B106
            BRUECKE_PUBLIC_URL=self.base_url,
            # Every simulated user comes from 127.0.0.1: the per-address limits on mail
            # forms would otherwise answer 429 after 30 registrations.
            BRUECKE_MAIL_LIMIT_PER_CLIENT="100000 per hour",
            BRUECKE_ROUND_HEARTBEAT_TIMEOUT=str(self.heartbeat_timeout),
            BRUECKE_ROUND_HEARTBEAT_INTERVAL=str(self.heartbeat_interval),
            PROMETHEUS_MULTIPROC_DIR=str(self.workdir / "metrics"),
            WEB_CONCURRENCY=str(self.web_workers),
        )

    # -- PostgreSQL ---------------------------------------------------------------------------
    def _as_postgres(self, *command: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *command]
        return list(command)

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(  # nosec B603
            self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.pgdata), *args),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def init_postgres(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "run").mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres", "postgres")
            shutil.chown(self.workdir / "run", "postgres", "postgres")
        subprocess.run(  # nosec B603
            self._as_postgres(
                str(PG_BIN / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start_postgres(self) -> None:
        options = f"-p {self.pg_port} -k {self.workdir / 'run'} -c listen_addresses=127.0.0.1"
        log = self.workdir / "postgres.log"
        self._pg_ctl("-l", str(log), "-w", "-o", options, "start")

    def stop_postgres(self) -> None:
        """Fast shutdown: open connections are cut, as when the database server goes away."""
        self._pg_ctl("-m", "fast", "-w", "stop")

    def postgres_running(self) -> bool:
        return (self.pgdata / "postmaster.pid").exists()

    def create_database(self) -> None:
        with psycopg.connect(self.admin_dsn("postgres"), autocommit=True) as conn:
            if not conn.execute(
                "select 1 from pg_database where datname = %s", (DATABASE,)
            ).fetchone():
                conn.execute(f"create database {DATABASE}")

    def admin_dsn(self, database: str = DATABASE) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/{database}"

    def sql(self, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with psycopg.connect(self.admin_dsn(), connect_timeout=5) as conn:
            return list(conn.execute(query, params).fetchall())

    # -- Redis -------------------------------------------------------------------------------
    def start_redis(self) -> None:
        # Append-only file on: queued messages survive a restart, as they should in production.
        self._spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.workdir),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
            env=dict(os.environ),
        )
        self._wait_until("redis", self._redis_ping, 20)

    def _redis_ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.redis_port, socket_connect_timeout=1).ping())
        except redis.exceptions.ConnectionError:
            return False

    def stop_redis(self) -> None:
        self._stop("redis", signal.SIGTERM)

    # -- the app: gunicorn, Celery worker and beat --------------------------------------------
    def flask(self, *args: str) -> None:
        with (self.logs / "flask.log").open("ab") as log:
            subprocess.run(  # nosec B603
                [str(BIN / "flask"), *args],
                cwd=ROOT,
                env=self.env(),
                check=True,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def start_web(self) -> None:
        self._spawn(
            "web",
            [
                str(BIN / "gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(self.web_workers),
                "--timeout",
                str(self.web_timeout),
                "app:create_app()",
            ],
        )
        self._wait_until(
            "web",
            lambda: (
                self.http_status("/healthz") == 200
                and len(self.web_worker_pids()) == self.web_workers
            ),
            90,
        )

    def web_worker_pids(self) -> list[int]:
        master = self.processes["web"].pid
        path = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def start_worker(self) -> None:
        self._spawn(
            "worker",
            [
                str(BIN / "celery"),
                "-A",
                "app.worker",
                "worker",
                "--concurrency=1",
                "--hostname=load@%h",
                "--loglevel=INFO",
            ],
        )
        self._wait_until("worker", lambda: "ready" in self.log_text("worker"), 90)

    def kill_worker(self) -> None:
        """SIGKILL the whole worker: the main process and its pool, no chance to clean up."""
        process = self.processes.pop("worker")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def start_beat(self) -> None:
        self._spawn(
            "beat",
            [
                str(BIN / "celery"),
                "-A",
                "app.worker",
                "beat",
                "--schedule",
                str(self.workdir / "beat-schedule"),
                "--loglevel=INFO",
            ],
        )

    def http_status(self, path: str, timeout: float = 5) -> int:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=timeout) as answer:  # nosec B310
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return error.code
        except (OSError, TimeoutError):
            return 0

    # -- all of it ----------------------------------------------------------------------------
    def up(self, people: int) -> None:
        """Start everything; seed the demo to ``people`` first (a top-up: quick when there)."""
        self.logs.mkdir(parents=True, exist_ok=True)
        self.init_postgres()
        if not self.postgres_running():
            self.start_postgres()
        self.create_database()
        self.start_redis()
        self.flask("db", "upgrade")
        print(f"seeding the demo up to {people} people (a top-up; see {self.logs}/flask.log)")
        self.flask("seed-demo", "--people", str(people))
        self.start_worker()
        self.start_beat()
        self.start_web()

    def down(self) -> None:
        for name in list(self.processes):
            self._stop(name, signal.SIGTERM)
        if self.postgres_running():
            self.stop_postgres()

    def log_text(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(  # nosec B603
            command,
            cwd=ROOT,
            env=env or self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed as a whole
        )

    def _stop(self, name: str, sig: signal.Signals) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def _wait_until(self, name: str, ready: object, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if callable(ready) and ready():
                return
            process = self.processes.get(name)
            if process is not None and process.poll() is not None:
                break
            time.sleep(0.5)
        self.down()
        raise SystemExit(f"{name} did not come up; see {self.logs / (name + '.log')}")
