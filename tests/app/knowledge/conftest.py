"""A small knowledge base: recognition (de, en, outdated ar), Duldung, and one internal answer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.extensions import db
from app.knowledge import services
from app.knowledge.models import ArticleStatus, Audience
from app.knowledge.services import ArticleSettings, ArticleText


def write(app, editor, texts, audience=Audience.PUBLIC, status=ArticleStatus.PUBLISHED):
    """An article of the editor's (first) organisation with ``texts`` saved in order (German
    first), committed; returns its id."""
    with app.app_context():
        editor = db.session.merge(editor)
        owner = editor.memberships[0].organisation_id if editor.memberships else None
        settings = ArticleSettings(audience=audience, organisation_id=owner)
        article = services.create_article(editor, settings, texts[0])
        for text in texts[1:]:
            services.add_version(article, editor, text)
        services.set_status(article, status)
        db.session.commit()
        return article.id


@pytest.fixture
def kb(app, build):
    organisation = build.organisation("Migrationsberatung Osnabrück")
    editor = build.coordinator(organisation)
    recognition = write(
        app,
        editor,
        [
            ArticleText(
                "de",
                "Anerkennung ausländischer Berufsabschlüsse",
                "Die Anerkennung ...",
                "Anerkennung, Zeugnis",
                "Gleichwertigkeit",
            ),
            ArticleText(
                "en",
                "Recognition of foreign qualifications",
                "Recognition ...",
                "recognition, certificate",
                "diploma",
            ),
            ArticleText("ar", "الاعتراف بالشهادات", "نص عربي"),
            ArticleText(
                "de",
                "Anerkennung ausländischer Berufsabschlüsse",
                "Neu seit 2026 ...",
                "Anerkennung, Zeugnis",
                "Gleichwertigkeit",
            ),
        ],
    )
    duldung = write(
        app,
        editor,
        [
            ArticleText(
                "de", "Was erlaubt eine Duldung?", "Eine Duldung ...", "Duldung", "Aussetzung"
            ),
        ],
    )
    internal = write(
        app,
        editor,
        [
            ArticleText(
                "de", "Interne Weisung Wohnsitzauflage", "Nur für Behörden", "Wohnsitzauflage"
            ),
        ],
        audience=Audience.INTERNAL,
    )
    draft = write(
        app,
        editor,
        [
            ArticleText("de", "Entwurf Kita-Platz", "Noch nicht fertig", "Kita"),
        ],
        status=ArticleStatus.DRAFT,
    )
    return SimpleNamespace(
        organisation=organisation,
        reviewer=build.coordinator(organisation),
        editor=editor,
        recognition=recognition,
        duldung=duldung,
        internal=internal,
        draft=draft,
    )
