"""The state of a printout being prepared, which the documents page polls: access-checked like the
download, never written to the audit trail, and the download link once it is ready."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.casefile.models import AuditEntry
from app.core.permissions import Role
from app.extensions import db
from tests.app.casefile.document_world import build_document_world
from tests.app.casefile.pending_documents import finish, pending_document
from tests.app.offers.builders import OfferBuilders


@pytest.fixture
def docs(app, build):
    return build_document_world(app, build, OfferBuilders(app, build), locale="ar")


@pytest.fixture
def client_of(make_client, login):
    def client_for(user):
        return login(user, on=make_client())

    return client_for


def audit_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(AuditEntry.id)))


def base(docs) -> str:
    return f"/people/{docs.person.id}/file/documents"


def test_the_coordinator_polls_until_the_printout_is_ready(app, docs, client_of):
    document_id = pending_document(app, docs.person.id, docs.coordinator)
    client = client_of(docs.coordinator)
    listing = client.get(base(docs)).get_data(as_text=True)
    status_url = f"{base(docs)}/{document_id}/status"
    assert f'data-status-url="{status_url}"' in listing
    # the coordinator reads German; without JavaScript the row's link reloads the page
    assert f'wird erstellt · <a href="{base(docs)}">Aktualisieren</a>' in listing
    assert "js/document-status.js" in listing
    before = audit_count(app)

    for _ in range(5):
        state = client.get(status_url).get_json()
        assert state["status"] == "pending" and state["download_url"] is None
    assert state["status_label"] == "wird erstellt"
    finish(app, document_id)
    state = client.get(status_url).get_json()
    assert state == {
        "status": "ready",
        "status_label": "fertig",
        "download_url": f"{base(docs)}/{document_id}.pdf",
        "download_label": "Integrationsvereinbarung (PDF)",
    }
    assert audit_count(app) == before  # polling is not a read of the file
    assert client.get(state["download_url"]).mimetype == "application/pdf"
    assert audit_count(app) == before + 1  # the download is


def test_the_person_polls_their_own_printout(app, docs, client_of):
    document_id = pending_document(app, docs.person.id, docs.person_user, kind="report")
    client = client_of(docs.person_user)
    status_url = f"/me/file/documents/{document_id}/status"
    assert f'data-status-url="{status_url}"' in client.get("/me/file/documents").text
    finish(app, document_id)
    state = client.get(status_url).get_json()
    assert state["download_url"] == f"/me/file/documents/{document_id}.pdf"


def test_a_ready_printout_is_not_polled(app, docs, client_of):
    document_id = pending_document(app, docs.person.id, docs.coordinator)
    finish(app, document_id)
    listing = client_of(docs.coordinator).get(base(docs)).get_data(as_text=True)
    assert "data-status-url" not in listing and f"/documents/{document_id}.pdf" in listing


def test_the_status_is_refused_like_the_download(app, build, docs, client_of):
    document_id = pending_document(app, docs.person.id, docs.coordinator)
    status_url = f"{base(docs)}/{document_id}/status"
    assert client_of(docs.stranger).get(status_url).status_code == 404
    assert client_of(docs.mentoring_only).get(status_url).status_code == 403
    assert client_of(build.user(Role.ADMIN)).get(status_url).status_code == 403
    assert client_of(docs.person_user).get(status_url).status_code == 403
    assert client_of(docs.coordinator).get(f"{base(docs)}/999/status").status_code == 404
    assert client_of(docs.person_user).get("/me/file/documents/999/status").status_code == 404


def test_nobody_polls_another_files_printout(app, build, docs, client_of):
    document_id = pending_document(app, docs.person.id, docs.coordinator)
    other = build.user(Role.REFUGEE, locale="uk")
    build.refugee_person(build.district("Emsland", ("Meppen",)).children[0], user=other)
    assert client_of(other).get(f"/me/file/documents/{document_id}/status").status_code == 404
    no_profile = client_of(build.user(Role.REFUGEE))
    assert no_profile.get(f"/me/file/documents/{document_id}/status").status_code == 404
