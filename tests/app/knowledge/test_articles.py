"""Versions, language fallback, out-of-date marks, access to internal answers, feedback, forms."""

from __future__ import annotations

import pytest

from app.core.permissions import Role
from app.extensions import db
from app.knowledge.models import Article, ArticleFeedback
from tests.app.test_access import ANONYMOUS


def test_a_change_is_a_new_version_and_the_history_stays(app, kb):
    with app.app_context():
        article = db.session.get(Article, kb.recognition)
        assert [v.number for v in article.versions] == [1, 2, 3, 4]
        assert article.current("de").body == "Neu seit 2026 ..."
        assert article.versions[0].body == "Die Anerkennung ..."


def test_translations_made_before_the_german_change_are_outdated(app, kb):
    with app.app_context():
        article = db.session.get(Article, kb.recognition)
        assert article.is_outdated("en") and article.is_outdated("ar")
        assert not article.is_outdated("de")


def test_english_page_is_marked_outdated(client, kb):
    page = client.get(f"/knowledge/{kb.recognition}?lang=en").get_data(as_text=True)
    assert "Recognition of foreign qualifications" in page
    assert 'data-mark="outdated"' in page and 'data-mark="fallback"' not in page


def test_missing_translation_falls_back_to_german(client, kb):
    page = client.get(f"/knowledge/{kb.duldung}?lang=uk").get_data(as_text=True)
    assert "Was erlaubt eine Duldung?" in page and 'data-mark="fallback"' in page


def test_a_fresh_translation_is_not_marked(client, login, build, kb):
    login(kb.editor)
    response = client.post(
        f"/knowledge/{kb.recognition}/edit",
        data={
            "language": "en",
            "title": "Recognition of foreign qualifications",
            "body": "New 2026",
            "tags": "recognition",
            "synonyms": "",
            "audience": "public",
            "organisation": "None",
            "region": "None",
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/knowledge/{kb.recognition}?lang=en").get_data(as_text=True)
    assert "New 2026" in page and 'data-mark="outdated"' not in page
    history = client.get(f"/knowledge/{kb.recognition}/history").get_data(as_text=True)
    assert history.count("<tr>") == 6  # header and five versions


@pytest.mark.parametrize(
    "role", [ANONYMOUS, Role.REFUGEE, Role.VOLUNTEER, Role.MENTOR, Role.EMPLOYER, Role.ADVISER]
)
def test_internal_and_draft_answers_are_hidden_from_the_public(client, build, login, kb, role):
    if role != ANONYMOUS:
        login(build.user(role))
    assert client.get(f"/knowledge/{kb.internal}").status_code == 404
    assert client.get(f"/knowledge/{kb.draft}").status_code == 404
    assert client.get(f"/knowledge/{kb.recognition}").status_code == 200
    listing = client.get("/knowledge/").get_data(as_text=True)
    assert "Wohnsitzauflage" not in listing and "Entwurf" not in listing
    found = client.get("/knowledge/?q=Wohnsitzauflage").get_data(as_text=True)
    assert "Interne Weisung" not in found
    assert (
        client.post(f"/knowledge/{kb.internal}/feedback", data={"helpful": "yes"}).status_code
        == 404
    )


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_authorities_read_internal_answers(client, build, login, kb, role):
    login(build.user(role))
    assert client.get(f"/knowledge/{kb.internal}").status_code == 200
    assert "Interne Weisung" in client.get("/knowledge/?q=Wohnsitzauflage").get_data(as_text=True)


@pytest.mark.parametrize(
    "role", [ANONYMOUS, *[r for r in Role if r not in (Role.COORDINATOR, Role.ADMIN)]]
)
def test_only_editors_edit(client, build, login, kb, role):
    if role != ANONYMOUS:
        login(build.user(role))
    expected = 302 if role == ANONYMOUS else 403
    assert client.get(f"/knowledge/{kb.recognition}/edit").status_code == expected
    assert client.get(f"/knowledge/{kb.recognition}/history").status_code == expected
    assert (
        client.post(f"/knowledge/{kb.recognition}/status", data={"status": "draft"}).status_code
        == expected
    )


def test_feedback_is_counted(app, client, kb):
    for answer in ("yes", "yes", "no"):
        assert (
            client.post(
                f"/knowledge/{kb.recognition}/feedback", data={"helpful": answer}
            ).status_code
            == 302
        )
    assert (
        client.post(f"/knowledge/{kb.recognition}/feedback", data={"helpful": "maybe"}).status_code
        == 400
    )
    with app.app_context():
        answers = [f.helpful for f in db.session.query(ArticleFeedback).all()]
    assert sorted(answers) == [False, True, True]


def test_editor_writes_a_draft_and_a_second_person_publishes_it(client, login, kb):
    login(kb.editor)
    response = client.post(
        "/knowledge/new",
        data={
            "language": "de",
            "title": "Führerschein umschreiben",
            "body": "So geht es ...",
            "tags": "Führerschein",
            "synonyms": "driving licence",
            "audience": "public",
            "organisation": str(kb.organisation.id),
            "region": "None",
            "valid_until": "2027-12-31",
        },
    )
    assert response.status_code == 302
    url = response.headers["Location"]
    article_id = int(url.rstrip("/").split("/")[-1])
    assert (
        client.post(f"/knowledge/{article_id}/status", data={"status": "published"}).status_code
        == 403
    )
    client.post("/logout")
    login(kb.reviewer)
    assert (
        client.post(f"/knowledge/{article_id}/status", data={"status": "published"}).status_code
        == 302
    )
    client.post("/logout")
    assert "Führerschein umschreiben" in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "body": "x"},
        {"title": "x", "body": ""},
        {"title": "x", "body": "y", "audience": "secret"},
        {"title": "x", "body": "y", "valid_until": "not a date"},
        {"title": "x", "body": "y", "language": "en"},
    ],
)
def test_bad_article_input_answers_422_with_a_message(client, login, kb, data):
    login(kb.editor)
    form = {
        "language": "de",
        "audience": "public",
        "organisation": str(kb.organisation.id),
        "region": "None",
        "tags": "",
        "synonyms": "",
        **data,
    }
    response = client.post("/knowledge/new", data=form)
    assert response.status_code == 422
    assert "invalid-feedback" in response.get_data(as_text=True)


