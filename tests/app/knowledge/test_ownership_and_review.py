"""Only the owning organisation (and administrators) edit an article; an edit keeps the owner and
waits, unpublished, until a second person of the organisation or an administrator publishes it.

The ``kb`` articles belong to the editor's organisation; ``kb.reviewer`` is a second coordinator
of it. Articles another coordinator may read but not change answer 403 (not 404: that it exists
is no secret to an authority).
"""

from __future__ import annotations

import pytest

from app.core.permissions import Role
from app.extensions import db
from app.knowledge.models import Article, ArticleStatus


def edit_form(**changes: str) -> dict[str, str]:
    return {
        "language": "de",
        "title": "Anerkennung ausländischer Berufsabschlüsse",
        "body": "Geändert von jemand anderem",
        "tags": "Anerkennung",
        "synonyms": "",
        "audience": "public",
        "region": "None",
        "valid_until": "",
        **changes,
    }


def body_for_readers(make_client, article_id: int) -> str:
    return make_client().get(f"/knowledge/{article_id}?lang=de").get_data(as_text=True)


@pytest.fixture
def other_organisation(build):
    return build.organisation("Jobcenter Emsland")


@pytest.fixture
def outsider(build, other_organisation):
    """A coordinator of another organisation."""
    return build.coordinator(other_organisation)


def test_another_organisations_coordinator_cannot_edit_or_publish(app, client, login, kb, outsider):
    login(outsider)
    assert client.get(f"/knowledge/{kb.recognition}").status_code == 200
    assert client.get(f"/knowledge/{kb.recognition}/edit").status_code == 403
    assert client.post(f"/knowledge/{kb.recognition}/edit", data=edit_form()).status_code == 403
    response = client.post(f"/knowledge/{kb.draft}/status", data={"status": "published"})
    assert response.status_code == 403
    assert "Only the organisation responsible" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Article, kb.recognition).current("de").body == "Neu seit 2026 ..."
        assert db.session.get(Article, kb.draft).status == ArticleStatus.DRAFT.value


def test_an_edit_keeps_the_owning_organisation(app, client, login, build, kb):
    login(build.user(Role.ADMIN))
    response = client.post(f"/knowledge/{kb.recognition}/edit", data=edit_form(organisation="None"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Article, kb.recognition).organisation_id == kb.organisation.id


def test_an_edit_of_a_published_answer_waits_for_a_second_person(
    app, client, login, make_client, kb
):
    login(kb.editor)
    assert client.post(f"/knowledge/{kb.recognition}/edit", data=edit_form()).status_code == 302
    assert "Neu seit 2026" in body_for_readers(make_client, kb.recognition)
    assert "Geändert" not in body_for_readers(make_client, kb.recognition)
    assert 'data-mark="pending"' in client.get(f"/knowledge/{kb.recognition}/history").get_data(
        as_text=True
    )
    own = client.post(f"/knowledge/{kb.recognition}/status", data={"status": "published"})
    assert own.status_code == 403
    assert "Geändert" not in body_for_readers(make_client, kb.recognition)

    reviewer = login(kb.reviewer, on=make_client())
    publish = reviewer.post(f"/knowledge/{kb.recognition}/status", data={"status": "published"})
    assert publish.status_code == 302
    assert "Geändert" in body_for_readers(make_client, kb.recognition)
    with app.app_context():
        newest = db.session.get(Article, kb.recognition).current("de")
        assert newest.published_at is not None
        assert newest.published_by_id == kb.reviewer.id


def test_an_administrator_publishes_their_own_edit(app, client, login, make_client, build, kb):
    login(build.user(Role.ADMIN))
    assert client.post(f"/knowledge/{kb.recognition}/edit", data=edit_form()).status_code == 302
    assert "Geändert" not in body_for_readers(make_client, kb.recognition)
    publish = client.post(f"/knowledge/{kb.recognition}/status", data={"status": "published"})
    assert publish.status_code == 302
    assert "Geändert" in body_for_readers(make_client, kb.recognition)


def test_making_an_internal_answer_public_takes_it_to_review(app, client, login, make_client, kb):
    login(kb.editor)
    form = edit_form(title="Interne Weisung Wohnsitzauflage", body="Nur für Behörden")
    assert client.post(f"/knowledge/{kb.internal}/edit", data=form).status_code == 302
    assert make_client().get(f"/knowledge/{kb.internal}").status_code == 404
    with app.app_context():
        assert db.session.get(Article, kb.internal).status == ArticleStatus.IN_REVIEW.value


def test_a_new_article_belongs_to_one_of_the_writers_organisations(
    client, login, kb, other_organisation
):
    login(kb.editor)
    form = edit_form(title="Kita-Gutschein", body="So geht es")
    for foreign in ("None", str(other_organisation.id)):
        response = client.post("/knowledge/new", data={**form, "organisation": foreign})
        assert response.status_code == 422
    mine = client.post("/knowledge/new", data={**form, "organisation": str(kb.organisation.id)})
    assert mine.status_code == 302
