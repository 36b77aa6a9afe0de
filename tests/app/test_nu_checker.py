"""The Nu Html Checker the accessibility crawl runs (tests/app/nu_checker.py): the pinned jar is
the one verified, a page the app renders passes, and the same page with the faults the checker
found here before (a microsecond timestamp in ``datetime``, ``aria-invalid="None"``) fails, in
one run over a folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.app.nu_checker import JAR_SHA256, check_folder, fetch


def test_the_cached_jar_is_the_pinned_one() -> None:
    assert hashlib.sha256(fetch().read_bytes()).hexdigest() == JAR_SHA256


def test_one_run_over_a_folder_reports_the_errors_of_each_page(client, tmp_path: Path) -> None:
    page = client.get("/login").get_data(as_text=True)
    broken = page.replace(
        "</main>",
        '<p aria-invalid="None"><time datetime="2026-12-07T02:15:59.000432+00:00">now</time>'
        "</p></main>",
    )
    assert broken != page
    (tmp_path / "good.html").write_text(page)
    (tmp_path / "broken.html").write_text(broken)

    errors = check_folder(tmp_path)

    assert {error.file for error in errors} == {"broken.html"}, "\n".join(map(str, errors))
    texts = " ".join(error.text for error in errors)
    assert "aria-invalid" in texts
    assert "fraction of a second" in texts
