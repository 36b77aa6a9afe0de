"""URL helpers."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for

# Browsers read a backslash as a slash and drop tabs and line breaks inside a URL: a path
# starting with slash-backslash or slash-tab-slash leads to another site like "//evil.example".
UNSAFE_IN_PATH = re.compile(r"[\\\x00-\x20\x7f]")


def safe_next_url(target: str | None) -> str | None:
    """Accept only a path on this site as a redirect target (no open redirect).

    Every redirect to an address the request names (``next``) goes through here."""
    if not target or UNSAFE_IN_PATH.search(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail or a calendar, always on the configured public address.

    Never built from the request: its Host header is the sender's to choose, and a forged one
    would send the recipient's token to the sender's site. Outside a request (a task, a
    command) the path comes from the URL map alone, so a mail sent there has the same link.
    """
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"] + path
