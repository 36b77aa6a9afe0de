"""Reads of the knowledge base: what a user may see, typo-tolerant search, feedback counts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import Organisation, Region, User
from app.accounts.policy import coordinated_region_ids
from app.accounts.queries import list_organisations
from app.extensions import db
from app.knowledge.models import (
    Article,
    ArticleFeedback,
    ArticleStatus,
    Audience,
    OpenQuestion,
    Topic,
)
from app.knowledge.policy import is_admin, is_editor, own_organisation_ids

# A word of the question counts as found from this similarity (0–100) on.
WORD_THRESHOLD = 80
# The best hit must reach this score for the search to count as answered.
GOOD_ANSWER = 85
MIN_WORD_LENGTH = 3
STOP_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "how",
        "what",
        "can",
        "does",
        "with",
        "was",
        "wie",
        "ich",
        "mein",
        "meine",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "und",
        "mit",
        "fur",
        "fuer",
        "wo",
        "wer",
        "bei",
        "von",
        "zum",
        "zur",
        "ist",
    ]
)


def get_article(article_id: int) -> Article | None:
    return db.session.get(Article, article_id)


def visible(query: Any, user: Any) -> Any:
    """Limit a query on articles to those ``user`` may see (the policy's rule, as SQL)."""
    if is_editor(user):
        return query
    return query.where(
        Article.status == ArticleStatus.PUBLISHED, Article.audience == Audience.PUBLIC
    )


def list_visible_articles(user: Any, topic: Topic | None = None) -> list[Article]:
    query = select(Article).options(selectinload(Article.versions)).order_by(Article.id)
    if topic is not None:
        query = query.where(Article.topic == topic.value)
    return list(db.session.scalars(visible(query, user)))


def count_topics(user: Any) -> list[tuple[Topic, int]]:
    """The topics ``user`` can browse, in their fixed order, each with its number of answers."""
    query = visible(
        select(Article.topic, func.count()).where(Article.topic.is_not(None)), user
    ).group_by(Article.topic)
    counts = dict(db.session.execute(query).tuples().all())
    return [(topic, counts[topic.value]) for topic in Topic if counts.get(topic.value)]


def list_editable_organisations(editor: User) -> list[Organisation]:
    """The organisations an article may belong to: all for an admin, else the editor's own."""
    organisations = list_organisations()
    if is_admin(editor):
        return organisations
    mine = own_organisation_ids(editor)
    return [o for o in organisations if o.id in mine]


def list_editable_regions(editor: User) -> list[Region]:
    """The regions an article may be limited to: all for an admin, else those coordinated."""
    query = select(Region).order_by(Region.name)
    if not is_admin(editor):
        query = query.where(Region.id.in_(coordinated_region_ids(editor)))
    return list(db.session.scalars(query))


def fold(text: str) -> str:
    """Lower case without accents; German umlauts written out so that "ae" finds "ä"."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(text)) if len(w) >= MIN_WORD_LENGTH]


def search_terms(article: Article) -> list[str]:
    """Titles, tags and synonyms of the current version in every language."""
    terms: list[str] = []
    for language in article.languages:
        version = article.readable(language)
        if version is not None:
            terms += [version.title, *version.tag_list, *version.synonym_list]
    return terms


def word_score(word: str, vocabulary: set[str]) -> float:
    best = 0.0
    for known in vocabulary:
        score = fuzz.ratio(word, known)
        if len(word) >= 5 and known.startswith(word):  # a word still being typed
            score = max(score, 90.0)
        best = max(best, score)
    return best


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float


def score_article(question_words: list[str], article: Article) -> float:
    """How well the question's words are found among the article's titles, tags and synonyms.

    The best-found word counts most, the share of words found breaks ties: "Anerkenung" alone
    finds the recognition article, and "recognition of my degree" ranks it above others.
    """
    vocabulary = {w for term in search_terms(article) for w in words(term)}
    scores = [word_score(w, vocabulary) for w in question_words]
    if not scores:
        return 0.0
    found = sum(1 for s in scores if s >= WORD_THRESHOLD) / len(scores)
    return max(scores) + 5 * found


def search(user: Any, question: str, limit: int = 10) -> list[Hit]:
    question_words = [w for w in words(question) if w not in STOP_WORDS] or words(question)
    hits = [Hit(a, score_article(question_words, a)) for a in list_visible_articles(user)]
    good = [h for h in hits if h.score >= WORD_THRESHOLD]
    return sorted(good, key=lambda h: (-h.score, h.article.id))[:limit]


def is_answered(hits: list[Hit]) -> bool:
    return bool(hits) and hits[0].score >= GOOD_ANSWER


def question_key(question: str) -> str:
    return " ".join(sorted(set(words(question))))[:200]


def feedback_counts(article_id: int) -> tuple[int, int]:
    """(helpful, not helpful) answers for one article."""
    query = select(
        func.coalesce(func.sum(case((ArticleFeedback.helpful, 1), else_=0)), 0),
        func.coalesce(func.sum(case((ArticleFeedback.helpful, 0), else_=1)), 0),
    ).where(ArticleFeedback.article_id == article_id)
    yes, no = db.session.execute(query).one()
    return int(yes), int(no)


def list_open_questions(limit: int = 30) -> list[OpenQuestion]:
    query = (
        select(OpenQuestion)
        .order_by(OpenQuestion.times_asked.desc(), OpenQuestion.last_asked_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
