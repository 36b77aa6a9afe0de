"""HTML → PDF with WeasyPrint: only the vendored fonts, only files from the static folder.

Every PDF is tagged PDF/UA-1 (BITV 2.0 asks for accessible documents): WeasyPrint writes the
structure tree (headings, paragraphs, tables, figures with their text), the document language from
``<html lang>`` and the title from ``<title>``, which a screen reader announces.

The fonts (static/vendor/fonts/, see scripts/vendor_fonts.py) cover Latin, Cyrillic, Arabic,
Persian, Dari, Pashto and Ge'ez (Tigrinya), so a document looks the same on every machine whatever
fonts it has installed. Nothing is fetched from the network: the URL fetcher refuses every URL
outside the static folder.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONT_FOLDER = "vendor/fonts"
PDF_VARIANT = "pdf/ua-1"

# (family, file in FONT_FOLDER, weight). One family per script subset of Noto Sans, so that
# Pango falls back from one to the next character by character without any system font.
FONT_FACES: tuple[tuple[str, str, int], ...] = (
    *(
        (family, f"noto-sans-{subset}-{weight}-normal.woff", weight)
        for family, subset in (
            ("Noto Sans Latin", "latin"),
            ("Noto Sans Latin Ext", "latin-ext"),
            ("Noto Sans Cyrillic", "cyrillic"),
            ("Noto Sans Cyrillic Ext", "cyrillic-ext"),
        )
        for weight in (400, 700)
    ),
    ("Vazirmatn", "Vazirmatn-Regular.ttf", 400),
    ("Vazirmatn", "Vazirmatn-Bold.ttf", 700),
    ("Noto Sans Ethiopic", "noto-sans-ethiopic-ethiopic-400-normal.woff", 400),
    ("Noto Sans Ethiopic", "noto-sans-ethiopic-ethiopic-700-normal.woff", 700),
)
LTR_STACK = (
    '"Noto Sans Latin", "Noto Sans Latin Ext", "Noto Sans Cyrillic", "Noto Sans Cyrillic Ext", '
    '"Vazirmatn", "Noto Sans Ethiopic"'
)
# Right-to-left text takes digits and punctuation from the Arabic font too, so they match.
RTL_STACK = '"Vazirmatn", "Noto Sans Latin", "Noto Sans Latin Ext", "Noto Sans Cyrillic"'
VENDORED_FAMILIES = frozenset(family for family, _file, _weight in FONT_FACES)


class RefusedURL(ValueError):
    """A document asked for a resource outside the static folder."""


class StaticOnlyFetcher(URLFetcher):
    """Serves files from one folder and ``data:`` URLs; refuses everything else."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.local_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def local_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused: {url}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(f"refused: {url}")
        return path


def font_face_css() -> str:
    """@font-face rules for the vendored fonts and the stacks for both text directions."""
    rules = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: normal; '
        f'src: url("{FONT_FOLDER}/{file}"); }}'
        for family, file, weight in FONT_FACES
    ]
    rules.append(f"html {{ font-family: {LTR_STACK}; }}")
    rules.append(f'[dir="rtl"] {{ font-family: {RTL_STACK}; }}')
    return "\n".join(rules)


def html_to_pdf(html: str, static_folder: str | Path) -> bytes:
    """Render ``html`` to PDF bytes; relative URLs resolve against ``static_folder``."""
    root = Path(static_folder).resolve()
    base_url = root.as_uri() + "/"
    fetcher = StaticOnlyFetcher(root)
    font_config = FontConfiguration()
    fonts = CSS(
        string=font_face_css(), base_url=base_url, url_fetcher=fetcher, font_config=font_config
    )
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[fonts], font_config=font_config, pdf_variant=PDF_VARIANT)
