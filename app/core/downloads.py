"""Files the site hands out: a safe Content-Disposition for every download, neutral CSV cells.

Every download goes through ``attachment`` (or ``csv_attachment``), so a name that came from a
user (an uploaded certificate's original name) can never split the header, carry a path or
close the quoted name early, and no cell of an export starts a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from werkzeug.wrappers import Response

# OWASP "CSV Injection": a cell starting with one of these is read as a formula (or, for TAB
# and CR, lets the next character start one) by Excel, LibreOffice and Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_NAME_LENGTH = 150
# What the plain ``filename=`` fallback keeps; everything else becomes "_" (RFC 6266 4.3: the
# fallback is for old clients, ``filename*`` carries the real name).
UNSAFE_FALLBACK_RUN = re.compile(r"[^A-Za-z0-9._ ()-]+")
CONTROL_OR_SEPARATOR = re.compile(r"[\x00-\x1f\x7f-\x9f\"\\/:*?<>|]")


def neutralise_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ' so it reads as text.

    Leading blanks are looked through: some spreadsheets drop them and then see the formula.
    Numbers are left alone (a negative number is a number, not a formula)."""
    if isinstance(value, str) and value.lstrip(" \n")[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def download_name(filename: str | None, default: str = "download") -> str:
    """The last path part of ``filename`` without control characters, quotes or separators."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = CONTROL_OR_SEPARATOR.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    return name[-MAX_NAME_LENGTH:] or default


def ascii_fallback(name: str) -> str:
    """Accents dropped (ü → u); any other letter outside ASCII becomes "_", one per run."""
    letters = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in letters if not unicodedata.combining(char))
    return UNSAFE_FALLBACK_RUN.sub("_", plain).strip(" .") or "download"


def content_disposition(filename: str | None, inline: bool = False) -> str:
    """RFC 6266: an ASCII ``filename`` for old clients and the real name as UTF-8 ``filename*``."""
    name = download_name(filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(response: Response, filename: str | None, inline: bool = False) -> Response:
    """Name the download (also a response from ``send_file``) with a safe Content-Disposition."""
    response.headers["Content-Disposition"] = content_disposition(filename, inline)
    return response


def download(body: str | bytes, mimetype: str, filename: str) -> Response:
    return attachment(Response(body, mimetype=mimetype), filename)


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([neutralise_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def csv_attachment(rows: Iterable[Iterable[Any]], filename: str) -> Response:
    """A CSV download in which no cell can start a formula."""
    return download(csv_text(rows), "text/csv", filename)
