"""A proposal's value is shown with its scale, in the reader's numbers; "native" is translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask_babel import force_locale

from app.accounts.models import User
from app.extensions import db
from app.matches import adapters
from app.matches.messages import reason_text
from app.profiles.models import level_text

BADGE = re.compile(r'badge text-bg-info fs-6">(.*?)</span>')
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def queue_in(app, client, world, locale: str) -> str:
    with app.app_context():
        db.session.get(User, world.coordinator_os.id).locale = locale
        db.session.commit()
    response = client.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    assert response.status_code == 302
    return client.get("/matches/queue").get_data(as_text=True)


def test_the_maximum_is_every_weight_at_its_best():
    assert adapters.MAX_SCORE == 110


def test_german_queue_shows_the_value_out_of_its_maximum(app, world, login, client):
    login(world.coordinator_os)
    badges = BADGE.findall(queue_in(app, client, world, "de"))
    assert badges and all(re.fullmatch(r"Wert \d+(,\d)? von 110", b) for b in badges), badges
    assert not re.search(r"\d\.\d km", queue_in(app, client, world, "de"))


def test_persian_queue_writes_persian_digits(app, world, login, client):
    login(world.coordinator_os)
    page = queue_in(app, client, world, "fa")
    badges = BADGE.findall(page)
    assert badges and all(re.fullmatch(r"نمره [۰-۹]+(٫[۰-۹])? از ۱۱۰", b) for b in badges), badges
    reasons = re.findall(r"<li>([^<]*کیلومتر[^<]*)</li>", page)
    assert reasons and not any(re.search("[0-9]", r) for r in reasons), reasons


@pytest.mark.parametrize(
    ("locale", "native"),
    [("de", "Muttersprache"), ("en", "native language"), ("ar", None), ("fa", None), ("uk", None)],
)
def test_native_is_never_shown_untranslated(app, locale, native):
    with app.test_request_context(), force_locale(locale):
        label = level_text("native")
        reason = reason_text(
            {"key": "shared_language", "params": {"lang": "de", "level": "native"}}
        )
        assert level_text("B1") == "B1"
    assert native is None or label == native
    assert label in reason
    if locale != "en":
        assert "native" not in label and "native" not in reason


def test_templates_print_a_language_level_only_through_its_label():
    raw = [
        f"{path.name}: {line.strip()[:80]}"
        for path in TEMPLATES.rglob("*.html")
        for line in path.read_text().splitlines()
        if re.search(r"language\.level\s*}}", line)
    ]
    assert raw == []


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de", "Vergebener Wert 58,5 von 110"),
        ("en", "Given score 58.5 of 110"),
        ("fa", "نمره داده‌شده ۵۸٫۵ از ۱۱۰"),
    ],
)
def test_a_given_score_is_shown_out_of_the_maximum(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        text = reason_text({"key": "given_score", "params": {"score": 58.5}})
    assert text == expected


def test_the_bulk_approval_counts_in_persian(app, world, login, client):
    login(world.coordinator_os)
    queue_in(app, client, world, "fa")
    with app.app_context():
        from sqlalchemy import select

        from app.matches.models import Proposal

        ids = [str(i) for i in db.session.scalars(select(Proposal.id))]
    assert ids
    page = client.post(
        "/matches/queue/approve", data={"proposal_id": ids}, follow_redirects=True
    ).get_data(as_text=True)
    [message] = re.findall(r'<div class="alert alert-\w+" role="\w+">(.*?)</div>', page)
    assert "تأیید شد" in message and not re.search("[0-9]", message), message
