"""Production mode: a real Celery worker on Redis renders a printed agreement, with no request
context and in its own process, into the document's row."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.casefile import queries
from app.casefile.documents.services import request_document
from app.casefile.documents.tasks import produce_document
from app.casefile.models import GeneratedDocument
from app.casefile.models.documents import DocumentKind
from app.extensions import db
from tests.app.casefile.document_world import GOAL_JOB, build_document_world
from tests.app.casefile.pdf_reading import pdf_text
from tests.app.conftest import app_config
from tests.app.offers.builders import OfferBuilders
from tests.app.test_celery_worker import REDIS_URL, pytestmark, worker  # noqa: F401  (Redis or skip)


@pytest.fixture
def web(app: Flask, tmp_path: Path, database_url: str) -> Iterator[Flask]:
    """The web app with the broker; afterwards the test app's eager Celery is the default again."""
    yield create_app(app_config(tmp_path / "web", database_url, CELERY_BROKER_URL=REDIS_URL))
    app.extensions["celery"].set_default()
    app.extensions["celery"].set_current()


def test_a_worker_renders_the_agreement(app, build, web, worker):  # noqa: F811
    queue, _outbox = worker
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="uk")
    with web.app_context():
        coordinator = db.session.merge(docs.coordinator)
        person = queries.get_person(docs.person.id)
        access = queries.access_of(coordinator, person)
        case_file = queries.get_case_file(person.id)
        document = request_document(
            case_file, DocumentKind.AGREEMENT, ["de", "uk"], coordinator, access
        )
        db.session.commit()
        document_id = document.id
        produce_document.apply_async((document_id,), queue=queue)
        assert document.status == "pending"  # the web process did not render it
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        with app.app_context():
            document = db.session.get(GeneratedDocument, document_id)
            if document.status != "pending":
                break
        time.sleep(0.3)
    assert document.status == "ready"
    assert GOAL_JOB in pdf_text(document.pdf) and "Цілі" in pdf_text(document.pdf)
