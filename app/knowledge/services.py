"""Writes of the knowledge base: articles, new versions, review status, feedback, open questions.

Services flush and never commit; the acting user is passed in explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.accounts.models import User
from app.core.db import utcnow
from app.extensions import db
from app.knowledge.models import (
    SOURCE_LANGUAGE,
    Article,
    ArticleFeedback,
    ArticleStatus,
    ArticleVersion,
    Audience,
    OpenQuestion,
    Topic,
)
from app.knowledge.queries import question_key, same_open_question


@dataclass(frozen=True)
class ArticleText:
    language: str
    title: str
    body: str
    tags: str = ""
    synonyms: str = ""


@dataclass(frozen=True)
class ArticleSettings:
    audience: str = Audience.PUBLIC.value
    organisation_id: int | None = None
    region_id: int | None = None
    valid_until: date | None = None
    topic: str | None = None
    source_name: str | None = None
    source_url: str | None = None


def clean_list(text: str) -> str:
    return ", ".join(part.strip() for part in text.split(",") if part.strip())


def create_article(editor: User, settings: ArticleSettings, text: ArticleText) -> Article:
    """A new article as a draft, with its first version (which must be the German one)."""
    if text.language != SOURCE_LANGUAGE:
        raise ValueError("the first version of an article is written in German")
    article = Article(
        created_by_id=editor.id,
        status=ArticleStatus.DRAFT.value,
        organisation_id=settings.organisation_id,
    )
    apply_settings(article, settings)
    db.session.add(article)
    db.session.flush()
    add_version(article, editor, text)
    return article


def apply_settings(article: Article, settings: ArticleSettings) -> bool:
    """Change who may read the article, where it applies, until when, its topic and source; the
    owning organisation is set once, at creation, and never changed by an edit.

    A published answer whose readers or region change goes back to review (offline): otherwise
    one person could turn an internal answer public without a second pair of eyes. Returns
    whether that happened.
    """
    needs_review = article.status == ArticleStatus.PUBLISHED and (
        article.audience != settings.audience or article.region_id != settings.region_id
    )
    article.audience = settings.audience
    article.region_id = settings.region_id
    article.valid_until = settings.valid_until
    article.topic = Topic(settings.topic).value if settings.topic else None
    article.source_name = (settings.source_name or "").strip() or None
    article.source_url = (settings.source_url or "").strip() or None
    if needs_review:
        article.status = ArticleStatus.IN_REVIEW.value
    return needs_review


def add_version(article: Article, editor: User, text: ArticleText) -> ArticleVersion:
    """Save a change as a new, unpublished version; earlier versions stay as history and
    readers of a published answer keep the published text until a reviewer publishes this one.

    A translation remembers the German version it was written from, so it is marked out of date
    as soon as the German text changes again.
    """
    number = max((v.number for v in article.versions), default=0) + 1
    german = article.current(SOURCE_LANGUAGE)
    version = ArticleVersion(
        number=number,
        language=text.language,
        title=text.title.strip(),
        body=text.body.strip(),
        tags=clean_list(text.tags),
        synonyms=clean_list(text.synonyms),
        source_number=number
        if text.language == SOURCE_LANGUAGE
        else (german.number if german else None),
        edited_by_id=editor.id,
    )
    article.versions.append(version)
    article.updated_at = utcnow()
    db.session.flush()
    return version


def set_status(article: Article, status: ArticleStatus, acting: User | None = None) -> None:
    """Move the article to a review status; publishing puts every waiting version live, in the
    name of ``acting`` (None for the demo data). Whether ``acting`` may is the policy's call."""
    article.status = status.value
    article.updated_at = utcnow()
    if status == ArticleStatus.PUBLISHED:
        now = utcnow()
        for version in article.pending_versions:
            version.published_at = now
            version.published_by_id = acting.id if acting else None
    db.session.flush()


def record_feedback(article: Article, helpful: bool) -> None:
    db.session.add(ArticleFeedback(article_id=article.id, helpful=helpful))
    db.session.flush()


def log_open_question(question: str, language: str | None) -> OpenQuestion | None:
    """Count a question that found no good answer, so that editors see what is missing.

    A question that differs from one already open only by typos, case, umlauts or word order
    counts for that one ("Hundesteur anmelden" adds to "Hundesteuer anmelden"), so editors see
    one question with its real count instead of a row per typing error.
    """
    key = question_key(question)
    if not key:
        return None
    row = same_open_question(key)
    if row is None:
        row = OpenQuestion(key=key, text=question.strip()[:200], language=language, times_asked=0)
        db.session.add(row)
    row.times_asked += 1
    row.last_asked_at = utcnow()
    db.session.flush()
    return row
