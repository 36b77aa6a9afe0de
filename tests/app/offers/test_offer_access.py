"""Every offer route with an id, for every role, against an expected table; owners and regions.

The parameterless routes are in tests/app/test_access.py. Here a fresh user of each role (no
profile, no organisation) meets objects that belong to others: another person's offer, booking or
request answers 404 (nobody learns it exists), a route for another role answers 403.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.permissions import Role
from tests.app.test_access import ALL_ROLES, ANONYMOUS

NOT_FOUND = {ANONYMOUS: 302, **dict.fromkeys(Role, 404)}


def refugees_only(refugee: int) -> dict[object, int]:
    return {ANONYMOUS: 302, **{r: (refugee if r == Role.REFUGEE else 403) for r in Role}}


def for_roles(found: int, *roles: Role) -> dict[object, int]:
    return {ANONYMOUS: 302, **{r: (found if r in roles else 403) for r in Role}}


# (method, path with {placeholders}, expected status per role)
ROUTES = [
    ("GET", "/offers/{published}", dict.fromkeys(ALL_ROLES, 200)),
    ("GET", "/offers/{draft}", dict.fromkeys(ALL_ROLES, 404)),
    ("GET", "/offers/{draft}/edit", NOT_FOUND),
    ("POST", "/offers/{published}/status", NOT_FOUND),
    ("GET", "/offers/{published}/delete", NOT_FOUND),
    ("POST", "/offers/{published}/delete", NOT_FOUND),
    # A refugee without a profile is sent to complete it first.
    ("POST", "/offers/{published}/interest", refugees_only(302)),
    ("GET", "/advice/{advice}/edit", NOT_FOUND),
    ("GET", "/advice/{advice}/slots", NOT_FOUND),
    ("POST", "/slots/{free_slot}/book", refugees_only(302)),
    ("GET", "/bookings/{booked_slot}", NOT_FOUND),
    ("GET", "/bookings/{booked_slot}.ics", NOT_FOUND),
    ("POST", "/bookings/{booked_slot}/cancel", NOT_FOUND),
    ("GET", "/requests/{request}", for_roles(404, Role.REFUGEE, Role.COORDINATOR)),
    ("POST", "/requests/{request}/withdraw", refugees_only(404)),
]


@pytest.fixture
def things(world, offers):
    advice = offers.offer(
        world.adviser_person,
        world.bramsche,
        kind="advice",
        title="Gründungsberatung",
        meeting_mode="in_person",
    )
    return {
        "published": offers.offer(world.employer_person, world.bramsche).id,
        "draft": offers.offer(world.employer_person, world.bramsche, status="draft").id,
        "advice": advice.id,
        "free_slot": offers.slot(advice).id,
        "booked_slot": offers.slot(
            advice, timedelta(days=4), booked_by_id=world.refugee_person.id, uid="u1@x"
        ).id,
        "request": offers.request(world.refugee_person).id,
    }


def call(client, method: str, path: str):
    return client.get(path) if method == "GET" else client.post(path, data={"status": "filled"})


@pytest.mark.parametrize("role", ALL_ROLES, ids=str)
@pytest.mark.parametrize(("method", "path", "expected"), ROUTES, ids=[r[1] for r in ROUTES])
def test_route_answers_each_role_as_expected(
    client, build, login, things, method, path, expected, role
):
    if role != ANONYMOUS:
        login(build.user(role))
    assert call(client, method, path.format(**things)).status_code == expected[role]


# -- owners and the region rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("employer", "/offers/{draft}", 200),
        ("employer", "/offers/{draft}/edit", 200),
        ("other_employer", "/offers/{draft}", 404),
        ("other_employer", "/offers/{draft}/edit", 404),
        ("coordinator_os", "/offers/{draft}", 200),
        ("coordinator_os", "/offers/{draft}/edit", 200),
        ("coordinator_el", "/offers/{draft}", 404),
        ("coordinator_el", "/offers/{draft}/edit", 404),
        ("adviser", "/advice/{advice}/slots", 200),
        ("adviser", "/bookings/{booked_slot}", 200),
        ("employer", "/advice/{advice}/slots", 404),
        ("employer", "/offers/{draft}/delete", 200),
        ("other_employer", "/offers/{draft}/delete", 404),
        ("coordinator_os", "/offers/{draft}/delete", 200),
        ("coordinator_el", "/offers/{draft}/delete", 404),
        ("refugee", "/bookings/{booked_slot}", 200),
        ("refugee", "/bookings/{booked_slot}.ics", 200),
        ("refugee_el", "/bookings/{booked_slot}", 404),
        ("refugee_el", "/bookings/{booked_slot}.ics", 404),
        ("coordinator_os", "/bookings/{booked_slot}", 200),
        ("coordinator_el", "/bookings/{booked_slot}", 404),
        ("refugee", "/requests/{request}", 200),
        ("refugee_el", "/requests/{request}", 404),
        ("coordinator_os", "/requests/{request}", 200),
        ("coordinator_el", "/requests/{request}", 404),
    ],
)
def test_owners_and_coordinators_of_the_region_only(
    client, login, world, things, who, path, status
):
    login(getattr(world, who))
    assert client.get(path.format(**things)).status_code == status


def test_another_employer_cannot_change_the_status(app, client, login, world, things):
    login(world.other_employer)
    response = client.post(f"/offers/{things['published']}/status", data={"status": "filled"})
    assert response.status_code == 404
    login(world.employer, on=(owner := app.test_client()))
    assert (
        owner.post(f"/offers/{things['published']}/status", data={"status": "filled"}).status_code
        == 302
    )


def test_another_refugee_cannot_withdraw_a_request(app, client, login, world, things):
    login(world.refugee_el)
    assert client.post(f"/requests/{things['request']}/withdraw").status_code == 404
    login(world.refugee, on=(owner := app.test_client()))
    assert owner.post(f"/requests/{things['request']}/withdraw").status_code == 302


def test_another_refugee_cannot_cancel_a_booking(client, login, world, things):
    login(world.refugee_el)
    assert client.post(f"/bookings/{things['booked_slot']}/cancel").status_code == 404


def test_coordinators_list_requests_of_their_region_only(client, login, world, offers):
    offers.request(world.refugee_person, topic="Bewerbung schreiben")
    offers.request(world.refugee_el_person, topic="Führerschein")
    login(world.coordinator_os)
    page = client.get("/requests/").get_data(as_text=True)
    assert "Bewerbung schreiben" in page and "Führerschein" not in page
