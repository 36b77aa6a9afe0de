"""Demo answers for the knowledge base: real questions of newcomers and offices in the district.

The texts live as data (``data/knowledge/*.json``, read in file-name order), not as code: each
answer names its topic and the official page its facts come from, summarises the general rules
and names the office that decides in the single case. Some translations are deliberately older
than the German text (a ``revision`` saved after them), so the out-of-date mark shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from app.accounts.models import Organisation, Region, User
from app.knowledge import services
from app.knowledge.models import ArticleStatus, Audience, Topic
from app.knowledge.services import ArticleSettings, ArticleText

DATA = Path(__file__).parent / "data" / "knowledge"


@dataclass(frozen=True)
class DemoArticle:
    organisation: str  # key in the demo organisations
    topic: Topic
    source_name: str
    source_url: str
    texts: list[ArticleText]
    audience: Audience = Audience.PUBLIC
    status: ArticleStatus = ArticleStatus.PUBLISHED
    valid_days: int | None = 365
    # A German revision saved after the translations, which makes them out of date.
    revision: ArticleText | None = None
    whole_district: bool = True


def text_of(entry: dict[str, Any], language: str | None = None) -> ArticleText:
    body = entry["body"]
    return ArticleText(
        language=language or entry["language"],
        title=entry["title"],
        body="\n\n".join(body) if isinstance(body, list) else body,
        tags=entry.get("tags", ""),
        synonyms=entry.get("synonyms", ""),
    )


def texts_of(texts: list[dict[str, Any]] | dict[str, dict[str, Any]]) -> list[ArticleText]:
    """Texts as a list (each naming its language) or keyed by language, German first."""
    if isinstance(texts, dict):
        return [text_of(text, language) for language, text in texts.items()]
    return [text_of(text) for text in texts]


def article_of(entry: dict[str, Any]) -> DemoArticle:
    revision = entry.get("revision")
    return DemoArticle(
        organisation=entry["organisation"],
        topic=Topic(entry["topic"]),
        source_name=entry["source"]["name"],
        source_url=entry["source"]["url"],
        texts=texts_of(entry["texts"]),
        audience=Audience(entry.get("audience", Audience.PUBLIC.value)),
        status=ArticleStatus(entry.get("status", ArticleStatus.PUBLISHED.value)),
        valid_days=entry.get("valid_days", 365),
        revision=text_of(revision) if revision else None,
        whole_district=entry.get("whole_district", True),
    )


@cache
def demo_articles() -> tuple[DemoArticle, ...]:
    """Every demo answer, in the order of the data files and of the answers in each."""
    found: list[DemoArticle] = []
    for path in sorted(DATA.glob("*.json")):
        found += [article_of(entry) for entry in json.loads(path.read_text("utf-8"))["articles"]]
    return tuple(found)


def settings_of(
    entry: DemoArticle, organisations: dict[str, Organisation], district: Region, today: date
) -> ArticleSettings:
    owner = organisations.get(entry.organisation)
    return ArticleSettings(
        audience=entry.audience.value,
        organisation_id=owner.id if owner else None,
        region_id=district.id if entry.whole_district else None,
        valid_until=today + timedelta(days=entry.valid_days) if entry.valid_days else None,
        topic=entry.topic.value,
        source_name=entry.source_name,
        source_url=entry.source_url,
    )


def add_demo_articles(
    editor: User, organisations: dict[str, Organisation], district: Region, today: date
) -> int:
    """Create the demo articles; return how many."""
    entries = demo_articles()
    for entry in entries:
        settings = settings_of(entry, organisations, district, today)
        article = services.create_article(editor, settings, entry.texts[0])
        for text in entry.texts[1:]:
            services.add_version(article, editor, text)
        if entry.revision is not None:
            services.add_version(article, editor, entry.revision)
        services.set_status(article, entry.status)
    return len(entries)
