"""A printout asked for but not yet made: what a page sees while a worker renders it."""

from __future__ import annotations

from flask import Flask

from app.accounts.models import User
from app.casefile import queries
from app.casefile.documents.services import request_document
from app.casefile.documents.tasks import produce_document
from app.casefile.models.documents import DocumentKind
from app.extensions import db


def pending_document(app: Flask, person_id: int, actor: User, kind: str = "agreement") -> int:
    """The pending row and its print entry, as a web process with a broker leaves them."""
    with app.app_context():
        actor = db.session.merge(actor)
        person = queries.get_person(person_id)
        access = queries.access_of(actor, person)
        case_file = queries.get_case_file(person_id)
        languages = ["de"] if kind == "report" else ["de", "ar"]
        document = request_document(case_file, DocumentKind(kind), languages, actor, access)
        db.session.commit()
        return document.id


def finish(app: Flask, document_id: int) -> None:
    """What the worker does: the real task, run here."""
    with app.app_context():
        assert produce_document(document_id) == "ready"
