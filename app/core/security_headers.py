"""Security headers on every response.

The Content-Security-Policy allows only our own scripts, styles and images (no inline script or
style anywhere in templates/, so an injected ``<script>`` or ``style=`` does nothing); the page can
be framed by no one. Pages and downloads hold personal data (case files, exports), so nothing but
the static assets may be kept by a browser or a proxy. A document delivered on its own (the
readable data export) carries its styles inside it and gets a narrower policy of its own that
allows exactly those styles by their hash: :func:`self_contained_document`.
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

CSP = "Content-Security-Policy"

PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Two years, the value the HSTS preload list asks for.
HSTS = "max-age=63072000; includeSubDomains"

STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def register(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    # A response that set its own (narrower) policy keeps it.
    response.headers.setdefault(CSP, PAGE_POLICY)
    for name, value in HEADERS.items():
        response.headers[name] = value
    if served_securely():
        response.headers["Strict-Transport-Security"] = HSTS
    if not is_static_asset(response):
        response.headers["Cache-Control"] = "no-store"
    return response


def served_securely() -> bool:
    """HSTS only where the site is configured to be reached over HTTPS: sent over plain HTTP
    (development, the embedded default) it would be wrong, and browsers ignore it there."""
    config = current_app.config
    return bool(config.get("SESSION_COOKIE_SECURE")) or (
        config.get("PREFERRED_URL_SCHEME") == "https"
    )


def is_static_asset(response: Response) -> bool:
    return request.endpoint == "static" and response.status_code < 400


def style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def document_policy(html: str) -> str:
    """The policy of a self-contained HTML document: its own ``<style>`` blocks, data: images,
    and nothing else (no script, no fetch, no form, no base, never in a frame)."""
    styles = " ".join(sorted({style_hash(css) for css in STYLE_BLOCK.findall(html)})) or "'none'"
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {styles}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


def self_contained_document(html: str) -> Response:
    """An HTML document delivered for reading and keeping, under its own narrow policy."""
    response = Response(html, mimetype="text/html")
    response.headers[CSP] = document_policy(html)
    return response
