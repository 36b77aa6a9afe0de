"""A coordinator exports and erases the data of a person kept on behalf (no account): only in
their regions, only with a grant that opens the whole case file, always recorded."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from app.casefile.models import AccessGrant, AuditEntry, CaseFile, ErasureRecord
from app.core.permissions import Role
from app.extensions import db
from app.privacy.models import DataExport
from app.profiles.models import Person
from tests.app.casefile.pdf_reading import pdf_text, save_page_png

PATHS = ("/people/{id}/data", "/people/{id}/data/export.json", "/people/{id}/erase")


@pytest.fixture
def kept(app, build):
    """A person without an account, her case file, and the office holding her consent."""
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    office = build.organisation("Integration OS", district)
    coordinator = build.coordinator(office)
    person = build.refugee_person(district.children[0], "Warda", "Sulaimani")
    with app.app_context():
        case_file = CaseFile(person_id=person.id, opened_by_id=coordinator.id)
        db.session.add(case_file)
        db.session.add(
            AccessGrant(
                person_id=person.id,
                organisation_id=office.id,
                purpose="counselling",
                granted_by_id=coordinator.id,
                on_behalf=True,
            )
        )
        db.session.commit()
        key = case_file.subject_key
    return {
        "district": district,
        "office": office,
        "coordinator": coordinator,
        "person": person,
        "key": key,
    }


def test_the_export_for_the_person_is_recorded_with_the_office(app, client, login, kept):
    login(kept["coordinator"])
    response = client.get(f"/people/{kept['person'].id}/data/export.json")
    assert response.status_code == 200
    assert json.loads(response.data)["tables"]["person"][0]["family_name"] == "Sulaimani"
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "export"))
    assert (entry.actor_user_id, entry.actor_organisation_id, entry.purpose) == (
        kept["coordinator"].id,
        kept["office"].id,
        "counselling",
    )
    person_id = kept["person"].id
    page = client.post(f"/people/{person_id}/data/pdf", data={"locale": "uk"})
    assert page.status_code == 302 and page.location.endswith(f"/people/{person_id}/data")
    with app.app_context():
        asked = db.session.scalar(select(DataExport))
    assert (asked.locale, asked.status, asked.person_id) == ("uk", "ready", person_id)
    assert asked.requested_by_id == kept["coordinator"].id and asked.user_id is None
    pdf = client.get(f"/people/{person_id}/data/pdf/{asked.id}.pdf")
    assert pdf.mimetype == "application/pdf"
    assert "Sulaimani" in pdf_text(pdf.data)
    save_page_png(pdf.data, "privacy-export-on-behalf-uk.png")


def test_the_coordinator_erases_with_a_reason_that_is_kept(app, client, login, kept):
    login(kept["coordinator"])
    page = client.get(f"/people/{kept['person'].id}/erase").get_data(as_text=True)
    assert "Warda Sulaimani" in page and "Reason" in page
    named = client.post(
        f"/people/{kept['person'].id}/erase",
        data={"reason": "Frau Sulaimani asked by phone", "confirm": "y"},
    )
    assert named.status_code == 422
    assert "Please do not write the person&#39;s name" in named.get_data(as_text=True)
    response = client.post(
        f"/people/{kept['person'].id}/erase",
        data={"reason": "The person asked in person on 2026-11-20.", "confirm": "y"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Person, kept["person"].id) is None
        record = db.session.scalar(select(ErasureRecord))
        assert (record.subject_key, record.erased_by_id) == (kept["key"], kept["coordinator"].id)
        assert record.reason == "The person asked in person on 2026-11-20."
        erase = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "erase"))
        assert erase.actor_user_id == kept["coordinator"].id
    assert client.get("/people/").status_code == 200  # still logged in


def status_of(client, person_id: int) -> set[int]:
    return {client.get(path.format(id=person_id)).status_code for path in PATHS}


def test_anonymous_visitors_go_to_the_login(client, kept):
    for path in (*PATHS, "/me/data", "/me/data/export.json", "/me/delete"):
        response = client.get(path.format(id=kept["person"].id))
        assert response.status_code == 302 and "/login" in response.location


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR], ids=str)
def test_other_roles_are_refused(client, build, login, kept, role):
    login(build.user(role))
    assert status_of(client, kept["person"].id) == {403}


def test_a_coordinator_elsewhere_does_not_learn_of_the_person(client, build, login, kept):
    emsland = build.district("Landkreis Emsland", ("Meppen",))
    login(build.coordinator(build.organisation("Integration EL", emsland)))
    assert status_of(client, kept["person"].id) == {404}


def test_a_person_with_an_account_acts_for_themselves(app, client, build, login, kept):
    user = build.user(Role.REFUGEE)
    with app.app_context():
        db.session.get(Person, kept["person"].id).user_id = user.id
        db.session.commit()
    login(kept["coordinator"])
    assert status_of(client, kept["person"].id) == {404}


def test_no_grant_is_no_file_and_a_narrow_grant_is_not_enough(app, client, build, login, kept):
    welfare = build.organisation("Caritas OS", kept["district"], kind="welfare")
    login(build.coordinator(welfare))
    assert status_of(client, kept["person"].id) == {404}
    with app.app_context():
        db.session.add(
            AccessGrant(
                person_id=kept["person"].id, organisation_id=welfare.id, purpose="job_placement"
            )
        )
        db.session.commit()
    assert status_of(client, kept["person"].id) == {403}


def test_without_a_case_file_the_regions_coordinator_may_act(app, client, login, kept):
    with app.app_context():
        db.session.delete(db.session.scalar(select(CaseFile)))
        db.session.commit()
    login(kept["coordinator"])
    assert status_of(client, kept["person"].id) == {200}


def main_text(html: str) -> str:
    """The words of the page's <main>, without tags (navigation and footer left out)."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def addresses_the_reader(text: str) -> list[str]:
    return re.findall(r"\b(?:you|your|yours|yourself)\b", text, flags=re.IGNORECASE)


