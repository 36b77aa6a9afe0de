"""The person's page shows a case-file or data button only where it opens; where a consent is
missing it says what can be done (issue 15: "Fallakte" and "Daten und Rechte" answered 404 for
every person without a grant)."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.casefile.models import CaseFile
from app.extensions import db
from tests.app.casefile.conftest import file_url

EN = {"Accept-Language": "en"}


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def person_page(client, person_id: int) -> str:
    response = client.get(f"/people/{person_id}", headers=EN)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def every_link_opens(client, html: str, person_id: int) -> None:
    for href in hrefs(html):
        if href.startswith(f"/people/{person_id}/"):
            assert client.get(href).status_code == 200, href


def test_a_newcomer_with_an_account_and_no_grant_is_asked(as_user, world):
    client = as_user(world.coordinator)
    html = person_page(client, world.person.id)
    assert file_url(world) not in hrefs(html)
    assert file_url(world, "/access") not in hrefs(html)
    assert f"/people/{world.person.id}/data" not in hrefs(html)
    assert 'id="case-file-ask"' in html and "“Who may see my file”" in html
    every_link_opens(client, html, world.person.id)


def test_with_a_grant_the_case_file_opens(as_user, world, grant):
    grant(world, "mentoring")
    client = as_user(world.coordinator)
    html = person_page(client, world.person.id)
    assert file_url(world) in hrefs(html) and 'id="case-file-ask"' not in html
    every_link_opens(client, html, world.person.id)


def test_kept_on_behalf_without_a_file_records_consent_and_opens_the_data(
    app, as_user, world, kept
):
    client = as_user(world.coordinator)
    html = person_page(client, kept.id)
    assert f"/people/{kept.id}/file" not in hrefs(html)
    assert f"/people/{kept.id}/file/access" in hrefs(html)
    assert "Record consent for the case file" in html
    assert f"/people/{kept.id}/data" in hrefs(html)  # no file yet: export and erasure open
    assert client.get(f"/people/{kept.id}/data").status_code == 200
    # Looking at the (empty) consents opens no case file: a file, once opened, would close the
    # data page that the person page had just offered (found from outside: three "Daten und
    # Rechte" links answered 404 after the consent page was looked at).
    assert client.get(f"/people/{kept.id}/file/access").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(CaseFile).where(CaseFile.person_id == kept.id)) is None
    html = person_page(client, kept.id)
    assert f"/people/{kept.id}/data" in hrefs(html)
    every_link_opens(client, html, kept.id)


def test_kept_on_behalf_with_a_file_needs_consent_for_the_data(app, as_user, world, kept):
    with app.app_context():
        db.session.add(CaseFile(person_id=kept.id))
        db.session.commit()
    client = as_user(world.coordinator)
    html = person_page(client, kept.id)
    assert f"/people/{kept.id}/data" not in hrefs(html)
    assert 'id="data-needs-consent"' in html
    assert f"/people/{kept.id}/file/access" in hrefs(html)
    every_link_opens(client, html, kept.id)
    # Recording the consent opens both.
    data = {"organisation_id": world.office.id, "purpose": "counselling", "note": "Formular"}
    assert client.post(f"/people/{kept.id}/file/access", data=data).status_code == 302
    html = person_page(client, kept.id)
    assert {f"/people/{kept.id}/file", f"/people/{kept.id}/data"} <= hrefs(html)
    assert "Consent for the case file" in html
    every_link_opens(client, html, kept.id)


def test_the_consent_page_before_a_grant_has_no_dead_case_file_crumb(as_user, world, kept):
    client = as_user(world.coordinator)
    html = client.get(f"/people/{kept.id}/file/access", headers=EN).get_data(as_text=True)
    assert f"/people/{kept.id}/file" not in hrefs(html)
    assert f"/people/{kept.id}" in hrefs(html)
