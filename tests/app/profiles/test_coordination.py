"""Coordinators: profiles on behalf with consent, certificates, filters, the region rule."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Consent, Person
from tests.app.profiles.conftest import about_me

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def coordinator(build, district):
    office = build.organisation("Fachdienst Integration", district)
    return build.coordinator(office)


@pytest.fixture
def foreign_coordinator(build, other_district):
    return build.coordinator(build.organisation("Integration Emsland", other_district))


def on_behalf(**changes: str) -> dict[str, str]:
    consent = {"consent": "y", "consent_note": "Signed consent form, counselling on 26 Nov"}
    return about_me(**{**consent, **changes})


def test_coordinator_keeps_a_profile_on_behalf_and_records_consent(app, client, login, coordinator):
    login(coordinator)
    response = client.post("/people/new", data=on_behalf(given_name="Yonas", family_name="Tesfay"))
    assert response.status_code == 302
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.family_name == "Tesfay"))
        assert person.user_id is None and person.created_by_id == coordinator.id
        assert person.refugee_profile is not None
        [consent] = db.session.scalars(select(Consent).where(Consent.person_id == person.id))
        assert (consent.purpose, consent.recorded_by_id) == ("profile", coordinator.id)
        assert "Signed consent form" in consent.note
    assert client.get(response.location).status_code == 200


def test_no_profile_without_consent(app, client, login, coordinator):
    login(coordinator)
    response = client.post(
        "/people/new", data=on_behalf(consent=""), headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    assert "Without the person's consent no profile may be kept." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Person)) is None


def test_no_profile_outside_the_coordinators_regions(client, login, coordinator):
    login(coordinator)
    response = client.post("/people/new", data=on_behalf(postcode="49716"))  # Meppen
    assert response.status_code == 422
    assert "outside the regions you coordinate" in response.get_data(as_text=True)


def test_coordinator_edits_a_person_of_the_region_only(
    client, build, login, coordinator, foreign_coordinator, district
):
    person = build.refugee_person(district.children[0])
    login(coordinator)
    assert client.get(f"/people/{person.id}/edit").status_code == 200
    assert (
        client.post(f"/people/{person.id}/edit", data=about_me(given_name="Amina-Sara")).status_code
        == 302
    )
    assert "Amina-Sara" in client.get(f"/people/{person.id}").get_data(as_text=True)
    client.post("/logout")
    login(foreign_coordinator)
    for path in (
        f"/people/{person.id}",
        f"/people/{person.id}/edit",
        f"/people/{person.id}/certificate",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/people/{person.id}/edit", data=about_me()).status_code == 404


@pytest.fixture
def mentor_with_certificate(app, client, build, login, district):
    user = build.user(Role.MENTOR)
    login(user)
    client.post("/me/edit", data=about_me(given_name="Jana"))
    client.post(
        "/me/helping",
        content_type="multipart/form-data",
        data={
            "tandem_capacity": "1",
            "certificate_issued_on": str(date.today() - timedelta(days=30)),
            "certificate_file": (io.BytesIO(PDF), "zeugnis.pdf"),
        },
    )
    client.post("/logout")
    with app.app_context():
        return db.session.scalar(select(Person).where(Person.user_id == user.id))


def test_coordinator_downloads_and_confirms_the_certificate(
    app, client, login, coordinator, mentor_with_certificate
):
    person = mentor_with_certificate
    login(coordinator)
    download = client.get(f"/people/{person.id}/certificate")
    assert download.status_code == 200 and download.data == PDF
    assert "zeugnis.pdf" in download.headers["Content-Disposition"]
    valid_until = date.today() + timedelta(days=3 * 365)
    response = client.post(
        f"/people/{person.id}/certificate", data={"valid_until": valid_until.isoformat()}
    )
    assert response.status_code == 302
    with app.app_context():
        profile = db.session.get(Person, person.id).mentor_profile
        assert profile.conduct_certificate_valid_until == valid_until
        assert profile.conduct_certificate_checked_by_id == coordinator.id
        assert profile.certificate_valid_on(date.today())


def test_a_certificate_cannot_be_confirmed_into_the_past(
    client, login, coordinator, mentor_with_certificate
):
    login(coordinator)
    response = client.post(
        f"/people/{mentor_with_certificate.id}/certificate",
        data={"valid_until": "2020-01-01"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert "The date must lie in the future." in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR], ids=str)
def test_only_coordinators_see_or_confirm_certificates(
    client, build, login, role, mentor_with_certificate
):
    login(build.user(role))
    person_id = mentor_with_certificate.id
    assert client.get(f"/people/{person_id}/certificate").status_code == 403
    assert (
        client.post(
            f"/people/{person_id}/certificate", data={"valid_until": "2030-01-01"}
        ).status_code
        == 403
    )
    assert client.get(f"/people/{person_id}/edit").status_code == 403


def test_people_filters_by_role_language_and_goal(client, build, login, coordinator, district, app):
    amina = build.refugee_person(district.children[0], "Amina", "Haddad")
    build.refugee_person(district.children[1], "Olena", "Kovalenko")
    with app.app_context():
        from app.profiles.models import PersonGoal, PersonLanguage

        olena = db.session.scalar(select(Person).where(Person.given_name == "Olena"))
        olena.languages = [PersonLanguage(code="uk", level="native")]
        db.session.add(PersonGoal(person_id=amina.id, goal="job"))
        db.session.commit()
    login(coordinator)

    def names(query: str) -> str:
        return client.get("/people/?" + query).get_data(as_text=True)

    assert "Olena" in names("language=uk") and "Amina" not in names("language=uk")
    assert "Amina" in names("goal=job") and "Olena" not in names("goal=job")
    assert "Amina" in names("role=newcomer") and "Amina" not in names("role=mentor")
    assert "Olena" in names("q=koval")


def test_person_deletes_their_account_and_everything_identifying_goes(
    app, client, build, login, mentor_with_certificate
):
    person = mentor_with_certificate
    with app.app_context():
        user = db.session.get(Person, person.id).user
        stored = db.session.get(Person, person.id).mentor_profile.conduct_certificate_file
    folder = app.instance_path + "/uploads/certificates/"
    login(user)
    wrong = client.post("/me/delete", data={"password": "not it", "confirm": "y"})
    assert wrong.status_code == 422
    response = client.post("/me/delete", data={"password": build.PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    with app.app_context():
        from app.accounts.models import User
        from app.offers.models import Offer

        assert db.session.get(Person, person.id) is None
        assert db.session.scalar(select(User).where(User.email == user.email)) is None
        assert db.session.scalar(select(Offer).where(Offer.owner_id == person.id)) is None
    assert not (Path(folder) / stored).exists()
    assert client.get("/me").status_code == 302  # logged out


def test_the_uploaded_name_cannot_forge_the_download_header(
    app, client, login, coordinator, mentor_with_certificate
):
    # The name is the one the mentor's browser sent; it is kept as typed and shown, so it may
    # hold anything: path parts, quotes, a line break that would start a header of its own.
    with app.app_context():
        person = db.session.get(Person, mentor_with_certificate.id)
        person.mentor_profile.conduct_certificate_filename = (
            '..\\..\\Zeugnis "final"\r\nSet-Cookie: session=evil; x=.pdf'
        )
        db.session.commit()
    login(coordinator)
    download = client.get(f"/people/{person.id}/certificate")
    assert download.status_code == 200 and download.data == PDF
    header = download.headers["Content-Disposition"]
    assert "Set-Cookie" not in download.headers
    assert "\r" not in header and "\n" not in header and ".." not in header
    assert header.startswith('attachment; filename="Zeugnis _final_')
    assert header.count('"') == 2 and "filename*=UTF-8''Zeugnis%20_final_" in header
