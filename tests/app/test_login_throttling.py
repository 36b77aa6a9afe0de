"""Flask-Limiter: 10 failed logins for an account or from an address, then 429 — only for them."""

from __future__ import annotations

from app.core.permissions import Role

ATTEMPTS = 10


def fail_login(client, email: str) -> int:
    return client.post("/login", data={"email": email, "password": "wrong password"}).status_code


def test_eleventh_attempt_on_one_account_gets_429_from_any_address(make_client, build):
    victim = build.user(Role.VOLUNTEER)
    for n in range(ATTEMPTS):
        attacker = make_client(remote_addr=f"198.51.100.{n + 1}")  # spread over addresses
        assert fail_login(attacker, victim.email) == 401
    response = make_client(remote_addr="203.0.113.7").post(
        "/login", data={"email": victim.email, "password": build.PASSWORD}
    )
    assert response.status_code == 429


def test_other_accounts_stay_open_when_one_is_throttled(make_client, build):
    victim, bystander = build.user(Role.VOLUNTEER), build.user(Role.MENTOR)
    for n in range(ATTEMPTS):
        fail_login(make_client(remote_addr=f"198.51.100.{n + 1}"), victim.email)
    response = make_client(remote_addr="203.0.113.8").post(
        "/login", data={"email": bystander.email, "password": build.PASSWORD}
    )
    assert response.status_code == 302


def test_one_address_trying_many_accounts_gets_429(make_client, build):
    attacker = make_client(remote_addr="192.0.2.66")
    for n in range(ATTEMPTS):
        assert fail_login(attacker, f"guess{n}@example.org") == 401
    assert fail_login(attacker, "guess-next@example.org") == 429
    other = build.user(Role.VOLUNTEER)
    assert (
        make_client(remote_addr="192.0.2.67")
        .post("/login", data={"email": other.email, "password": build.PASSWORD})
        .status_code
        == 302
    )


def test_successful_logins_do_not_count(make_client, build):
    user = build.user(Role.VOLUNTEER)
    browser = make_client(remote_addr="192.0.2.10")
    for _ in range(ATTEMPTS + 2):
        assert (
            browser.post(
                "/login", data={"email": user.email, "password": build.PASSWORD}
            ).status_code
            == 302
        )
        browser.post("/logout")
