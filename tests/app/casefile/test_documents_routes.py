"""The document pages: the HTML progress report, printing (a Celery task, eager here) and the
download, for the coordinator with a counselling grant and for the person; everybody else gets
404 (no grant) or 403 (a grant for another purpose, or the wrong role)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.casefile.models import AccessGrant, AuditEntry, GeneratedDocument
from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db
from tests.app.casefile.document_world import GOAL_COURSE, GOAL_JOB, build_document_world
from tests.app.casefile.pdf_reading import pdf_text
from tests.app.offers.builders import OfferBuilders


@pytest.fixture
def offers(app, build) -> OfferBuilders:
    return OfferBuilders(app, build)


@pytest.fixture
def docs(app, build, offers):
    return build_document_world(app, build, offers, locale="ar")


@pytest.fixture
def client_of(make_client, login):
    def client_for(user):
        return login(user, on=make_client())

    return client_for


def audit_rows(app, **where) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
        return list(db.session.scalars(query))


def base(docs) -> str:
    return f"/people/{docs.person.id}/file"


def test_coordinator_reads_the_report_page_and_the_read_is_audited(app, docs, client_of):
    response = client_of(docs.coordinator).get(base(docs) + "/report")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for text in (GOAL_JOB, GOAL_COURSE, "Tandem Sprachcafé", "Sehr hilfreich", "<svg", "Ziele"):
        assert text in page
    [entry] = audit_rows(app, action="read", section="report")
    assert (entry.purpose, entry.actor_organisation_id) == ("counselling", docs.organisation.id)


def test_the_person_reads_their_report_in_their_language(app, docs, client_of):
    response = client_of(docs.person_user).get("/me/file/report")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'dir="rtl"' in page and "دورة لغة ألمانية" in page and GOAL_JOB in page
    [entry] = audit_rows(app, action="read", section="report")
    assert entry.purpose == "self" and entry.actor_organisation_id is None


def test_coordinator_prints_the_agreement_in_german_and_arabic(app, docs, client_of):
    client = client_of(docs.coordinator)
    response = client.post(base(docs) + "/documents", data={"kind": "agreement", "language": "ar"})
    assert response.status_code == 302
    with app.app_context():
        document = db.session.scalar(select(GeneratedDocument))
        assert (document.kind, document.languages, document.status) == (
            "agreement",
            "de,ar",
            "ready",
        )
        document_id = document.id
    listing = client.get(base(docs) + "/documents").get_data(as_text=True)
    assert f"/documents/{document_id}.pdf" in listing
    assert "alert-success" in listing  # printed at once: no broker, the task ran in process

    download = client.get(base(docs) + f"/documents/{document_id}.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    text = pdf_text(download.data)
    assert "Deutschkurs" in text and "دورة لغة" in text and GOAL_JOB in text
    [printed] = audit_rows(app, action="print")
    assert (printed.section, printed.purpose) == ("agreement", "counselling")
    assert audit_rows(app, action="read", section="agreement", detail=f"document {document_id}")


def test_the_person_prints_their_own_report(app, docs, client_of):
    client = client_of(docs.person_user)
    response = client.post("/me/file/documents", data={"kind": "report", "language": "ar"})
    assert response.status_code == 302
    with app.app_context():
        document = db.session.scalar(select(GeneratedDocument))
        assert (document.kind, document.purpose, document.status) == ("report", "self", "ready")
        document_id = document.id
    assert client.get(f"/me/file/documents/{document_id}.pdf").mimetype == "application/pdf"
    assert audit_rows(app, action="print", purpose="self", section="report")


def test_bad_print_requests_are_refused_without_a_document(app, docs, client_of):
    client = client_of(docs.coordinator)
    for data in ({"kind": "passport", "language": "ar"}, {"kind": "agreement", "language": "xx"}):
        assert client.post(base(docs) + "/documents", data=data).status_code == 422
    assert client.get(base(docs) + "/documents/999.pdf").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(GeneratedDocument)) is None


ROUTES = ("/report", "/documents", "/documents/1.pdf")


@pytest.mark.parametrize("rest", ROUTES)
def test_no_grant_is_404_another_purpose_403_wrong_role_403(app, build, docs, client_of, rest):
    assert client_of(docs.stranger).get(base(docs) + rest).status_code == 404
    assert client_of(docs.mentoring_only).get(base(docs) + rest).status_code == 403
    assert client_of(build.user(Role.ADMIN)).get(base(docs) + rest).status_code == 403
    assert client_of(docs.person_user).get(base(docs) + rest).status_code == 403
    assert not audit_rows(app, action="read")


def test_a_withdrawn_grant_closes_the_documents_at_once(app, docs, client_of):
    client = client_of(docs.coordinator)
    assert client.get(base(docs) + "/report").status_code == 200
    with app.app_context():
        grant = db.session.scalar(select(AccessGrant).filter_by(purpose="counselling"))
        grant.withdrawn_at = utcnow()
        db.session.commit()
    for rest in ROUTES:
        assert client.get(base(docs) + rest).status_code == 404


def test_a_person_cannot_download_another_files_document(app, build, offers, docs, client_of):
    coordinator = client_of(docs.coordinator)
    coordinator.post(base(docs) + "/documents", data={"kind": "agreement", "language": "ar"})
    with app.app_context():
        document_id = db.session.scalar(select(GeneratedDocument.id))
    other = build.user(Role.REFUGEE, locale="uk")
    build.refugee_person(build.district("Emsland", ("Meppen",)).children[0], user=other)
    assert client_of(other).get(f"/me/file/documents/{document_id}.pdf").status_code == 404


def test_the_file_pages_link_to_the_documents(docs, client_of):
    overview = client_of(docs.coordinator).get(base(docs)).get_data(as_text=True)
    assert base(docs) + "/report" in overview and base(docs) + "/documents" in overview
    mentoring = client_of(docs.mentoring_only).get(base(docs)).get_data(as_text=True)
    assert base(docs) + "/report" not in mentoring  # the link would only answer 403
    own = client_of(docs.person_user).get("/me/file").get_data(as_text=True)
    assert "/me/file/report" in own and "/me/file/documents" in own
