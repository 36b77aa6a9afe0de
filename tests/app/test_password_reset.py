"""Password reset by signed token: works once, ends old sessions, reveals no addresses."""

from __future__ import annotations

from app.core.permissions import Role
from tests.app.outbox import path_of


def test_reset_sets_a_new_password_and_the_link_works_only_once(client, build, outbox):
    user = build.user(Role.REFUGEE)
    response = client.post("/password/forgot", data={"email": user.email})
    assert response.status_code == 302
    link = path_of(outbox.link_in_last_to(user.email))

    assert client.get(link).status_code == 200
    new = "a brand new passphrase"
    response = client.post(link, data={"password": new, "password_again": new})
    assert response.status_code == 302

    assert (
        client.post("/login", data={"email": user.email, "password": build.PASSWORD}).status_code
        == 401
    )
    assert client.post("/login", data={"email": user.email, "password": new}).status_code == 302
    client.post("/logout")
    reused = client.post(
        link, data={"password": "yet another one!", "password_again": "yet another one!"}
    )
    assert reused.status_code == 302 and "/password/forgot" in reused.location


def test_unknown_address_gets_the_same_answer_and_no_mail(make_client, outbox):
    client = make_client(**{"Accept-Language": "en"})
    response = client.post("/password/forgot", data={"email": "nobody@example.org"})
    assert response.status_code == 302
    response = client.get(response.location)
    assert "If an account exists for this address" in response.get_data(as_text=True)
    assert outbox.messages() == []


def test_reset_with_a_tampered_token_is_refused(client, build, outbox):
    user = build.user(Role.REFUGEE)
    client.post("/password/forgot", data={"email": user.email})
    link = path_of(outbox.link_in_last_to(user.email))
    response = client.post(
        link[:-3] + "abc", data={"password": "x" * 12, "password_again": "x" * 12}
    )
    assert response.status_code == 302
    assert (
        client.post("/login", data={"email": user.email, "password": build.PASSWORD}).status_code
        == 302
    )


def test_reset_form_rejects_a_weak_password(client, build, outbox):
    user = build.user(Role.REFUGEE)
    client.post("/password/forgot", data={"email": user.email})
    link = path_of(outbox.link_in_last_to(user.email))
    response = client.post(link, data={"password": "short", "password_again": "short"})
    assert response.status_code == 422
