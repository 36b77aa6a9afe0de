"""gunicorn's settings for Brücke, read from the working directory:

    gunicorn 'app:create_app()'

Command-line options override these (``--workers 8``, ``--bind``). With several workers, set
PROMETHEUS_MULTIPROC_DIR to a folder of its own (e.g. /run/bruecke/metrics) so that /metrics
adds up every worker's counts; it is emptied at each start.
"""

import os
from pathlib import Path

from app.core.observability import gunicorn_logging

# Careful: gunicorn takes every module-level name that is one of its settings as that setting.

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
accesslog = "-"  # stdout
access_log_format = gunicorn_logging.ACCESS_FORMAT
logconfig_dict = gunicorn_logging.dict_config(
    production=os.environ.get("BRUECKE_ENV") == "production"
)

MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    """Counts of an earlier run would be added to this one's: start from an empty folder."""
    if MULTIPROC_DIR:
        folder = Path(MULTIPROC_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()


def child_exit(server, worker):
    """A worker that ended (restart, timeout) leaves its counts; its live gauges go."""
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
