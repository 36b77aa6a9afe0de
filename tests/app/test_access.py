"""Every route for every role, anonymous included, against an expected table; the region rule."""

from __future__ import annotations

import pytest

from app.accounts.second_factor.policy import STAFF_ROLES
from app.core.permissions import Role

ANONYMOUS = "anonymous"
ALL_ROLES = [ANONYMOUS, *Role]
OPEN = dict.fromkeys(ALL_ROLES, 200)
LOGGED_IN = {**dict.fromkeys(Role, 200), ANONYMOUS: 302}


def only(*roles: Role, status: int = 200) -> dict[object, int]:
    """Open to ``roles`` (answering ``status``), 403 for other roles, the login page for nobody."""
    return {ANONYMOUS: 302, **{role: (status if role in roles else 403) for role in Role}}


EXPECTED = {
    "/": OPEN,
    "/privacy": OPEN,
    # the pages a public body must publish (tests/app/test_legal_pages.py)
    "/accessibility": OPEN,
    "/easy-language": OPEN,
    "/sign-language": OPEN,
    "/imprint": OPEN,
    "/contact": OPEN,
    "/healthz": OPEN,
    "/manifest.webmanifest": OPEN,
    "/favicon.ico": OPEN,
    "/readyz": OPEN,
    # for METRICS_ALLOWED addresses (loopback, as the test client) whoever is logged in
    "/metrics": OPEN,
    "/login": {**dict.fromkeys(Role, 302), ANONYMOUS: 200},
    "/register": {**dict.fromkeys(Role, 302), ANONYMOUS: 200},
    "/password/forgot": OPEN,
    "/account": LOGGED_IN,
    "/me": LOGGED_IN,
    "/me/edit": LOGGED_IN,
    "/me/delete": LOGGED_IN,
    "/me/data": LOGGED_IN,
    # the account of an erasure just done; without one, everybody goes to the start page
    "/erased": dict.fromkeys(ALL_ROLES, 302),
    # Without a profile yet, these sections send the person to "about me" first.
    "/me/newcomer": only(Role.REFUGEE, status=302),
    "/me/helping": only(Role.VOLUNTEER, Role.MENTOR, status=302),
    "/skills/suggest": OPEN,
    "/people/new": only(Role.COORDINATOR),
    "/people/": only(Role.COORDINATOR),
    "/admin/coordinators": only(Role.ADMIN),
    # the second factor (tests/app/test_second_factor.py): nothing pending, nothing to verify
    "/login/verify": dict.fromkeys(ALL_ROLES, 302),
    # staff have a factor already (the builders give them one) and go to its page
    "/login/enrol": {ANONYMOUS: 302, **{r: 302 if r in STAFF_ROLES else 200 for r in Role}},
    "/account/second-factor": LOGGED_IN,
    "/admin/second-factor": only(Role.ADMIN),
    # offers and requests (tests/app/offers/test_offer_access.py covers the routes with ids)
    "/offers/": OPEN,
    "/offers/new": only(Role.EMPLOYER),
    "/offers/mine": only(Role.EMPLOYER, Role.ADVISER),
    "/advice/new": only(Role.ADVISER),
    "/availability.ics": only(Role.MENTOR, Role.VOLUNTEER),
    "/requests/": only(Role.COORDINATOR),
    "/requests/new": only(Role.REFUGEE),
    "/requests/mine": only(Role.REFUGEE),
    # knowledge base and evidence (tests/app/knowledge and tests/app/evidence cover the rest)
    "/knowledge/": OPEN,
    "/knowledge/new": only(Role.COORDINATOR, Role.ADMIN),
    "/knowledge/open-questions": only(Role.COORDINATOR, Role.ADMIN),
    "/evidence/": only(Role.COORDINATOR),
    "/evidence/capacity": only(Role.COORDINATOR),
    "/figures": OPEN,
    # matches (tests/app/matches/test_match_pages.py covers the routes with ids)
    "/matches/rounds": only(Role.COORDINATOR),
    "/matches/queue": only(Role.COORDINATOR),
    "/matches/manual": only(Role.COORDINATOR),
    "/matches/ratings": only(Role.COORDINATOR),
    "/matches/mine": LOGGED_IN,
    # the person's own case file (tests/app/casefile covers the coordinators' file routes)
    "/me/file": LOGGED_IN,
    "/me/file/access": LOGGED_IN,
    "/me/file/audit": LOGGED_IN,
    "/files": only(Role.COORDINATOR),
    # the person's progress report and printed documents (tests/app/casefile/test_documents_*)
    "/me/file/report": LOGGED_IN,
    "/me/file/documents": LOGGED_IN,
    "/inbox": LOGGED_IN,
}


def test_the_table_names_every_get_route(app):
    parameterless = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
    }
    assert parameterless == set(EXPECTED)


@pytest.mark.parametrize("role", ALL_ROLES, ids=str)
@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_route_answers_each_role_as_expected(client, build, login, path, role):
    if role != ANONYMOUS:
        login(build.user(role))
    assert client.get(path).status_code == EXPECTED[path][role]


@pytest.fixture
def two_districts(build):
    osnabrueck = build.district("Landkreis Osnabrück", ("Bramsche", "Melle"))
    emsland = build.district("Landkreis Emsland", ("Meppen",))
    office_os = build.organisation("Integration Osnabrück", osnabrueck)
    office_el = build.organisation("Integration Emsland", emsland)
    return {
        "coordinator_os": build.coordinator(office_os),
        "coordinator_el": build.coordinator(office_el),
        "person_os": build.refugee_person(osnabrueck.children[0], "Amina", "Haddad"),
        "person_el": build.refugee_person(emsland.children[0], "Dawit", "Tesfaye"),
    }


def test_coordinator_sees_people_of_their_district_only(client, login, two_districts):
    login(two_districts["coordinator_os"])
    own, other = two_districts["person_os"], two_districts["person_el"]
    assert client.get(f"/people/{own.id}").status_code == 200
    assert client.get(f"/people/{other.id}").status_code == 404
    listing = client.get("/people/").get_data(as_text=True)
    assert "Amina Haddad" in listing and "Dawit Tesfaye" not in listing


def test_the_other_coordinator_is_bound_the_same_way(client, login, two_districts):
    login(two_districts["coordinator_el"])
    assert client.get(f"/people/{two_districts['person_os'].id}").status_code == 404
    assert client.get(f"/people/{two_districts['person_el'].id}").status_code == 200


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR], ids=str)
def test_no_other_role_reads_a_person(client, build, login, two_districts, role):
    login(build.user(role))
    assert client.get(f"/people/{two_districts['person_os'].id}").status_code == 403


def test_coordinator_without_organisation_sees_nobody(client, build, login, two_districts):
    login(build.user(Role.COORDINATOR))
    assert client.get(f"/people/{two_districts['person_os'].id}").status_code == 404
