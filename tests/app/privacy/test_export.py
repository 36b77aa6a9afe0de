"""The export: JSON with every row of the person, a readable document (HTML, PDF) in their
language, and a record in the case file's audit trail."""

from __future__ import annotations

import base64
import json

from sqlalchemy import select

from app.casefile.models import AuditEntry
from app.extensions import db
from app.privacy import checks
from app.privacy.models import DataExport
from tests.app.casefile.pdf_reading import assert_tagged, pdf_text, save_page_png
from tests.app.privacy.rich import EMAIL, FAMILY, GIVEN, PDF_BYTES, PHONE


def exported(client) -> dict:
    response = client.get("/me/data/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    return json.loads(response.get_data(as_text=True))


def test_json_export_holds_everything_of_a_rich_person(app, client, login, rich):
    login(rich.user)
    data = exported(client)
    tables = data["tables"]
    with app.app_context():
        # She has rows in every table that can hold something of a person, and all are exported.
        assert set(tables) == checks.reachable_tables()
    person = tables["person"][0]
    assert (person["given_name"], person["family_name"], person["phone"]) == (GIVEN, FAMILY, PHONE)
    assert tables["user"][0]["email"] == EMAIL
    assert "password_hash" not in tables["user"][0] and "session_token" not in tables["user"][0]
    assert sorted(r["role"] for r in tables["user_role"]) == [
        "adviser",
        "employer",
        "mentor",
        "refugee",
    ]
    assert sorted(r["code"] for r in tables["person_language"]) == ["ar", "de", "en"]
    assert tables["person_skill"][0]["original_text"] == f"Schneiderin bei {FAMILY}"
    for table in (
        "availability_slot",
        "person_goal",
        "consent",
        "refugee_profile",
        "membership",
        "volunteer_profile",
        "mentor_profile",
        "employer_profile",
        "adviser_profile",
    ):
        assert len(tables[table]) == 1, table
    assert len(tables["offer"]) == 3 and len(tables["offer_skill"]) == 1
    # her own request, her matches on both sides, both ratings of the match she mentored
    assert [r["topic"] for r in tables["request"]] == [f"{GIVEN} sucht Rat", f"Früher: {GIVEN}"]
    statuses = sorted(p["status"] for p in tables["proposal"])
    assert statuses == ["active", "ended", "ended", "rejected"]
    assert sorted(r["stars"] for r in tables["rating"]) == [3, 4, 5, 5]
    assert len(tables["excluded_pair"]) == 1
    assert len(tables["notification"]) == 1  # hers, not the mentor's about the same match
    # the case file, every entry (the correction and the corrected row), grants, audit trail
    assert len(tables["case_file"]) == 1
    assert sorted(r["status"] for r in tables["case_status_entry"]) == [
        "recognised",
        "residence_permit",
    ]
    for table in (
        "case_residence_obligation_entry",
        "case_work_permission_entry",
        "case_qualification",
        "case_recognition_entry",
        "case_course_entry",
        "case_language_test_result",
        "case_goal",
        "case_goal_status_entry",
        "case_measure",
        "case_measure_status_entry",
        "case_note",
        "access_grant",
    ):
        assert len(tables[table]) >= 1, table
    document = tables["case_generated_document"][0]
    assert base64.b64decode(document["pdf"]["base64"]) == PDF_BYTES
    # an earlier PDF of her data: when she asked, not the PDF again (each would hold the last)
    (earlier,) = tables["data_export"]
    assert earlier["status"] == "ready" and "pdf" not in earlier
    assert "data_export.pdf" in data["explanations"]["omitted_columns"]
    actions = sorted(r["action"] for r in tables["audit_entry"])
    assert actions == ["export", "read", "read"]  # the export records itself first
    # her booking with an adviser: the adviser's row, her part
    assert data["shared"]["advice_slot"][0]["booking_note"].startswith(GIVEN)
    assert "request.offer_id" in data["explanations"]["not_exported"]
    assert [(m["subject"], m["body"].strip()) for m in data["mail"]] == [
        ("Willkommen", f"Hallo {GIVEN}!")
    ]


def test_other_peoples_rows_stay_out_of_the_export(client, login, rich):
    login(rich.user)
    body = json.dumps(exported(client))
    assert "Olga" not in body.replace("Olga lernt schnell", "")  # only her own rating names Olga
    assert "Mentor Mats" not in body and "Carla Koordinatorin" not in body


def test_export_is_recorded_in_the_audit_trail_as_the_persons_own(app, client, login, rich):
    login(rich.user)
    client.post("/me/data/pdf")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "export"))
    assert (entry.actor_user_id, entry.purpose, entry.detail) == (rich.user.id, "self", "pdf")
    assert entry.subject_key == rich.case_file.subject_key


def test_readable_document_in_english_and_as_pdf_in_arabic(app, client, login, rich):
    login(rich.user)
    html = client.get("/me/data/export.html").get_data(as_text=True)
    assert "Your data at Brücke" in html and "Case file: notes" in html
    assert f"{GIVEN} {FAMILY} rief an" in html
    # labels instead of column names and codes, names instead of ids, no technical columns
    assert "<th>Family name</th>" in html and "<th>family_name</th>" not in html
    assert (
        "Integration OS" in html
        and '<td dir="ltr">Active</td>' in html
        and ">residence permit<" in html
    )
    assert '<td dir="ltr">exported</td>' in html
    assert rich.case_file.subject_key not in html and "<th>password" not in html
    client.post("/language", data={"locale": "ar"})
    with app.app_context():
        from app.accounts.models import User

        db.session.get(User, rich.user.id).locale = "ar"
        db.session.commit()
    client.post("/me/data/pdf")
    with app.app_context():
        asked = db.session.scalar(
            select(DataExport).where(DataExport.pdf.is_not(None)).order_by(DataExport.id.desc())
        )
    assert asked.locale == "ar"
    response = client.get(f"/me/data/pdf/{asked.id}.pdf")
    assert response.mimetype == "application/pdf"
    pdf = response.data
    text = pdf_text(pdf)
    assert GIVEN in text and PHONE in text
    assert_tagged(pdf, "ar", "Brücke")
    save_page_png(pdf, "privacy-export-ar-page1.png")
    save_page_png(pdf, "privacy-export-ar-page3.png", page=2)


def test_a_user_without_a_profile_gets_their_account(client, build, login):
    user = build.user(name="Nur Konto")
    login(user)
    data = exported(client)
    assert data["tables"]["user"][0]["display_name"] == "Nur Konto"
    assert "person" not in data["tables"]
    assert client.get("/me/data/export.doc").status_code == 404


def test_a_documents_size_is_written_in_the_readers_number_format(app, client, login, rich):
    from flask_babel import force_locale

    from app.privacy.export import readable_value

    with app.test_request_context():
        with force_locale("fa"):
            assert readable_value(b"x" * 2_100_000) == "سند PDF، ۲٬۰۵۰ کیلوبایت"
        with force_locale("de"):
            assert readable_value(b"x" * 2_100_000) == "PDF-Dokument, 2.050 kB"
    login(rich.user)
    client.post("/language", data={"locale": "fa"})
    html = client.get("/me/data/export.html").get_data(as_text=True)
    assert "سند PDF، ۱ کیلوبایت" in html and "سند PDF، 1 کیلوبایت" not in html
