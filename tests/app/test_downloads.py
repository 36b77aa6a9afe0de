"""Every download is named by app.core.downloads, and no exported cell starts a formula."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.downloads import content_disposition, csv_text, download_name, neutralise_cell

APP = Path(__file__).resolve().parents[2] / "app"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 541 123", "'+49 541 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("Schneiderin", "Schneiderin"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(cell, expected):
    assert neutralise_cell(cell) == expected


def test_csv_text_neutralises_every_cell():
    assert csv_text([["=A1", 3, "ok"]]) == "'=A1,3,ok\r\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Zeugnis.pdf", "Zeugnis.pdf"),
        ('a"b\r\nc.pdf', "a_b__c.pdf"),
        ("...", "download"),
        (None, "download"),
        ("Führungszeugnis.pdf", "Führungszeugnis.pdf"),
    ],
)
def test_download_names_lose_paths_quotes_and_control_characters(name, expected):
    assert download_name(name) == expected


def test_content_disposition_has_an_ascii_fallback_and_the_utf8_name():
    assert content_disposition("Führungszeugnis.pdf") == (
        "attachment; filename=\"Fuhrungszeugnis.pdf\"; filename*=UTF-8''F%C3%BChrungszeugnis.pdf"
    )
    assert content_disposition("شهادة.pdf", inline=True).startswith('inline; filename="_.pdf"')


def test_no_module_writes_a_download_header_or_a_csv_by_itself():
    offenders = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if path.name != "downloads.py"
        and any(
            marker in path.read_text(encoding="utf-8")
            for marker in ("Content-Disposition", "csv.writer", "download_name=")
        )
    ]
    assert offenders == []
