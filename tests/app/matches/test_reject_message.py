"""An empty reason to reject a proposal is answered by the server in the coordinator's language,
not by the browser's bubble in the browser's language (issue 15): the form does not ask the
browser to check it (``novalidate``), and the page comes back with our own message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.matches.models import Proposal

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("de", "Bitte geben Sie einen Grund an."),
        ("ar", "يرجى ذكر سبب."),
        ("uk", "Будь ласка, вкажіть причину."),
    ],
)
def test_an_empty_reason_is_refused_in_the_coordinators_language(
    app, world, login, client, locale, message
):
    login(world.coordinator_os)
    client.post("/matches/rounds", data={"region_id": world.osnabrueck.id})
    with app.app_context():
        first = db.session.scalars(select(Proposal.id).order_by(Proposal.id)).first()
    client.post("/language", data={"locale": locale, "next": "/"})
    page = client.get(f"/matches/proposals/{first}/reject").get_data(as_text=True)
    form = FORM.search(page.split("<main", 1)[1])
    assert form is not None and "novalidate" in form.group(1)
    response = client.post(f"/matches/proposals/{first}/reject", data={"reason": "  "})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Proposal, first).status == "proposed"


def test_no_form_with_our_fields_leaves_the_check_to_the_browser():
    """Every form that renders a field through the form macro (with ``required`` and friends)
    carries ``novalidate``: the server's message, in the reader's language, is the one shown."""
    offenders = [
        f"{path.relative_to(TEMPLATES)}: <form{opening}>"
        for path in TEMPLATES.rglob("*.html")
        for opening, body in FORM.findall(path.read_text(encoding="utf-8"))
        if "novalidate" not in opening and ("field(" in body or "required" in body)
    ]
    assert offenders == []
