"""Sessions really end: a cookie copied before logout or a password change is refused after."""

from __future__ import annotations

from app.core.permissions import Role


def copy_cookies(source, target) -> None:
    for cookie in source._cookies.values():
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def test_cookie_replayed_after_logout_is_refused(client, make_client, build, login):
    user = build.user(Role.VOLUNTEER)
    login(user)
    attacker = make_client()
    copy_cookies(client, attacker)
    assert attacker.get("/account").status_code == 200  # the copy works while the session lives

    client.post("/logout")
    response = attacker.get("/account")
    assert response.status_code == 302 and "/login" in response.location


def test_password_change_ends_other_sessions_but_not_this_one(client, make_client, build, login):
    user = build.user(Role.MENTOR)
    login(user)
    other_device = make_client()
    login(user, on=other_device)

    new = "another long passphrase"
    response = client.post(
        "/account/password",
        data={"current_password": build.PASSWORD, "password": new, "password_again": new},
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other_device.get("/account").status_code == 302


def test_wrong_current_password_changes_nothing(client, build, login):
    user = build.user(Role.MENTOR)
    login(user)
    response = client.post(
        "/account/password",
        data={
            "current_password": "not my password",
            "password": "x" * 12,
            "password_again": "x" * 12,
        },
    )
    assert response.status_code == 422
    assert "The current password is wrong." in response.get_data(as_text=True)


def test_remember_me_cookie_dies_with_the_session_token(client, make_client, build):
    user = build.user(Role.VOLUNTEER)
    client.post("/login", data={"email": user.email, "password": build.PASSWORD, "remember": "y"})
    remember = client.get_cookie("remember_token")
    assert remember is not None
    client.post("/logout")
    thief = make_client()
    thief.set_cookie("remember_token", remember.value)
    assert thief.get("/account").status_code == 302
