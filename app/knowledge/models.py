"""Models of the knowledge package: articles with versions per language, feedback, open questions.

Every change to an article's text is a new ``ArticleVersion`` row; nothing is overwritten, so the
history stays. A version goes live when it is published (``published_at``): a change to a published
answer waits, unpublished, for a second person's review while readers keep the published text.
A translation records the German version it was made from (``source_number``):
when the German text moves on, the translation is marked as out of date.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Organisation, Region
from app.core.db import enum_values_sql, utcnow
from app.extensions import db

SOURCE_LANGUAGE = "de"


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


ARTICLE_STATUS_LABELS = {
    ArticleStatus.DRAFT: _l("Draft"),
    ArticleStatus.IN_REVIEW: _l("In review"),
    ArticleStatus.PUBLISHED: _l("Published"),
}


class Audience(StrEnum):
    PUBLIC = "public"  # everyone, anonymous visitors included
    INTERNAL = "internal"  # authorities only: coordinators and administrators


AUDIENCE_LABELS = {
    Audience.PUBLIC: _l("Public – for everyone"),
    Audience.INTERNAL: _l("Internal – for authorities only"),
}


class Topic(StrEnum):
    """What an answer is about, in the order a newcomer usually meets it; readers browse by it."""

    ARRIVAL = "arrival"
    RESIDENCE = "residence"
    WORK = "work"
    RECOGNITION = "recognition"
    LANGUAGE = "language"
    CHILDREN = "children"
    HEALTH = "health"
    HOUSING = "housing"
    MONEY = "money"
    DRIVING = "driving"
    STARTUP = "startup"
    EVERYDAY = "everyday"


TOPIC_LABELS = {
    Topic.ARRIVAL: _l("Arrival and registration"),
    Topic.RESIDENCE: _l("Residence"),
    Topic.WORK: _l("Work"),
    Topic.RECOGNITION: _l("Recognition of qualifications"),
    Topic.LANGUAGE: _l("Language courses"),
    Topic.CHILDREN: _l("Children and family"),
    Topic.HEALTH: _l("Health"),
    Topic.HOUSING: _l("Housing"),
    Topic.MONEY: _l("Money and benefits"),
    Topic.DRIVING: _l("Driving licence"),
    Topic.STARTUP: _l("Starting a business"),
    Topic.EVERYDAY: _l("Everyday life"),
}


class Article(db.Model):
    """An answer to a question, owned by an organisation, valid in a region or everywhere."""

    __tablename__ = "knowledge_article"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(12), default=ArticleStatus.DRAFT.value, index=True)
    audience: Mapped[str] = mapped_column(String(10), default=Audience.PUBLIC.value)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    valid_until: Mapped[date | None]
    # No CHECK constraint: on SQLite adding one rebuilds the table, and the rebuild's drop would
    # cascade to the versions. The service accepts only Topic values.
    topic: Mapped[str | None] = mapped_column(String(12), index=True)
    # Where the answer's facts come from (an official page), shown to readers under the answer.
    source_name: Mapped[str | None] = mapped_column(String(200))
    source_url: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    region: Mapped[Region | None] = relationship()
    versions: Mapped[list[ArticleVersion]] = relationship(
        cascade="all, delete-orphan", order_by="ArticleVersion.number", back_populates="article"
    )

    __table_args__ = (
        CheckConstraint(f"status in ({enum_values_sql(ArticleStatus)})", name="status"),
        CheckConstraint(f"audience in ({enum_values_sql(Audience)})", name="audience"),
    )

    def current(self, language: str) -> ArticleVersion | None:
        """The newest version in ``language``, published or not, or None when there is none."""
        return self.newest(language, pending=True)

    def newest(self, language: str, pending: bool) -> ArticleVersion | None:
        """The newest version in ``language``; unpublished ones count only when ``pending``."""
        found = [
            v
            for v in self.versions
            if v.language == language and (pending or v.published_at is not None)
        ]
        return found[-1] if found else None

    def readable(self, language: str) -> ArticleVersion | None:
        """What readers get: the published text of a published answer; an article that is not
        live (only authorities see it) shows its newest text."""
        return self.newest(language, pending=self.status != ArticleStatus.PUBLISHED)

    @property
    def pending_versions(self) -> list[ArticleVersion]:
        """Versions waiting for review before they go live."""
        return [v for v in self.versions if v.published_at is None]

    @property
    def languages(self) -> list[str]:
        return sorted({v.language for v in self.versions})

    def is_outdated(self, language: str, pending: bool = True) -> bool:
        """A translation made from an older German version than the current German one (among
        the published versions unless ``pending``)."""
        german = self.newest(SOURCE_LANGUAGE, pending)
        translation = self.newest(language, pending)
        if language == SOURCE_LANGUAGE or german is None or translation is None:
            return False
        return (translation.source_number or 0) < german.number


class ArticleVersion(db.Model):
    """One saved text of an article in one language; numbers count up across all languages."""

    __tablename__ = "knowledge_article_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_article.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    language: Mapped[str] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(500), default="")  # comma-separated
    synonyms: Mapped[str] = mapped_column(String(500), default="")  # comma-separated
    # The German version this text was written from (German versions name themselves).
    source_number: Mapped[int | None]
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None while the version waits for review; readers of a published answer never see it then.
    published_at: Mapped[datetime | None]
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    article: Mapped[Article] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("article_id", "number"),)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def synonym_list(self) -> list[str]:
        return [t.strip() for t in self.synonyms.split(",") if t.strip()]


class ArticleFeedback(db.Model):
    """One answer to "was this helpful?"; counted, never tied to a person."""

    __tablename__ = "knowledge_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_article.id", ondelete="CASCADE"), index=True
    )
    helpful: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OpenQuestion(db.Model):
    """A search that found no good answer, counted per normalised wording."""

    __tablename__ = "knowledge_open_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    text: Mapped[str] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(5))
    times_asked: Mapped[int] = mapped_column(default=1)
    last_asked_at: Mapped[datetime] = mapped_column(default=utcnow)
