"""URL helpers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
