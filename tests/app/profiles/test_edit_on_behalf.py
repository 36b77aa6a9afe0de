"""Only the person edits their own profile; a coordinator edits only people kept on behalf in its
regions, and every such change is audited (finding 4 of the penetration test, issue 11)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Person, ProfileChange
from tests.app.profiles.conftest import about_me


@pytest.fixture
def office(build, district):
    return build.organisation("Fachdienst Integration", district)


@pytest.fixture
def coordinator(build, office):
    return build.coordinator(office)


@pytest.fixture
def with_account(build, district):
    return build.refugee_person(district.children[0], user=build.user(Role.REFUGEE))


@pytest.fixture
def kept(build, district):
    return build.refugee_person(district.children[0], "Dawit", "Tesfaye")


def changes(app) -> list[ProfileChange]:
    with app.app_context():
        return list(db.session.scalars(select(ProfileChange).order_by(ProfileChange.id)))


def given_name(app, person: Person) -> str:
    with app.app_context():
        return db.session.get(Person, person.id).given_name


def test_a_coordinator_does_not_edit_a_person_with_an_account(
    app, client, login, coordinator, with_account
):
    login(coordinator)
    url = f"/people/{with_account.id}/edit"
    assert client.get(url).status_code == 403
    assert client.post(url, data=about_me(given_name="Changed")).status_code == 403
    assert given_name(app, with_account) == "Amina"
    assert changes(app) == []
    page = client.get(f"/people/{with_account.id}").get_data(as_text=True)
    assert url not in page and "account of their own" in page


def test_a_coordinator_outside_the_regions_edits_nobody(
    app, client, build, login, other_district, kept, with_account
):
    login(build.coordinator(build.organisation("Integration Emsland", other_district)))
    for person in (kept, with_account):
        url = f"/people/{person.id}/edit"
        assert client.get(url).status_code == 404
        assert client.post(url, data=about_me(given_name="Changed")).status_code == 404
    assert changes(app) == []


def test_an_edit_on_behalf_is_stored_and_audited_once(
    app, client, login, coordinator, office, kept
):
    login(coordinator)
    data = about_me(given_name="Dawit", family_name="Tesfaye", phone="+49 170 7654321")
    assert client.post(f"/people/{kept.id}/edit", data=data).status_code == 302
    with app.app_context():
        stored = db.session.get(Person, kept.id)
        assert (stored.phone, stored.postcode) == ("+49 170 7654321", "49565")
    [change] = changes(app)
    assert (change.person_id, change.actor_user_id) == (kept.id, coordinator.id)
    assert change.actor_organisation_id == office.id
    fields = change.fields.split(",")
    assert {"phone", "postcode", "languages", "skills", "weekly_times"} <= set(fields)
    assert "given_name" not in fields  # unchanged
    assert "7654321" not in change.fields  # names of fields, never their values
    # the same form again changes nothing: nothing to audit
    assert client.post(f"/people/{kept.id}/edit", data=data).status_code == 302
    assert len(changes(app)) == 1


def test_a_person_kept_on_behalf_is_not_moved_out_of_the_regions(
    app, client, login, coordinator, kept
):
    login(coordinator)
    response = client.post(f"/people/{kept.id}/edit", data=about_me(postcode="49716"))  # Meppen
    assert response.status_code == 422
    assert "outside the regions you coordinate" in response.get_data(as_text=True)
    assert changes(app) == []


def test_the_persons_own_edits_are_not_audited_as_changes_on_behalf(app, client, login, build):
    login(build.user(Role.REFUGEE))
    assert client.post("/me/edit", data=about_me()).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ProfileChange)) == 0
