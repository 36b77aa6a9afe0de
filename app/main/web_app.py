"""What a phone needs to put the site on its home screen: the web app manifest and the icons.

The manifest is built per request so that its name and direction follow the reader's language.
The icons are drawn by scripts/make_icons.py into static/icons/.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _

from app.core.i18n import current_locale, text_direction

THEME_COLOUR = "#0a58ca"  # the icon's blue (scripts/make_icons.py)
ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
)


def manifest() -> dict[str, Any]:
    locale = current_locale()
    return {
        "name": _("Brücke – the virtual integration office"),
        "short_name": _("Brücke"),
        "lang": locale,
        "dir": text_direction(locale),
        "id": "/",
        "start_url": url_for("main.index"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": url_for("static", filename=path),
                "sizes": sizes,
                "type": "image/png",
                "purpose": purpose,
            }
            for path, sizes, purpose in ICONS
        ],
    }
