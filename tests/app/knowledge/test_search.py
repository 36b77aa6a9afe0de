"""Search tolerant of typos and across languages; questions without an answer are listed."""

from __future__ import annotations

import pytest

from app.core.permissions import Role
from app.extensions import db
from app.knowledge.models import OpenQuestion


@pytest.mark.parametrize(
    "question, title",
    [
        ("Anerkenung", "Anerkennung ausländischer Berufsabschlüsse"),
        ("anerkennung zeugniss", "Anerkennung ausländischer Berufsabschlüsse"),
        ("recognition", "Anerkennung ausländischer Berufsabschlüsse"),
        ("recogniton of my diploma", "Anerkennung ausländischer Berufsabschlüsse"),
        ("Dulung", "Was erlaubt eine Duldung?"),
        ("was erlaubt die duldung", "Was erlaubt eine Duldung?"),
    ],
)
def test_typos_in_german_and_english_find_the_answer(client, kb, question, title):
    page = client.get(
        "/knowledge/", query_string={"q": question}, headers={"Accept-Language": "de"}
    ).get_data(as_text=True)
    first = page.split("card-title")[1]
    assert title in first


def test_an_unanswered_question_is_logged_and_counted(app, client, build, login, kb):
    for _ in range(3):
        page = client.get(
            "/knowledge/?q=Hundesteuer+anmelden", headers={"Accept-Language": "en"}
        ).get_data(as_text=True)
        assert "no answer" in page
    client.get("/knowledge/?q=anmelden Hundesteuer")
    client.get("/knowledge/?q=Anerkennung")
    with app.app_context():
        rows = db.session.query(OpenQuestion).all()
        assert [(r.text, r.times_asked) for r in rows] == [("Hundesteuer anmelden", 4)]
    login(build.user(Role.COORDINATOR))
    listing = client.get("/knowledge/open-questions").get_data(as_text=True)
    assert "Hundesteuer anmelden" in listing


def test_a_long_question_is_refused_without_an_error(client, kb):
    assert client.get("/knowledge/", query_string={"q": "x" * 500}).status_code == 200


def test_one_client_cannot_fill_the_open_questions(app, client, make_client, kb):
    budget = int(app.config["KNOWLEDGE_QUESTIONS_LIMIT"].split()[0])
    for number in range(budget + 5):
        response = client.get("/knowledge/", query_string={"q": f"Erfundene Frage {number:04}x"})
        assert response.status_code == 200  # the search itself is always answered
    make_client(remote_addr="10.0.0.9").get("/knowledge/?q=Hundesteuer anmelden")
    with app.app_context():
        texts = [row.text for row in db.session.query(OpenQuestion)]
    assert len(texts) == budget + 1 and "Hundesteuer anmelden" in texts


def test_typos_of_one_question_are_counted_as_one_and_other_questions_stay_apart(app, client, kb):
    for question in (
        "Hundesteuer anmelden",
        "hundesteur anmelden",
        "HUNDESTEUER anmelen",
        "anmelden Hundesteuer!",
        "Hundesteuer anmelden",
        "Katzensteuer anmelden",
        "Hundesteuer",
    ):
        client.get("/knowledge/", query_string={"q": question})
    with app.app_context():
        rows = db.session.query(OpenQuestion).order_by(OpenQuestion.id).all()
        assert [(r.text, r.times_asked) for r in rows] == [
            ("Hundesteuer anmelden", 5),
            ("Katzensteuer anmelden", 1),
            ("Hundesteuer", 1),
        ]


def test_the_arabic_page_without_an_answer_counts_none_in_arabic(client, kb):
    """Issue 15: it said "تم العثور على 0 إجابة" (zero with the singular noun); Arabic's zero
    form (CLDR) says that none was found."""
    page = client.get("/knowledge/?q=Qwertzuiop", headers={"Accept-Language": "ar"}).get_data(
        as_text=True
    )
    assert "لم يتم العثور على أي إجابة" in page
    assert "0 إجابة" not in page
