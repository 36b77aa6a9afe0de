"""Entry point of a Celery worker: ``celery -A app.worker worker``."""

from app import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]

# Import the task modules so the worker knows them.
import app.casefile.documents.tasks  # noqa: E402
import app.core.tasks  # noqa: E402
import app.evidence.tasks  # noqa: E402
import app.matches.tasks  # noqa: E402
import app.offers.tasks  # noqa: E402
import app.privacy.tasks  # noqa: E402,F401
