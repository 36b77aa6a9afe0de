"""Migration 5b1100000002 keeps what readers see: versions of published articles count as
published, versions of drafts wait for review. Runs on a scratch SQLite database."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.app.conftest import app_config

BEFORE = "4c0a5e1f0003"


def test_published_articles_stay_live_and_drafts_wait(tmp_path) -> None:
    scratch = create_app(app_config(tmp_path / "instance", f"sqlite:///{tmp_path}/m.sqlite"))
    with scratch.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            for article_id, status in ((1, "published"), (2, "draft")):
                connection.execute(
                    text(
                        "INSERT INTO knowledge_article (id, status, audience, created_at, "
                        "updated_at) VALUES (:id, :status, 'public', :now, :now)"
                    ),
                    {"id": article_id, "status": status, "now": "2026-01-01 10:00:00.000000"},
                )
                connection.execute(
                    text(
                        "INSERT INTO knowledge_article_version (article_id, number, language, "
                        "title, body, tags, synonyms, created_at) VALUES (:id, 1, 'de', 'T', "
                        "'B', '', '', '2026-01-01 10:00:00.000000')"
                    ),
                    {"id": article_id},
                )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT article_id, published_at IS NOT NULL FROM knowledge_article_version "
                    "ORDER BY article_id"
                )
            ).all()
        db.engine.dispose()
    assert [tuple(row) for row in rows] == [(1, 1), (2, 0)]
