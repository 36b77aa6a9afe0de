"""Only coordinators of the region read its dashboard; others get 404 or 403."""

from __future__ import annotations

import pytest

from app.core.permissions import Role
from tests.app.test_access import ANONYMOUS


def paths(ids):
    return [f"/evidence/{ids.district}", f"/evidence/{ids.b}", f"/evidence/{ids.district}.csv"]


def test_the_coordinator_of_the_region_reads_it(client, login, district):
    login(district.coordinator)
    for path in paths(district.ids):
        assert client.get(path).status_code == 200
    assert client.get("/evidence/").status_code == 302  # one region: straight to it


def test_a_coordinator_of_another_region_gets_404(client, login, district):
    login(district.other_coordinator)
    for path in paths(district.ids):
        assert client.get(path).status_code == 404
    assert client.get(f"/evidence/{district.ids.other}").status_code == 200
    assert client.get("/evidence/999999").status_code == 404


@pytest.mark.parametrize("role", [ANONYMOUS, *[r for r in Role if r != Role.COORDINATOR]])
def test_other_roles_are_refused(client, build, login, district, role):
    if role != ANONYMOUS:
        login(build.user(role))
    expected = 302 if role == ANONYMOUS else 403
    for path in paths(district.ids):
        assert client.get(path).status_code == expected


def test_coordinator_without_organisation_sees_no_region(client, build, login, district):
    login(build.user(Role.COORDINATOR))
    assert client.get(f"/evidence/{district.ids.district}").status_code == 404
    assert "does not cover a region" in client.get("/evidence/").get_data(as_text=True)
