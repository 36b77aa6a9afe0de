"""Migration 5b1400000005 adds an article's topic and source without touching its versions, up
and down (on SQLite a rebuilt knowledge_article would cascade its drop to the versions)."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.app.conftest import app_config

BEFORE = "5b1300000002"
AFTER = "5b1400000005"
NOW = "2026-01-01 10:00:00.000000"


def count_versions() -> int:
    with db.engine.connect() as connection:
        return int(
            connection.execute(text("SELECT count(*) FROM knowledge_article_version")).scalar_one()
        )


def test_articles_keep_their_versions_up_and_down(tmp_path) -> None:
    scratch = create_app(app_config(tmp_path / "instance", f"sqlite:///{tmp_path}/m.sqlite"))
    with scratch.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO knowledge_article (id, status, audience, created_at, updated_at) "
                    "VALUES (1, 'published', 'public', :now, :now)"
                ),
                {"now": NOW},
            )
            connection.execute(
                text(
                    "INSERT INTO knowledge_article_version (article_id, number, language, title, "
                    "body, tags, synonyms, created_at) VALUES (1, 1, 'de', 'T', 'B', '', '', :now)"
                ),
                {"now": NOW},
            )
        upgrade(revision=AFTER)
        after_upgrade = count_versions()
        with db.engine.connect() as connection:
            topic = connection.execute(text("SELECT topic FROM knowledge_article")).scalar_one()
        downgrade(revision=BEFORE)
        after_downgrade = count_versions()
        db.engine.dispose()
    assert (after_upgrade, topic, after_downgrade) == (1, None, 1)
