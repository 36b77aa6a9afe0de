"""Registration, e-mail confirmation and the messages for bad input, through the real app."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.core.permissions import Role
from app.extensions import db
from tests.app.outbox import path_of

GOOD = {
    "display_name": "Jana Kowalski",
    "email": "jana@example.org",
    "role": "volunteer",
    "password": "a long enough secret",
    "password_again": "a long enough secret",
    "accept_privacy": "y",
}


def stored_users(app) -> list[User]:
    with app.app_context():
        return list(db.session.scalars(select(User)))


def test_volunteer_registers_confirms_and_logs_in(app, client, outbox):
    response = client.post("/register", data=GOOD, headers={"Accept-Language": "de"})
    assert response.status_code == 302

    [user] = stored_users(app)
    assert user.email == "jana@example.org"
    assert user.roles == {Role.VOLUNTEER}
    assert user.confirmed_at is None
    assert user.password_hash.startswith("$argon2")

    mail = outbox.last_to("jana@example.org")
    assert "E-Mail-Adresse" in mail["Subject"]  # written in the language she registered in
    assert (
        client.post(
            "/login", data={"email": GOOD["email"], "password": GOOD["password"]}
        ).status_code
        == 403
    )  # not yet confirmed

    confirmed = client.get(path_of(outbox.link_in_last_to("jana@example.org")))
    assert confirmed.status_code == 302
    response = client.post(
        "/login", data={"email": "JANA@example.org", "password": GOOD["password"]}
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200


def test_unconfirmed_login_sends_a_new_link(client, build, outbox):
    user = build.user(Role.MENTOR, confirmed=False)
    response = client.post("/login", data={"email": user.email, "password": build.PASSWORD})
    assert response.status_code == 403
    assert "/confirm/" in outbox.link_in_last_to(user.email)


def test_forged_confirmation_link_is_refused(app, client, build):
    build.user(Role.VOLUNTEER, confirmed=False, email="x@example.org")
    response = client.get(
        "/confirm/not-a-real-token", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 200
    assert "invalid or has expired" in response.get_data(as_text=True)
    assert stored_users(app)[0].confirmed_at is None


def register_answer(client, email: str) -> tuple[int, str, str]:
    response = client.post(
        "/register", data={**GOOD, "email": email}, headers={"Accept-Language": "en"}
    )
    page = client.get(response.location, headers={"Accept-Language": "en"})
    flash = re.search(
        r'<div class="alert[^"]*"[^>]*>(.*?)</div>', page.get_data(as_text=True), re.S
    )
    return response.status_code, response.location, " ".join(flash.group(1).split())


def test_a_known_address_gets_the_same_answer_and_its_owner_a_mail(app, client, build, outbox):
    owner = build.user(Role.REFUGEE, email="jana@example.org", locale="en")
    assert register_answer(client, "Jana@Example.org") == register_answer(
        client, "someone.new@example.org"
    )
    assert len(stored_users(app)) == 2  # the owner and the new address, nobody else

    mail = outbox.last_to("jana@example.org")
    assert "tried to register" in mail["Subject"]
    link = path_of(outbox.link_in_last_to("jana@example.org"))
    assert link.startswith("/password/reset/")
    new = "janas fresh passphrase"
    assert client.post(link, data={"password": new, "password_again": new}).status_code == 302
    assert client.post("/login", data={"email": owner.email, "password": new}).status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": ""}, "Please fill in this field."),
        ({"email": "not-an-address"}, "Please enter a valid e-mail address."),
        ({"password": "short", "password_again": "short"}, "at least 10 characters"),
        ({"password_again": "something else"}, "The two passwords are not the same."),
        ({"password": "passwort123", "password_again": "passwort123"}, "too easy to guess"),
        ({"accept_privacy": ""}, "Please agree to the privacy notice"),
        ({"role": "admin"}, "Not a valid choice"),
        ({"role": ""}, "Please choose how you want to join."),
        ({"display_name": ""}, "Please fill in this field."),
    ],
)
def test_bad_registration_input_is_explained(app, client, change, message):
    response = client.post("/register", data={**GOOD, **change}, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored_users(app) == []


def test_script_in_a_name_is_shown_escaped(client, build, login):
    user = build.user(Role.VOLUNTEER, name="<script>alert(1)</script>")
    login(user)
    page = client.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_wrong_password_gets_a_clear_message_in_german(client, build):
    user = build.user(Role.VOLUNTEER)
    response = client.post(
        "/login",
        data={"email": user.email, "password": "wrong password"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 401
    assert "E-Mail-Adresse oder Passwort ist falsch." in response.get_data(as_text=True)


def test_no_role_is_chosen_in_advance(client):
    """The list started on "newcomer": whoever did not open it joined as a newcomer (issue 15)."""
    page = client.get("/register", headers={"Accept-Language": "en"}).get_data(as_text=True)
    select = page.split('id="role"')[1].split("</select>")[0]
    options = re.findall(r"<option([^>]*)>([^<]*)</option>", select)
    assert options[0] == (' selected value=""', "Please choose")
    assert all("selected" not in attributes for attributes, _label in options[1:])
    assert " required" in select.split(">")[0]  # announced as required; the server checks it


def test_a_registration_without_a_role_says_so_in_german(app, client):
    data = {key: value for key, value in GOOD.items() if key != "role"}
    response = client.post("/register", data=data, headers={"Accept-Language": "de"})
    assert response.status_code == 422
    assert "Bitte wählen Sie, als was Sie mitmachen möchten." in response.get_data(as_text=True)
    assert stored_users(app) == []


def test_the_privacy_checkbox_links_the_privacy_notice(client):
    page = client.get("/register", headers={"Accept-Language": "en"}).get_data(as_text=True)
    hint = page.split('id="accept_privacy-hint"')[1].split("</div>")[0]
    assert 'href="/privacy"' in hint and "Read the privacy notice" in hint
    assert client.get("/privacy").status_code == 200


def test_the_password_length_is_written_in_persian_digits(client):
    """Issue 15: Persian mixed Latin and Persian digits ("دست‌کم 10 کاراکتر")."""
    response = client.post(
        "/register",
        data={**GOOD, "password": "short", "password_again": "short"},
        headers={"Accept-Language": "fa"},
    )
    assert response.status_code == 422
    assert "رمز عبور باید دست‌کم ۱۰ کاراکتر داشته باشد." in response.get_data(as_text=True)
