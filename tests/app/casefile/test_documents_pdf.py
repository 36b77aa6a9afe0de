"""app.core.pdf: vendored fonts only, no resource from outside the static folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.core.pdf import (
    FONT_FACES,
    VENDORED_FAMILIES,
    RefusedURL,
    StaticOnlyFetcher,
    html_to_pdf,
)
from tests.app.casefile.pdf_reading import (
    document_language,
    element_languages,
    font_names,
    pdf_text,
    save_page_png,
)

STATIC = Path(__file__).resolve().parents[3] / "static"
SAMPLE = """<!doctype html><html lang="de"><body>
<h1>Größe und Maß</h1>
<p lang="uk">Мета: скласти іспит</p>
<p dir="rtl" lang="ar">الهدف دورة</p>
<p dir="rtl" lang="fa">هدف گذراندن دورهٔ زبان</p>
<p dir="rtl" lang="ps">د ژبې کورس ته ورتګ</p>
<p lang="ti">ዕላማ ትምህርቲ ቋንቋ</p>
<img src="https://example.org/tracker.png" alt="">
<img src="../pyproject.toml" alt="">
</body></html>"""


def test_fetcher_serves_the_static_folder_and_refuses_everything_else() -> None:
    fetcher = StaticOnlyFetcher(STATIC)
    font = fetcher.fetch((STATIC / "vendor/fonts/Vazirmatn-Regular.ttf").as_uri())
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    for url in (
        "https://example.org/font.woff",
        "http://127.0.0.1/secret",
        (STATIC.parent / "pyproject.toml").as_uri(),
        (STATIC / "vendor/../../pyproject.toml").as_uri(),
        "file://otherhost/etc/passwd",
        "ftp://example.org/x",
    ):
        with pytest.raises((RefusedURL, ValueError)):
            fetcher.fetch(url)


def test_every_script_is_set_in_an_embedded_vendored_font() -> None:
    pdf = html_to_pdf(SAMPLE, STATIC)
    text = pdf_text(pdf)
    for word in ("Größe", "Мета", "скласти", "الهدف", "دورة", "گذراندن", "ورتګ", "ትምህርቲ"):
        assert word in text
    fonts = font_names(pdf)
    used = {name for name, _embedded in fonts}
    assert all(embedded for _name, embedded in fonts)
    assert used <= {
        family.replace(" ", "-") + suffix
        for family in VENDORED_FAMILIES
        for suffix in ("", "-Bold")
    }, used
    assert {"Noto-Sans-Latin", "Noto-Sans-Cyrillic", "Vazirmatn", "Noto-Sans-Ethiopic"} <= used
    save_page_png(pdf, "pdf-scripts.png")


def test_vendored_fonts_match_their_checksums_and_carry_their_licences() -> None:
    vendor = STATIC / "vendor"
    lines = [line.split("  ") for line in (vendor / "SHA256SUMS").read_text().splitlines()]
    fonts = {name: digest for digest, name in lines if name.startswith("fonts/")}
    on_disk = {f"fonts/{path.name}" for path in (vendor / "fonts").iterdir()}
    assert set(fonts) == on_disk
    for name, digest in fonts.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
    assert {"fonts/NotoSans-OFL.txt", "fonts/Vazirmatn-OFL.txt"} <= on_disk
    for _family, file, _weight in FONT_FACES:
        assert f"fonts/{file}" in on_disk


def test_the_pdf_carries_the_documents_language_but_not_each_blocks() -> None:
    """The documents mark each language block with ``lang`` (agreement and report: German, then
    the person's language), and the HTML page keeps it; WeasyPrint 70 writes only the
    document's /Lang, not one per structure element. The accessibility statement names this
    gap: when this test fails, WeasyPrint writes it, and the gap leaves the statement."""
    pdf = html_to_pdf(SAMPLE, STATIC)
    assert document_language(pdf) == "de"
    assert element_languages(pdf) == set()
