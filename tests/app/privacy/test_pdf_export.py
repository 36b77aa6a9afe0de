"""A PDF of one's data is asked for, rendered by a task after the commit, kept, and fetched only
by whoever asked; asking is limited, and the old address no longer renders anything."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.extensions import db
from app.privacy.models import DataExport


def only_export(app) -> DataExport:
    with app.app_context():
        return db.session.scalar(select(DataExport))


def exports(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(DataExport))


def test_asking_queues_the_pdf_and_the_task_makes_and_keeps_it(app, client, build, login):
    user = build.user(name="Nur Konto")
    login(user)
    response = client.post("/me/data/pdf")
    assert response.status_code == 302 and response.location.endswith("/me/data")
    made = only_export(app)
    # without a broker the task has run in process, after the request's commit
    assert (made.status, made.user_id, made.requested_by_id) == ("ready", user.id, user.id)
    assert made.pdf.startswith(b"%PDF") and made.finished_at is not None
    page = client.get("/me/data").get_data(as_text=True)
    assert "The PDF is ready: it is the first in the list." in page
    assert f'href="/me/data/pdf/{made.id}.pdf"' in page
    download = client.get(f"/me/data/pdf/{made.id}.pdf")
    assert download.mimetype == "application/pdf" and download.data == made.pdf
    assert download.headers["Content-Disposition"].startswith("attachment")
    state = client.get(f"/me/data/pdf/{made.id}/status").get_json()
    assert state["status"] == "ready" and state["download_url"] == f"/me/data/pdf/{made.id}.pdf"


def test_a_pdf_being_prepared_is_shown_with_a_refresh_link_and_no_script(app, client, build, login):
    user = build.user(name="Nur Konto")
    with app.app_context():
        waiting = DataExport(user_id=user.id, requested_by_id=user.id, locale="de")
        db.session.add(waiting)
        db.session.commit()
        waiting_id = waiting.id
    login(user)
    page = client.get("/me/data").get_data(as_text=True)
    assert "A PDF is being prepared." in page and '<a href="/me/data">Refresh</a>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script
    assert client.get(f"/me/data/pdf/{waiting_id}.pdf").status_code == 404  # not ready yet
    state = client.get(f"/me/data/pdf/{waiting_id}/status").get_json()
    assert (state["status"], state["download_url"]) == ("pending", None)


def test_another_user_gets_404_for_the_pdf_and_its_state(app, client, build, login, make_client):
    owner = build.user(name="Nur Konto")
    login(owner)
    client.post("/me/data/pdf")
    made = only_export(app)
    other = login(build.user(name="Andere Person"), on=make_client())
    assert other.get(f"/me/data/pdf/{made.id}.pdf").status_code == 404
    assert other.get(f"/me/data/pdf/{made.id}/status").status_code == 404
    assert f"/me/data/pdf/{made.id}.pdf" not in other.get("/me/data").get_data(as_text=True)


def test_asking_too_often_answers_429_with_a_clear_message(app, client, build, login, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_PDF_LIMIT", "1 per hour")
    login(build.user(name="Nur Konto"))
    assert client.post("/me/data/pdf").status_code == 302
    refused = client.post("/me/data/pdf")
    assert refused.status_code == 429
    assert "You have asked for a PDF of the data several times within the hour" in (
        refused.get_data(as_text=True)
    )
    assert exports(app) == 1  # the refused request made no row and rendered nothing


def test_the_old_address_no_longer_renders_but_leads_to_the_data_page(app, client, build, login):
    login(build.user(name="Nur Konto"))
    response = client.get("/me/data/export.pdf")
    assert response.status_code == 302 and response.location.endswith("/me/data")
    assert response.mimetype != "application/pdf"
    assert exports(app) == 0


def test_asking_needs_the_forms_csrf_token(app, client, build, login, monkeypatch):
    login(build.user(name="Nur Konto"))
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post("/me/data/pdf").status_code == 400
    assert exports(app) == 0
