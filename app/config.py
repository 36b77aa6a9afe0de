"""Configuration: defaults in code, overrides from BRUECKE_* environment variables.

Every setting can be given as ``BRUECKE_<NAME>``; values that look like booleans or integers are
converted. Secrets never live in the repository: without ``BRUECKE_SECRET_KEY`` a random key is
generated once into the instance folder. Production (``BRUECKE_ENV=production``) refuses to start
without an explicit secret key, database URL and public URL.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from celery.schedules import crontab

PREFIX = "BRUECKE_"
DEVELOPMENT_PUBLIC_URL = "http://127.0.0.1:5000"  # where `flask run` serves

# Secrets have no default: they come from the environment (production refuses to start without a
# secret key). Named, so that neither a reader nor bandit takes a literal here for a password.
NO_SECRET = None
HASHING_PROFILE = "default"  # app.accounts.passwords.HASHERS

# Who runs this site, as the Impressum, the contact page, the privacy notice and the accessibility
# statement name them (app.legal). The defaults are the demo's: a made-up integration office of the
# Landkreis Osnabrück, shown with a "demo values" notice until OPERATOR_NAME is changed. The phone
# and fax numbers are in a range the Bundesnetzagentur keeps free for fiction (030 23125 xxx), the
# mail addresses are under .example.
OPERATOR_DEFAULTS: dict[str, Any] = {
    "OPERATOR_NAME": "Landkreis Osnabrück – Integrationsbüro (Demo)",
    "OPERATOR_STREET": "Am Schölerberg 1",
    "OPERATOR_CITY": "49082 Osnabrück",
    "OPERATOR_REPRESENTATIVE": "Erika Mustermann, Landrätin (Demo)",
    "OPERATOR_CONTENT_RESPONSIBLE": "Max Mustermann, Integrationsbüro (Demo)",
    # The body that supervises the operator (for a Landkreis in Niedersachsen the Kommunalaufsicht,
    # § 171 NKomVG); shown in the Impressum when given.
    "OPERATOR_OVERSIGHT": "Niedersächsisches Ministerium für Inneres und Sport (Kommunalaufsicht)",
    "OPERATOR_VAT_ID": None,
    "OPERATOR_EMAIL": "integration@bruecke.example",
    "OPERATOR_PHONE": "+49 30 23125 100",
    "OPERATOR_FAX": "+49 30 23125 199",
    "OPERATOR_SMS": None,  # a number deaf people can text; shown on the sign-language page
    # Opening hours: ISO weekdays (1 = Monday) or a range, then one or more time spans; ";" between.
    "OPERATOR_OFFICE_HOURS": "1-4 08:00-12:00 13:30-16:00; 5 08:00-12:00",
    # Videos in German Sign Language (DGS) the operator provides (BITV 2.0 § 4); none in the demo.
    "OPERATOR_DGS_VIDEO_URL": None,
    # A relay service deaf people may call the office through (text or sign language interpreting).
    "OPERATOR_RELAY_SERVICE_URL": None,
    # The data protection officer (Art. 37 GDPR).
    "DPO_NAME": "Behördliche Datenschutzbeauftragte, Landkreis Osnabrück (Demo)",
    "DPO_ADDRESS": "Am Schölerberg 1, 49082 Osnabrück",
    "DPO_EMAIL": "datenschutz@bruecke.example",
    # The supervisory authority for a Kommune in Niedersachsen (Art. 77 GDPR, § 19 NDSG). Source:
    # the authority's own privacy notice, https://lfd.niedersachsen.de (Datenschutzerklärung):
    # "Der Landesbeauftragte für den Datenschutz Niedersachsen, Prinzenstr. 5, 30159 Hannover,
    # poststelle@lfd.niedersachsen.de".
    "SUPERVISORY_AUTHORITY_NAME": "Der Landesbeauftragte für den Datenschutz Niedersachsen",
    "SUPERVISORY_AUTHORITY_ADDRESS": "Prinzenstraße 5, 30159 Hannover",
    "SUPERVISORY_AUTHORITY_EMAIL": "poststelle@lfd.niedersachsen.de",
    "SUPERVISORY_AUTHORITY_URL": "https://www.lfd.niedersachsen.de",
    # The enforcement procedure of the accessibility statement (Directive (EU) 2016/2102 Art. 9):
    # for public bodies of Niedersachsen (Kommunen included) the Schlichtungsstelle nach § 9d NBGG
    # at the Landesbeauftragte für Menschen mit Behinderungen. Source: its page "Aufgabe des
    # Schlichtungsverfahrens" (the URL below). A federal body names the Schlichtungsstelle nach
    # § 16 BGG instead (https://www.schlichtungsstelle-bgg.de).
    "ENFORCEMENT_BODY_NAME": (
        "Schlichtungsstelle nach § 9d NBGG bei der Landesbeauftragten für Menschen mit "
        "Behinderungen Niedersachsen"
    ),
    "ENFORCEMENT_BODY_URL": (
        "https://www.behindertenbeauftragte-niedersachsen.de/DE/Schlichtungsstelle/"
        "Schlichtungsverfahren/Aufgabe/Aufgabe_node.html"
    ),
    "ENFORCEMENT_BODY_ADDRESS": None,
    "ENFORCEMENT_BODY_EMAIL": None,
    # When the accessibility statement was last prepared (ISO date), and how long the operator's
    # log storage keeps the security log (logins, failed attempts): both named on the pages.
    "ACCESSIBILITY_STATEMENT_DATE": "2026-12-07",
    "SECURITY_LOG_RETENTION_DAYS": 30,
}

DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "DATABASE_URL": None,  # embedded default: sqlite in the instance folder
    "SECRET_KEY": NO_SECRET,
    "CELERY_BROKER_URL": None,  # no broker: tasks run in process
    "CELERY_RESULT_BACKEND": None,
    # Seconds a task may run unacknowledged before Redis hands it to another worker: longer than
    # the longest round (ROUND_TIME_LIMIT) plus a margin when not given. A dead worker's round is
    # taken over sooner by its heartbeat (ROUND_HEARTBEAT_TIMEOUT), not by this.
    "CELERY_VISIBILITY_TIMEOUT": None,
    # The longest a matching round may run in a worker (a 100,000-person round takes a minute).
    "ROUND_TIME_LIMIT": 1800,
    # A running round marks itself alive this often; one silent for the timeout has lost its
    # worker and is taken over (app.matches.recovery).
    "ROUND_HEARTBEAT_INTERVAL": 15,
    "ROUND_HEARTBEAT_TIMEOUT": 120,
    # A queued round no worker took in this time is handed out again: long enough for a queue of
    # other districts' rounds ahead of it, short enough when its message was lost.
    "ROUND_QUEUED_TIMEOUT": 600,
    # How often a round is re-queued before it is marked failed and the district is free again.
    "ROUND_MAX_RECOVERIES": 2,
    "RATELIMIT_STORAGE_URI": "memory://",
    "MAIL_SERVER": None,  # no SMTP server: mail is written to instance/outbox
    "MAIL_PORT": 587,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": NO_SECRET,
    "MAIL_USE_TLS": True,
    "MAIL_SENDER": "Brücke <noreply@bruecke.example>",
    # Every link in a mail starts with this, never with the request's Host header.
    "PUBLIC_URL": None,  # required in production; `flask run`'s address otherwise
    "TRUSTED_HOSTS": None,  # comma list; default: PUBLIC_URL's host (and localhost in development)
    "PROXY_HOPS": 0,  # reverse proxies in front of the app whose X-Forwarded-For/-Proto to believe
    "DEFAULT_LOCALE": "de",
    "LOGIN_ATTEMPTS": "10 per 15 minutes",  # failed logins per account
    "LOGIN_ATTEMPTS_PER_CLIENT": "50 per 15 minutes",  # failures against existing accounts
    "MAIL_LIMIT_PER_CLIENT": "30 per hour",  # mail-sending form posts per client address
    "MAIL_LIMIT_PER_RECIPIENT": "5 per hour",  # mails the forms send to one address
    # PDFs of one's data (or of a person kept on behalf) one user may ask for: each takes
    # seconds of a worker to render.
    "EXPORT_PDF_LIMIT": "5 per hour",
    "REMEMBER_DAYS": 14,
    # What one client (a user, or else an address) may add to the knowledge base per hour: a
    # person asks a handful of questions and rates a few answers; a script is stopped here.
    "KNOWLEDGE_QUESTIONS_LIMIT": "20 per hour",
    "KNOWLEDGE_FEEDBACK_LIMIT": "10 per hour",
    "TOKEN_MAX_AGE_SECONDS": 2 * 24 * 3600,
    "SESSION_COOKIE_SECURE": False,
    "PASSWORD_HASHING": HASHING_PROFILE,
    "LOG_LEVEL": "INFO",
    # Who may read /metrics (addresses or networks, comma list): it reveals the site's activity.
    "METRICS_ALLOWED": "127.0.0.1,::1",
    # host:port where a Celery worker serves its task metrics (none: not served).
    "WORKER_METRICS_ADDRESS": None,
    # How old the public open figures may be, per web process: they count every newcomer, and
    # anyone may ask for them (0: count on every request).
    "OPEN_FIGURES_CACHE_SECONDS": 300,
    # How often the newcomers' needs per region are counted for the evidence dashboards and the
    # open figures, which read the kept counts (0: every page counts afresh; see
    # app/evidence/snapshot.py).
    "EVIDENCE_SNAPSHOT_SECONDS": 300,
    **OPERATOR_DEFAULTS,
}


def _convert(raw: str) -> Any:
    lowered = raw.strip().lower()
    if lowered in {"true", "yes", "on", "1"}:
        return True
    if lowered in {"false", "no", "off", "0"}:
        return False
    if lowered.isdigit():
        return int(lowered)
    return raw


def from_environment(environ: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, Any]:
    """Return the BRUECKE_* variables without their prefix, converted."""
    return {
        key.removeprefix(PREFIX): _convert(value)
        for key, value in environ.items()
        if key.startswith(PREFIX) and not key.startswith(PREFIX + "TEST_")
    }


def instance_secret_key(instance_path: str) -> str:
    """Read the generated secret key from the instance folder, creating it on first start."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def build_config(instance_path: str, overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Merge defaults, environment and explicit overrides into Flask config keys."""
    settings = {**DEFAULTS, **from_environment(), **(overrides or {})}
    production = is_production(settings)
    if production and not (
        settings["SECRET_KEY"] and settings["DATABASE_URL"] and settings["PUBLIC_URL"]
    ):
        raise RuntimeError(
            "BRUECKE_ENV=production needs BRUECKE_SECRET_KEY, BRUECKE_DATABASE_URL and "
            "BRUECKE_PUBLIC_URL to be set"
        )
    public_url = str(settings["PUBLIC_URL"] or DEVELOPMENT_PUBLIC_URL).rstrip("/")
    database_url = settings["DATABASE_URL"] or f"sqlite:///{instance_path}/bruecke.sqlite"
    broker = settings["CELERY_BROKER_URL"]
    settings.update(
        SECRET_KEY=settings["SECRET_KEY"] or instance_secret_key(instance_path),
        SQLALCHEMY_DATABASE_URI=database_url,
        SQLALCHEMY_ENGINE_OPTIONS=_engine_options(database_url),
        BABEL_DEFAULT_LOCALE=settings["DEFAULT_LOCALE"],
        BABEL_TRANSLATION_DIRECTORIES="translations",
        RATELIMIT_STORAGE_URI=settings["RATELIMIT_STORAGE_URI"],
        RATELIMIT_STORAGE_OPTIONS=_limiter_storage_options(settings["RATELIMIT_STORAGE_URI"]),
        # Redis down: count in this process's memory (and say so once in the log) rather than
        # refuse every login; Redis is used again once it answers.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
        RATELIMIT_HEADERS_ENABLED=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PUBLIC_URL=public_url,
        TRUSTED_HOSTS=trusted_hosts(settings["TRUSTED_HOSTS"], public_url, production),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings["SESSION_COOKIE_SECURE"],
        REMEMBER_COOKIE_DURATION=timedelta(days=int(settings["REMEMBER_DAYS"])),
        WTF_CSRF_TIME_LIMIT=None,
        # Uploads (certificate scans) are at most 5 MB; anything far larger is refused at once.
        MAX_CONTENT_LENGTH=8 * 1024 * 1024,
        CELERY={
            "broker_url": broker or "memory://",
            "result_backend": settings["CELERY_RESULT_BACKEND"] or None,
            "task_always_eager": broker is None,
            "task_eager_propagates": True,
            "task_ignore_result": True,
            # At-least-once: a task is acknowledged after it ran, so a message whose worker was
            # killed goes back to the queue (after the visibility timeout) and runs again; the
            # tasks are idempotent. One message at a time per worker process.
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            "broker_transport_options": _transport_options(_visibility_timeout(settings)),
            # A round past its time limit fails (soft limit: the task marks it) instead of
            # holding a worker; the hard limit only applies to the prefork pool.
            "task_annotations": {
                "bruecke.matches.run_round": {
                    "soft_time_limit": int(settings["ROUND_TIME_LIMIT"]),
                    "time_limit": int(settings["ROUND_TIME_LIMIT"]) + ROUND_MARGIN_SECONDS // 2,
                }
            },
            "timezone": "Europe/Berlin",
            # `celery -A app.worker beat` runs these; the embedded default has no scheduler.
            "beat_schedule": {
                "expire-overdue-offers": {
                    "task": "bruecke.offers.expire_overdue",
                    "schedule": crontab(hour=2, minute=15),
                },
                # Mail whose task could not be sent (the broker was down) goes out once it is back.
                "flush-outbox-mail": {
                    "task": "bruecke.flush_outbox_mail",
                    "schedule": timedelta(minutes=1),
                },
                # A matching round for every district each Monday morning.
                "weekly-matching-rounds": {
                    "task": "bruecke.matches.scheduled_rounds",
                    "schedule": crontab(day_of_week=1, hour=3, minute=0),
                },
                # The needs per region that the evidence pages read (EVIDENCE_SNAPSHOT_SECONDS).
                "count-needs": {
                    "task": "bruecke.evidence.refresh_needs",
                    "schedule": max(float(settings["EVIDENCE_SNAPSHOT_SECONDS"]), 60.0),
                },
                # Take over rounds whose worker is gone; the rounds pages do it too.
                "recover-stuck-rounds": {
                    "task": "bruecke.matches.recover_stuck_rounds",
                    "schedule": 60.0,
                },
            },
        },
    )
    return settings