def test_the_coordinators_erase_pages_speak_of_the_person_not_to_them(client, login, kept):
    login(kept["coordinator"])
    english = {"Accept-Language": "en"}
    person_id = kept["person"].id
    client.get(f"/people/{person_id}/data/export.json")  # an audit entry, kept on erasure

    raw = client.get(f"/people/{person_id}/erase", headers=english).text
    assert "<bdi>Warda Sulaimani</bdi>" in raw  # the name keeps its own direction
    before = main_text(raw)
    assert "Everything held about Warda Sulaimani is deleted" in before
    assert "Kept without anything that identifies the person" in before
    assert addresses_the_reader(before) == []

    reason = {"reason": "The person asked in person on 2026-11-20.", "confirm": "y"}
    response = client.post(f"/people/{person_id}/erase", data=reason, headers=english)
    after = main_text(client.get(response.location, headers=english).text)
    assert "The person's data is deleted" in after and "Sulaimani" not in after
    assert "Kept without anything that identifies the person" in after
    assert addresses_the_reader(after) == []


def test_a_person_erasing_their_own_account_is_still_addressed_as_you(client, build, login):
    login(build.user(Role.REFUGEE))
    page = main_text(client.get("/me/delete", headers={"Accept-Language": "en"}).text)
    assert "without your name, e-mail or any other detail" in page
    assert "the person" not in page


def test_in_german_the_person_is_not_addressed_either(app, client, login, kept):
    with app.app_context():
        db.session.merge(kept["coordinator"]).locale = "de"
        db.session.commit()
    login(kept["coordinator"])
    client.get(f"/people/{kept['person'].id}/data/export.json")
    page = main_text(client.get(f"/people/{kept['person'].id}/erase").text)
    assert "Alles, was über Warda Sulaimani gespeichert ist, wird gelöscht" in page
    assert "die die Person identifizieren" in page
    # "Sie" remains where the page asks the coordinator to act ("Bitte laden Sie ..."); what
    # is theirs or given to them would be the person's, and is not said to the coordinator
    assert re.findall(r"\b(?:Ihr\w*|Ihnen|identifizieren Sie|ohne Sie)\b", page) == []


def test_a_pdf_asked_for_on_behalf_is_the_asking_coordinators_only(
    app, client, build, login, make_client, kept
):
    person_id = kept["person"].id
    login(kept["coordinator"])
    client.post(f"/people/{person_id}/data/pdf", data={"locale": "de"})
    with app.app_context():
        made = db.session.scalar(select(DataExport))
    pdf_path = f"/people/{person_id}/data/pdf/{made.id}.pdf"
    assert client.get(pdf_path).status_code == 200
    state = client.get(f"/people/{person_id}/data/pdf/{made.id}/status").get_json()
    assert (state["status"], state["download_url"]) == ("ready", pdf_path)
    # a colleague may act for the person too, and asks for a PDF of their own
    colleague = login(build.coordinator(kept["office"]), on=make_client())
    assert colleague.get(f"/people/{person_id}/data").status_code == 200
    assert colleague.get(pdf_path).status_code == 404
    assert colleague.get(f"/people/{person_id}/data/pdf/{made.id}/status").status_code == 404
    emsland = build.district("Landkreis Emsland", ("Meppen",))
    elsewhere = login(build.coordinator(build.organisation("EL", emsland)), on=make_client())
    assert elsewhere.get(pdf_path).status_code == 404
    assert elsewhere.post(f"/people/{person_id}/data/pdf", data={"locale": "de"}).status_code == 404
    refugee = login(build.user(Role.REFUGEE), on=make_client())
    assert refugee.post(f"/people/{person_id}/data/pdf", data={"locale": "de"}).status_code == 403
    assert refugee.get(f"/me/data/pdf/{made.id}.pdf").status_code == 404


def test_on_behalf_a_language_not_offered_is_refused_and_the_old_address_renders_nothing(
    app, client, login, kept
):
    person_id = kept["person"].id
    login(kept["coordinator"])
    refused = client.post(f"/people/{person_id}/data/pdf", data={"locale": "xx"})
    assert refused.status_code == 400
    assert "Please choose one of the languages offered." in refused.get_data(as_text=True)
    old = client.get(f"/people/{person_id}/data/export.pdf?lang=uk")
    assert old.status_code == 302 and old.location.endswith(f"/people/{person_id}/data")
    with app.app_context():
        assert db.session.scalar(select(DataExport)) is None
