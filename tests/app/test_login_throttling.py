"""Failed logins slow the attacked account; an address is throttled only for failing on real ones.

10 failures for one account (from anywhere) and 50 failures against existing accounts from one
client address lead to 429, only for them; mail-sending forms are limited per client and per
recipient; behind a proxy (PROXY_HOPS) the clients are told apart.
"""

from __future__ import annotations

from app import create_app
from app.core.permissions import Role
from tests.app.conftest import app_config

ATTEMPTS = 10
CLIENT_ATTEMPTS = 50


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


def test_wrong_passwords_for_unknown_addresses_do_not_lock_out_the_others_there(make_client, build):
    shared = make_client(remote_addr="192.0.2.66")  # one office, one address
    for n in range(ATTEMPTS + 5):
        assert fail_login(shared, f"typo{n}@example.org") == 401
    colleague = build.user(Role.VOLUNTEER)
    response = shared.post("/login", data={"email": colleague.email, "password": build.PASSWORD})
    assert response.status_code == 302


def test_one_address_failing_on_many_existing_accounts_gets_429(make_client, build):
    accounts = [build.user(Role.VOLUNTEER) for _ in range(CLIENT_ATTEMPTS // 5)]
    attacker = make_client(remote_addr="192.0.2.66")
    for _ in range(5):  # below every account's own limit
        for account in accounts:
            assert fail_login(attacker, account.email) == 401
    other = build.user(Role.MENTOR)
    assert fail_login(attacker, other.email) == 429
    elsewhere = make_client(remote_addr="192.0.2.67")
    response = elsewhere.post("/login", data={"email": other.email, "password": build.PASSWORD})
    assert response.status_code == 302


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


def forgot(client, email: str) -> int:
    return client.post("/password/forgot", data={"email": email}).status_code


def test_password_mails_to_one_address_are_limited_from_any_client(make_client, build, outbox):
    victim = build.user(Role.VOLUNTEER)
    for n in range(5):
        assert forgot(make_client(remote_addr=f"198.51.100.{n + 1}"), victim.email) == 302
    assert forgot(make_client(remote_addr="198.51.100.99"), victim.email) == 429
    assert len([m for m in outbox.messages() if m["To"] == victim.email]) == 5
    assert forgot(make_client(remote_addr="198.51.100.99"), "somebody@example.org") == 302


def test_mail_forms_are_limited_per_client_whether_or_not_the_addresses_exist(make_client):
    sender = make_client(remote_addr="192.0.2.77")
    for n in range(30):
        assert forgot(sender, f"nobody{n}@example.org") == 302
    assert forgot(sender, "nobody-else@example.org") == 429
    registration = {
        "display_name": "Mail Bomber",
        "email": "another@example.org",
        "role": "volunteer",
        "password": "a long enough secret",
        "password_again": "a long enough secret",
        "accept_privacy": "y",
    }
    assert sender.post("/register", data=registration).status_code == 429
    assert forgot(make_client(remote_addr="192.0.2.78"), "nobody-else@example.org") == 302


def test_confirmation_links_resent_at_login_are_limited(make_client, build, outbox):
    user = build.user(Role.VOLUNTEER, confirmed=False)
    for n in range(8):
        browser = make_client(remote_addr=f"198.51.100.{n + 1}")
        response = browser.post("/login", data={"email": user.email, "password": build.PASSWORD})
        assert response.status_code == 403
    assert len([m for m in outbox.messages() if m["To"] == user.email]) == 5


def test_behind_a_proxy_each_client_has_its_own_count(session_dir, database_url, build):
    proxied = create_app(app_config(session_dir / "instance", database_url, PROXY_HOPS=1))

    def client_behind_proxy(address: str):
        client = proxied.test_client()
        client.environ_base.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)
        return client

    accounts = [build.user(Role.VOLUNTEER) for _ in range(CLIENT_ATTEMPTS // 5)]
    attacker = client_behind_proxy("203.0.113.5")
    for _ in range(5):
        for account in accounts:
            assert fail_login(attacker, account.email) == 401
    assert fail_login(attacker, accounts[0].email) == 429
    colleague = build.user(Role.MENTOR)
    response = client_behind_proxy("203.0.113.6").post(
        "/login", data={"email": colleague.email, "password": build.PASSWORD}
    )
    assert response.status_code == 302
