"""The demo district's answers, as a newcomer searches them: the words people type find an
answer (directly, through a synonym, with umlauts or typos, in Arabic), each answer names its
source, and a search without an answer leads on (topics, the office, a mail with the question)."""

from __future__ import annotations

import html
from datetime import date

import pytest
from sqlalchemy import select

from app.core.i18n import LOCALES
from app.demo.knowledge import add_demo_articles, demo_articles
from app.extensions import db
from app.knowledge.models import Article, ArticleStatus, Audience, Topic

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo_kb(app, build):
    district = build.district("Landkreis Osnabrück")
    editor = build.coordinator(build.organisation("Landkreis Osnabrück – Fachdienst Integration"))
    with app.app_context():
        add_demo_articles(db.session.merge(editor), {}, db.session.merge(district), TODAY)
        db.session.commit()


def titles(client, question: str, language: str) -> list[str]:
    page = client.get(
        "/knowledge/", query_string={"q": question}, headers={"Accept-Language": language}
    ).get_data(as_text=True)
    return [card.split("</a>")[0].split(">")[-1] for card in page.split("card-title")[1:]]


def first_titles(client, question: str, language: str) -> str:
    """The titles of the two best answers (an answer shared by two offices may rank second)."""
    found = titles(client, question, language)
    assert found, f"{question!r} found nothing"
    return " | ".join(found[:2])


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Kindergeld", "Kindergeld"),
        ("Wohnung", "Wohnung"),
        ("Führerschein", "Führerschein"),
        ("Fuhrerschein", "Führerschein"),
        ("FUEHRERSCHEIN", "Führerschein"),
        ("Fahrerlaubnis", "Führerschein"),
        ("Familienkasse", "Kindergeld"),
        ("Kindergelt", "Kindergeld"),
        ("Miete", "Wohnung"),
        ("Wohnberechtigungsschein", "Wohnberechtigungsschein"),
        ("Krankenkasse", "krankenversichert"),
        ("Einbürgerungstest", "Einbürgerungstest"),
        ("Basiskonto", "Bankkonto"),
        ("Gewerbeanmeldung", "Gewerbe"),
        ("Rundfunkbeitrag", "Rundfunkbeitrag"),
        ("GEZ", "Rundfunkbeitrag"),
    ],
)
def test_the_words_newcomers_type_find_the_answer(client, demo_kb, question, expected):
    assert expected in first_titles(client, question, "de")


def test_an_arabic_question_about_recognition_finds_the_arabic_and_the_german_answer(
    client, demo_kb
):
    question = "الاعتراف بالشهادات"
    arabic = titles(client, question, "ar")
    german = titles(client, question, "de")
    assert "كيف أعادل شهادتي المهنية الأجنبية؟" in arabic[:3]
    assert "Wie lasse ich meinen ausländischen Berufsabschluss anerkennen?" in german[:3]
    assert "Anerkennung" in german[0] or "anerkennen" in german[0]


@pytest.mark.parametrize(
    "question, language, expected",
    [
        ("رخصة القيادة", "ar", "رخصة"),
        ("إعانة الأطفال", "ar", "Kindergeld"),
        ("شقة", "ar", "شقة"),
        ("житло", "uk", "Wohnung"),
        ("child benefit", "en", "child benefit"),
        ("driving licence", "de", "Führerschein"),
    ],
)
def test_questions_in_other_languages_find_the_answer(
    client, demo_kb, question, language, expected
):
    assert expected in first_titles(client, question, language)


def test_forty_public_answers_in_every_interface_language_each_with_a_source(app, demo_kb):
    with app.app_context():
        articles = db.session.scalars(
            select(Article).where(
                Article.audience == Audience.PUBLIC, Article.status == ArticleStatus.PUBLISHED
            )
        ).all()
        assert len(articles) >= 40
        for article in articles:
            assert article.source_url and article.source_url.startswith("https://"), article.id
            assert article.source_name, article.id
            # Everyone the interface speaks to reads the answers in their own language.
            assert set(LOCALES) <= set(article.languages), article.current("de").title
        assert {Topic(a.topic) for a in articles} == set(Topic)


@pytest.mark.parametrize("language", list(LOCALES))
def test_a_question_in_each_language_finds_the_answer_in_that_language(
    app, client, demo_kb, language
):
    # A reader types the words of an answer's title in their own script (Ge'ez, Arabic, Cyrillic,
    # Latin): the answer comes first, shown in their language.
    with app.app_context():
        articles = db.session.scalars(
            select(Article)
            .where(Article.audience == Audience.PUBLIC, Article.status == ArticleStatus.PUBLISHED)
            .order_by(Article.id)
        ).all()
        sample = [articles[k] for k in (0, len(articles) // 2, len(articles) - 1)]
        wanted = [article.current(language).title for article in sample]
    for title in wanted:
        found = [html.unescape(t) for t in titles(client, title, language.replace("_", "-"))]
        assert title in found[:2], (title, found[:3])


def test_every_demo_answer_says_how_current_it_is_and_points_to_the_office():
    for entry in demo_articles():
        if entry.audience != Audience.PUBLIC:
            continue
        for text in entry.texts:
            # Persian, Dari and Pashto write the year in their own digits (۲۰۲۶).
            body = text.body.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
            assert "2026" in body, (text.language, text.title)


def test_the_article_shows_its_source_and_topic(app, client, demo_kb):
    with app.app_context():
        article = db.session.scalars(
            select(Article).where(Article.topic == Topic.DRIVING.value)
        ).first()
        url = article.source_url
    page = client.get(f"/knowledge/{article.id}", headers={"Accept-Language": "de"}).get_data(
        as_text=True
    )
    assert f'href="{url}"' in page
    assert "/knowledge/?topic=driving" in page


def test_a_topic_lists_its_answers_and_an_unknown_topic_is_a_clear_404(client, demo_kb):
    page = client.get("/knowledge/?topic=children", headers={"Accept-Language": "de"})
    cards = " | ".join(
        card.split("</a>")[0] for card in page.get_data(as_text=True).split("card-title")[1:]
    )
    assert page.status_code == 200
    assert "Kindergeld" in cards and "Kita" in cards and "Führerschein" not in cards
    missing = client.get("/knowledge/?topic=nonsense", headers={"Accept-Language": "en"})
    assert missing.status_code == 404
    assert "There is no such topic." in missing.get_data(as_text=True)


def test_a_search_without_an_answer_offers_topics_the_office_and_a_mail_with_the_question(
    app, client, demo_kb
):
    page = client.get(
        "/knowledge/", query_string={"q": "Hundesteuer"}, headers={"Accept-Language": "de"}
    ).get_data(as_text=True)
    assert "/knowledge/?topic=housing" in page and "Wohnen" in page
    assert f"mailto:{app.config['OPERATOR_EMAIL']}?" in page
    assert "body=Hundesteuer" in page
    assert 'href="/contact"' in page
