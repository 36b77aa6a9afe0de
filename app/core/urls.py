"""URL helpers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app, url_for


def safe_next_url(target: str | None) -> str | None:
    """Accept only a path on this site as a redirect target (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail or a calendar, always on the configured public address.

    Never built from the request: its Host header is the sender's to choose, and a forged one
    would send the recipient's token to the sender's site.
    """
    return current_app.config["PUBLIC_URL"] + url_for(endpoint, **values)