def test_bad_status_answers_400(client, login, kb):
    login(kb.editor)
    assert (
        client.post(f"/knowledge/{kb.recognition}/status", data={"status": "gone"}).status_code
        == 400
    )


def test_an_answer_past_its_validity_date_is_marked(app, client, kb):
    from datetime import date

    with app.app_context():
        db.session.get(Article, kb.duldung).valid_until = date(2020, 1, 1)
        db.session.commit()
    page = client.get(f"/knowledge/{kb.duldung}").get_data(as_text=True)
    assert 'data-mark="expired"' in page
    assert 'data-mark="expired"' not in client.get(f"/knowledge/{kb.recognition}").get_data(
        as_text=True
    )


def test_one_client_cannot_vote_an_answer_up_at_will(app, client, make_client, kb):
    budget = int(app.config["KNOWLEDGE_FEEDBACK_LIMIT"].split()[0])
    url = f"/knowledge/{kb.recognition}/feedback"
    answers = [client.post(url, data={"helpful": "yes"}).status_code for _ in range(budget + 20)]
    assert answers == [302] * budget + [429] * 20
    assert make_client(remote_addr="10.0.0.9").post(url, data={"helpful": "no"}).status_code == 302
    with app.app_context():
        assert db.session.query(ArticleFeedback).count() == budget + 1


def test_an_editor_names_the_topic_and_source_and_a_bad_address_is_refused_clearly(
    app, client, login, kb
):
    login(kb.editor)
    form = {
        "language": "de",
        "title": "Rundfunkbeitrag",
        "body": "Pro Wohnung ...",
        "audience": "public",
        "organisation": str(kb.organisation.id),
        "region": "None",
        "topic": "housing",
        "source_name": "Beitragsservice",
        "source_url": "rundfunkbeitrag",
    }
    refused = client.post("/knowledge/new", data=form)
    assert refused.status_code == 422
    assert "Please enter a full web address" in refused.get_data(as_text=True)
    unknown = client.post("/knowledge/new", data={**form, "topic": "weather"})
    assert unknown.status_code == 422
    saved = client.post(
        "/knowledge/new", data={**form, "source_url": "https://www.rundfunkbeitrag.de/"}
    )
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert 'href="https://www.rundfunkbeitrag.de/"' in page and "Beitragsservice" in page
    assert "/knowledge/?topic=housing" in page