def is_production(settings: dict[str, Any]) -> bool:
    return bool(settings.get("ENV") == "production")


def trusted_hosts(
    configured: str | list[str] | None, public_url: str, production: bool
) -> list[str]:
    """The Host headers the app answers; any other gets a 400 before a view runs."""
    if isinstance(configured, str):
        return [host.strip() for host in configured.split(",") if host.strip()]
    if configured:
        return list(configured)
    hosts = [urlsplit(public_url).hostname or "localhost"]
    return hosts if production else [*hosts, "localhost", "127.0.0.1"]


# What the broker waits beyond the longest round before redelivering it to another worker.
ROUND_MARGIN_SECONDS = 300


def _visibility_timeout(settings: dict[str, Any]) -> int:
    configured = settings["CELERY_VISIBILITY_TIMEOUT"]
    if configured is not None:
        return int(configured)
    return int(settings["ROUND_TIME_LIMIT"]) + ROUND_MARGIN_SECONDS


def _transport_options(visibility_timeout: int) -> dict[str, int]:
    """Redis broker: redeliver unacknowledged messages after ``visibility_timeout`` seconds.

    Every worker looks for such messages every few seconds (at most every 10 s; kombu's default
    of 100 s would leave a short timeout waiting)."""
    return {
        "visibility_timeout": visibility_timeout,
        "unacked_restore_interval": max(1, min(10, visibility_timeout // 4)),
        "unacked_restore_throttle": 1,
    }


def _limiter_storage_options(uri: str) -> dict[str, Any]:
    """Storage errors arrive as ``limits.errors.StorageError``; Redis gives up within a second
    (an unreachable host would otherwise hold every login until the kernel's TCP timeout)."""
    options: dict[str, Any] = {"wrap_exceptions": True}
    if uri.startswith(("redis", "rediss")):
        options.update(socket_connect_timeout=1, socket_timeout=1)
    return options


def _engine_options(database_url: str) -> dict[str, Any]:
    if database_url.startswith("sqlite"):
        # Several threads (dev server, tests with a live server) share one file; wait rather than
        # fail when another writer holds the lock.
        return {"connect_args": {"timeout": 30, "check_same_thread": False}}
    return {"pool_pre_ping": True}
