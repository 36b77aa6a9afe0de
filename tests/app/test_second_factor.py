"""The second factor at login: codes generated like an authenticator app would, replayed codes,
wrong clocks, recovery codes, enrolment forced on staff, opting in, and an administrator's reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.accounts.second_factor.models import SecondFactor
from app.core.permissions import Role
from app.extensions import db
from tests.app.builders import Builders
from tests.app.two_factor import (
    ENROL_PATH,
    RECOVERY_CODE,
    TEST_SECRET,
    VERIFY_PATH,
    code_at,
    enrol_through_the_page,
    give_factor,
)


def password_step(client, user):
    response = client.post("/login", data={"email": user.email, "password": Builders.PASSWORD})
    assert response.status_code == 302
    return response


def is_logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def coordinator(build):
    return build.user(Role.COORDINATOR)


def test_the_password_alone_does_not_log_staff_in(client, coordinator):
    assert password_step(client, coordinator).location.endswith(VERIFY_PATH)
    assert not is_logged_in(client)
    assert client.get("/people/").status_code == 302


def test_the_right_code_logs_in_and_goes_where_the_person_wanted(client, coordinator):
    response = client.post(
        "/login?next=/people/", data={"email": coordinator.email, "password": Builders.PASSWORD}
    )
    assert response.location.endswith(VERIFY_PATH)
    answer = client.post(VERIFY_PATH, data={"code": code_at(TEST_SECRET, now())})
    assert answer.status_code == 302 and answer.location.endswith("/people/")
    assert client.get("/people/").status_code == 200


def test_a_code_of_the_step_before_is_accepted_for_a_phone_a_little_behind(client, coordinator):
    password_step(client, coordinator)
    code = code_at(TEST_SECRET, now() - timedelta(seconds=30))
    assert client.post(VERIFY_PATH, data={"code": code}).status_code == 302


@pytest.mark.parametrize("minutes", [-5, 5])
def test_a_code_from_a_clock_five_minutes_off_is_refused(client, coordinator, minutes):
    password_step(client, coordinator)
    code = code_at(TEST_SECRET, now() + timedelta(minutes=minutes))
    answer = client.post(VERIFY_PATH, data={"code": code}, headers={"Accept-Language": "en"})
    assert answer.status_code == 401
    assert "This code is wrong or has been used already." in answer.get_data(as_text=True)
    assert not is_logged_in(client)


def test_a_replayed_code_is_refused(client, make_client, coordinator):
    code = code_at(TEST_SECRET, now())
    password_step(client, coordinator)
    assert client.post(VERIFY_PATH, data={"code": code}).status_code == 302
    attacker = make_client(remote_addr="10.0.0.9")
    password_step(attacker, coordinator)
    assert attacker.post(VERIFY_PATH, data={"code": code}).status_code == 401
    assert not is_logged_in(attacker)


def test_an_earlier_step_is_refused_once_a_later_one_was_used(client, make_client, coordinator):
    password_step(client, coordinator)
    later = code_at(TEST_SECRET, now() + timedelta(seconds=30))
    assert client.post(VERIFY_PATH, data={"code": later}).status_code == 302
    other = make_client()
    password_step(other, coordinator)
    earlier = code_at(TEST_SECRET, now() - timedelta(seconds=30))
    assert other.post(VERIFY_PATH, data={"code": earlier}).status_code == 401


def test_a_recovery_code_works_once(app, client, make_client, build):
    user = build.user(Role.COORDINATOR, second_factor=False)
    with app.app_context():
        codes = give_factor(db.session.merge(user))
        db.session.commit()
    password_step(client, user)
    assert client.post(VERIFY_PATH, data={"code": codes[3].upper()}).status_code == 302
    assert is_logged_in(client)
    again = make_client()
    password_step(again, user)
    assert again.post(VERIFY_PATH, data={"code": codes[3]}).status_code == 401
    assert again.post(VERIFY_PATH, data={"code": codes[4]}).status_code == 302


def test_without_the_password_step_there_is_nothing_to_verify(client):
    response = client.post(VERIFY_PATH, data={"code": "123456"})
    assert response.status_code == 302 and response.location.endswith("/login")


def test_guessing_codes_is_limited_like_passwords(app, client, coordinator):
    password_step(client, coordinator)
    attempts = int(app.config["LOGIN_ATTEMPTS"].split()[0])
    for _ in range(attempts):
        assert client.post(VERIFY_PATH, data={"code": "000000"}).status_code == 401
    right = code_at(TEST_SECRET, now())
    assert client.post(VERIFY_PATH, data={"code": right}).status_code == 429


def test_nonsense_input_is_a_clear_4xx(client, coordinator):
    password_step(client, coordinator)
    assert client.post(VERIFY_PATH, data={"code": ""}).status_code == 422
    assert client.post(VERIFY_PATH, data={"code": "x" * 500}).status_code == 422
    assert client.post(VERIFY_PATH, data={"code": "12 34 5ä"}).status_code == 401


def test_staff_without_a_factor_must_enrol_before_anything_else(client, build):
    user = build.user(Role.COORDINATOR, second_factor=False)
    assert password_step(client, user).location.endswith(ENROL_PATH)
    for path in ("/people/", "/files", "/account", "/me"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.endswith(ENROL_PATH), path
    wrong = client.post(ENROL_PATH, data={"code": "000000"})
    assert wrong.status_code == 401
    enrol_through_the_page(client)
    assert client.get("/people/").status_code == 200
    client.post("/logout")
    assert password_step(client, user).location.endswith(VERIFY_PATH)


def test_enrolling_ends_the_sessions_that_had_only_the_password(client, make_client, build):
    user = build.user(Role.ADMIN, second_factor=False)
    intruder = make_client(remote_addr="10.0.0.9")
    password_step(intruder, user)
    password_step(client, user)
    enrol_through_the_page(client)
    assert client.get("/admin/second-factor").status_code == 200
    assert intruder.get("/admin/second-factor").status_code == 302
    assert "/login" in intruder.get("/admin/second-factor").location


def test_others_log_in_with_the_password_and_may_opt_in(client, make_client, build):
    user = build.user(Role.REFUGEE)
    assert not password_step(client, user).location.endswith(VERIFY_PATH)
    assert client.get("/account/second-factor").status_code == 200
    secret, recovery_codes = enrol_through_the_page(client)  # with the code of this step
    other = make_client()
    assert password_step(other, user).location.endswith(VERIFY_PATH)
    later = code_at(secret, now() + timedelta(seconds=30))
    assert other.post(VERIFY_PATH, data={"code": later}).status_code == 302
    # and may turn it off again, with a code not used yet
    assert other.post("/account/second-factor/off", data={"code": "000000"}).status_code == 401
    off = other.post("/account/second-factor/off", data={"code": recovery_codes[0]})
    assert off.status_code == 302
    client.post("/logout")
    assert not password_step(client, user).location.endswith(VERIFY_PATH)


def test_staff_cannot_turn_their_factor_off(client, login, coordinator):
    login(coordinator)
    code = code_at(TEST_SECRET, now() + timedelta(seconds=30))
    assert client.post("/account/second-factor/off", data={"code": code}).status_code == 403


def test_new_recovery_codes_replace_the_old_ones(app, client, make_client, login, build):
    user = build.user(Role.COORDINATOR, second_factor=False)
    with app.app_context():
        old = give_factor(db.session.merge(user))
        db.session.commit()
    login(user)
    code = code_at(TEST_SECRET, now() + timedelta(seconds=30))
    page = client.post("/account/second-factor/recovery-codes", data={"code": code})
    new = RECOVERY_CODE.findall(page.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    other = make_client()
    password_step(other, user)
    assert other.post(VERIFY_PATH, data={"code": old[0]}).status_code == 401
    assert other.post(VERIFY_PATH, data={"code": new[0]}).status_code == 302


def test_an_administrator_resets_a_lost_factor_and_it_is_recorded(
    app, client, make_client, login, build, coordinator
):
    coordinators_browser = login(coordinator, on=make_client())
    admin = build.user(Role.ADMIN, email="admin@example.org")
    login(admin)
    answer = client.post("/admin/second-factor", data={"email": coordinator.email})
    assert answer.status_code == 302
    page = client.get("/admin/second-factor").get_data(as_text=True)
    assert coordinator.email in page and "admin@example.org" in page
    with app.app_context():
        ended = db.session.query(SecondFactor).filter_by(user_id=coordinator.id).one()
        assert ended.ended_by_id == admin.id and ended.ended_at and ended.secret is None
        assert ended.recovery_codes == []
    # logged out everywhere, and at the next login they enrol anew
    assert coordinators_browser.get("/people/").status_code == 302
    fresh = make_client()
    assert password_step(fresh, coordinator).location.endswith(ENROL_PATH)


def test_a_reset_of_an_address_without_a_factor_is_explained(client, login, build):
    login(build.user(Role.ADMIN))
    answer = client.post("/admin/second-factor", data={"email": "nobody@example.org"})
    assert answer.status_code == 404
    assert "No account with this address has a second factor." in answer.get_data(as_text=True)


def test_a_coordinator_cannot_reset_anybody(client, login, build, coordinator):
    login(build.user(Role.COORDINATOR))
    assert client.post("/admin/second-factor", data={"email": coordinator.email}).status_code == 403


def test_the_login_fixture_passes_the_second_step_repeatedly(make_client, build, login):
    user = build.user(Role.COORDINATOR)
    for _ in range(5):
        assert is_logged_in(login(user, on=make_client()))


def test_the_administrators_start_page_links_to_the_reset(client, login, build):
    login(build.user(Role.ADMIN))
    assert 'href="/admin/second-factor"' in client.get("/").get_data(as_text=True)
