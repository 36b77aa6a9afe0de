"""Reading the PDFs we print, through pdfium: text, the fonts on the pages, a page as PNG."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)  # tests write text next to the page images; a fresh clone has none


def pdf_text(pdf: bytes) -> str:
    """The text of every page, as pdfium extracts it (Arabic comes out in logical order)."""
    document = pdfium.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def page_count(pdf: bytes) -> int:
    return len(pdfium.PdfDocument(pdf))


def font_names(pdf: bytes) -> set[tuple[str, bool]]:
    """(base font name without the subset tag, embedded?) of every text object on every page."""
    fonts: set[tuple[str, bool]] = set()
    for page in pdfium.PdfDocument(pdf):
        for text_object in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT]):
            font = pdfium_raw.FPDFTextObj_GetFont(text_object.raw)
            size = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium_raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode().split("+")[-1]
            fonts.add((name, bool(pdfium_raw.FPDFFont_GetIsEmbedded(font))))
    return fonts


def save_page_png(pdf: bytes, name: str, page: int = 0) -> Path:
    """Render one page at 110 dpi into tests/artifacts/ (to look at) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    pdfium.PdfDocument(pdf)[page].render(scale=110 / 72).to_pil().save(path)
    return path


def characters_in_font(pdf: bytes, font: str) -> str:
    """The characters pdfium finds set in a font whose name contains ``font`` (for diagnosis)."""
    found = []
    for page in pdfium.PdfDocument(pdf):
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            buffer = ctypes.create_string_buffer(200)
            flags = ctypes.c_int()
            pdfium_raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 200, ctypes.byref(flags))
            if font in buffer.value.decode(errors="replace"):
                found.append(chr(pdfium_raw.FPDFText_GetUnicode(textpage.raw, index)))
    return "".join(found)


def _utf16(getter, handle, wide: bool = False) -> str:
    size = getter(handle, None, 0)
    buffer = ctypes.create_string_buffer(size)
    target = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)) if wide else buffer
    getter(handle, target, size)
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


def structure_types(pdf: bytes) -> list[str]:
    """The type of every element of the tagged structure tree, page by page, depth first."""
    types: list[str] = []

    def walk(element) -> None:
        types.append(_utf16(pdfium_raw.FPDF_StructElement_GetType, element))
        for index in range(pdfium_raw.FPDF_StructElement_CountChildren(element)):
            child = pdfium_raw.FPDF_StructElement_GetChildAtIndex(element, index)
            if child:
                walk(child)

    for page in pdfium.PdfDocument(pdf):
        tree = pdfium_raw.FPDF_StructTree_GetForPage(page.raw)
        for index in range(pdfium_raw.FPDF_StructTree_CountChildren(tree)):
            walk(pdfium_raw.FPDF_StructTree_GetChildAtIndex(tree, index))
        pdfium_raw.FPDF_StructTree_Close(tree)
    return types


def element_languages(pdf: bytes) -> set[str]:
    """Every /Lang that an element of the structure tree carries (not the catalog's)."""
    found: set[str] = set()

    def walk(element) -> None:
        found.add(_utf16(pdfium_raw.FPDF_StructElement_GetLang, element))
        for index in range(pdfium_raw.FPDF_StructElement_CountChildren(element)):
            child = pdfium_raw.FPDF_StructElement_GetChildAtIndex(element, index)
            if child:
                walk(child)

    for page in pdfium.PdfDocument(pdf):
        tree = pdfium_raw.FPDF_StructTree_GetForPage(page.raw)
        for index in range(pdfium_raw.FPDF_StructTree_CountChildren(tree)):
            walk(pdfium_raw.FPDF_StructTree_GetChildAtIndex(tree, index))
        pdfium_raw.FPDF_StructTree_Close(tree)
    return found - {""}


def document_language(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return _utf16(pdfium_raw.FPDFCatalog_GetLanguage, document.raw, wide=True)


def assert_tagged(pdf: bytes, language: str, title_part: str) -> None:
    """Tagged PDF/UA-1: a structure tree with headings, the document language and its title."""
    types = structure_types(pdf)
    assert types[0] == "Document", types[:5]
    assert "H1" in types and "P" in types, set(types)
    assert document_language(pdf) == language
    assert title_part in pdfium.PdfDocument(pdf).get_metadata_value("Title")
