"""An administrator invites a coordinator, who sets a password by mail and then coordinates."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.core.permissions import Role
from app.extensions import db
from tests.app.outbox import path_of


def test_invited_coordinator_sets_password_and_acts_in_the_organisations_region(
    app, client, make_client, build, login, outbox
):
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    office = build.organisation("Fachdienst Integration", district)
    person = build.refugee_person(district.children[0], "Amina", "Haddad")
    login(build.user(Role.ADMIN))

    response = client.post(
        "/admin/coordinators",
        data={
            "display_name": "Petra Meyer",
            "email": "petra@lkos.example",
            "organisation_id": office.id,
            "locale": "de",
        },
    )
    assert response.status_code == 302
    mail = outbox.last_to("petra@lkos.example")
    assert "Fachdienst Integration" in mail.get_content()

    newcomer = make_client()
    link = path_of(outbox.link_in_last_to("petra@lkos.example"))
    password = "petras own passphrase"
    assert (
        newcomer.post(link, data={"password": password, "password_again": password}).status_code
        == 302
    )
    assert (
        newcomer.post(
            "/login", data={"email": "petra@lkos.example", "password": password}
        ).status_code
        == 302
    )
    assert newcomer.get(f"/people/{person.id}").status_code == 200

    with app.app_context():
        petra = db.session.scalar(select(User).where(User.email == "petra@lkos.example"))
        assert petra.roles == {Role.COORDINATOR}
        assert petra.is_confirmed


def test_invitation_with_an_unknown_organisation_is_refused(client, build, login):
    login(build.user(Role.ADMIN))
    response = client.post(
        "/admin/coordinators",
        data={
            "display_name": "X",
            "email": "x@example.org",
            "organisation_id": "999",
            "locale": "de",
        },
    )
    assert response.status_code == 422


def test_invitation_of_an_unconfirmed_address_leaves_its_link_the_only_way_in(
    app, client, make_client, build, login, outbox
):
    office = build.organisation("Fachdienst Integration", build.district("Landkreis Osnabrück"))
    squatter = make_client(remote_addr="198.51.100.9")
    squatters_password = "the squatters passphrase"
    squatter.post(
        "/register",
        data={
            "display_name": "Petra",
            "email": "petra@lkos.example",
            "role": "employer",
            "password": squatters_password,
            "password_again": squatters_password,
            "accept_privacy": "y",
        },
    )
    registration_link = path_of(outbox.link_in_last_to("petra@lkos.example"))

    login(build.user(Role.ADMIN))
    client.post(
        "/admin/coordinators",
        data={
            "display_name": "Petra Meyer",
            "email": "petra@lkos.example",
            "organisation_id": office.id,
            "locale": "de",
        },
    )
    invitation_link = path_of(outbox.link_in_last_to("petra@lkos.example"))
    petra = make_client()
    petra.get(registration_link)  # she confirms the address from the first mail she sees

    squatter_login = {"email": "petra@lkos.example", "password": squatters_password}
    assert squatter.post("/login", data=squatter_login).status_code == 401
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "petra@lkos.example"))
        assert (user.display_name, user.roles) == ("Petra Meyer", {Role.COORDINATOR})

    password = "petras own passphrase"
    petra.post(invitation_link, data={"password": password, "password_again": password})
    response = petra.post("/login", data={"email": "petra@lkos.example", "password": password})
    assert response.status_code == 302


def test_invitations_to_one_address_are_limited(client, build, login, outbox):
    office = build.organisation("Fachdienst Integration", build.district("Landkreis Osnabrück"))
    login(build.user(Role.ADMIN))
    invitation = {
        "display_name": "Petra Meyer",
        "email": "petra@lkos.example",
        "organisation_id": office.id,
        "locale": "de",
    }
    statuses = [client.post("/admin/coordinators", data=invitation).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(outbox.messages()) == 5
