"""Reads of the knowledge base: what a user may see, typo-tolerant search, feedback counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
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
    ArticleVersion,
    Audience,
    OpenQuestion,
    Topic,
)
from app.knowledge.policy import is_admin, is_editor, own_organisation_ids
from app.knowledge.synonyms import PREFIX_LENGTH, answer_concepts, question_concepts
from app.knowledge.text import term_words, topic_words, words

# A word of the question counts as found from this similarity (0–100) on.
WORD_THRESHOLD = 80
# The best hit must reach this score for the search to count as answered.
GOOD_ANSWER = 85
# What an answer sharing a concept of the question (through the synonym table) scores: a good
# answer, but below one that has the question's own word.
SYNONYM_SCORE = 92


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
    """The articles ``user`` may see, with their versions' titles, tags and synonyms but not
    their bodies: lists and the search never show a body (one read later loads on demand)."""
    versions = selectinload(Article.versions).defer(ArticleVersion.body)
    query = select(Article).options(versions).order_by(Article.id)
    if topic is not None:
        query = query.where(Article.topic == topic.value)
    return list(db.session.scalars(visible(query, user)))


def count_topics(user: Any) -> list[tuple[Topic, int]]:
    """The topics ``user`` can browse, in their fixed order, each with its number of answers."""
    query = visible(
        select(Article.topic, func.count()).where(Article.topic.is_not(None)), user
    ).group_by(Article.topic)
    counts: dict[str, int] = dict(db.session.execute(query).all())
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


def search_terms(article: Article) -> list[str]:
    """Titles, tags and synonyms of the current version in every language."""
    terms: list[str] = []
    for language in article.languages:
        version = article.readable(language)
        if version is not None:
            terms += [version.title, *version.tag_list, *version.synonym_list]
    return terms


def vocabulary(article: Article) -> set[str]:
    return {w for term in search_terms(article) for w in term_words(term)}


def word_scores(question_words: list[str], known: list[str]) -> list[dict[str, float]]:
    """For every question word, how well each known word answers it (0–100): RapidFuzz's ratio
    in one matrix, and 90 for a known word that begins with a question word of five letters or
    more (a word still being typed, or the first part of a compound)."""
    if not question_words or not known:
        return [{} for _ in question_words]
    ratios = process.cdist(question_words, known, scorer=fuzz.ratio, dtype=np.float32)
    for row, word in enumerate(question_words):
        if len(word) >= PREFIX_LENGTH:
            for column, candidate in enumerate(known):
                if candidate.startswith(word):
                    ratios[row, column] = max(ratios[row, column], 90.0)
    return [dict(zip(known, row.tolist(), strict=True)) for row in ratios]


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float  # decides whether the article is an answer at all
    rank: float  # orders the answers: the score, then how closely a whole term matches


def direct_score(scores: list[dict[str, float]], words_of_article: set[str]) -> float:
    """How well the question's own words are found among the article's titles, tags, synonyms.

    The best-found word counts most, the share of words found breaks ties: "Anerkenung" alone
    finds the recognition article, and "recognition of my degree" ranks it above others.
    """
    found = [max((s[w] for w in words_of_article), default=0.0) for s in scores]
    if not found:
        return 0.0
    share = sum(1 for f in found if f >= WORD_THRESHOLD) / len(found)
    return max(found) + 5 * share


def concept_score(asked: dict[int, int], named: dict[int, int]) -> float:
    """An answer that names a concept the question names (through the synonym table) is a good
    answer even without a word in common; the more of the question's concepts, the better."""
    shared = asked.keys() & named.keys()
    if not shared:
        return 0.0
    return SYNONYM_SCORE + 5 * len(shared) / len(asked)


def phrase_score(question: str, article: Article) -> float:
    """How closely the whole question matches one whole title, tag or synonym (0–100)."""
    asked = " ".join(words(question))
    terms = (" ".join(term_words(term)) for term in search_terms(article))
    return max((fuzz.token_sort_ratio(asked, term) for term in terms if term), default=0.0)


def search(user: Any, question: str, limit: int = 10) -> list[Hit]:
    """The visible answers to ``question`` in any language, best first.

    Every word is compared folded and stemmed, with RapidFuzz for typos; the synonym table
    (``synonyms``) links words across languages. The database limits the articles to those the
    user may see; the comparison runs here, the same on SQLite and PostgreSQL.
    """
    question_words = topic_words(question)
    articles = list_visible_articles(user)
    vocabularies = {a.id: frozenset(vocabulary(a)) for a in articles}
    known = sorted(set().union(*vocabularies.values()))
    scores = word_scores(question_words, known)
    asked = question_concepts(question_words)
    hits = []
    for article in articles:
        named = answer_concepts(vocabularies[article.id]) if asked else {}
        score = max(
            direct_score(scores, set(vocabularies[article.id])), concept_score(asked, named)
        )
        if score >= WORD_THRESHOLD:
            shared = sum(named[c] for c in asked.keys() & named.keys())
            rank = score + phrase_score(question, article) / 10 + min(shared, 10) / 5
            hits.append(Hit(article, score, rank))
    return sorted(hits, key=lambda h: (-h.rank, h.article.id))[:limit]


def is_answered(hits: list[Hit]) -> bool:
    return any(hit.score >= GOOD_ANSWER for hit in hits)


def question_key(question: str) -> str:
    return " ".join(sorted(set(words(question))))[:200]


def same_words(key: str, other: str) -> bool:
    """Whether two question keys say the same up to typos: as many words, and each word of one
    matches its own word of the other (similarity at least WORD_THRESHOLD; a word with a digit
    exactly, since "110" and "112" or "2025" and "2026" are different questions)."""
    mine, theirs = key.split(), other.split()
    if len(mine) != len(theirs):
        return False
    for word in mine:
        best = max(theirs, key=lambda candidate: fuzz.ratio(word, candidate))
        if fuzz.ratio(word, best) < WORD_THRESHOLD or (has_digit(word) and word != best):
            return False
        theirs.remove(best)
    return True


def has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def same_open_question(key: str) -> OpenQuestion | None:
    """The open question ``key`` repeats (exactly, or up to typos), or None."""
    row = db.session.scalar(select(OpenQuestion).where(OpenQuestion.key == key))
    if row is not None:
        return row
    keys: dict[int, str] = dict(db.session.execute(select(OpenQuestion.id, OpenQuestion.key)).all())
    near = process.extract(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=70, limit=5)
    for _, _, row_id in near:
        if same_words(key, keys[row_id]):
            return db.session.get(OpenQuestion, row_id)
    return None


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
