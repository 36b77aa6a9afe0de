"""Consent rules for every case-file route and every role.

Coordinator pages: anonymous → login; every other role → 403 (whoever the person is); a
coordinator without a grant → 404 (the file's existence is not revealed); with a grant for a
purpose that does not open a section → 403 for that section; with a grant that opens it → 200.
The person's own pages show only their own file.
"""

from __future__ import annotations

import pytest

from app.casefile.access.policy import Section
from app.casefile.entries.kinds import KINDS
from app.core.permissions import Role
from tests.app.casefile.conftest import file_url

ANONYMOUS = "anonymous"
OTHER_ROLES = [Role.REFUGEE, Role.VOLUNTEER, Role.MENTOR, Role.EMPLOYER, Role.ADVISER, Role.ADMIN]

# Which section each route shows; None: the route belongs to the file as a whole.
SECTION_ROUTES = {f"/{section.value}": section for section in Section}
ADD_ROUTES = {f"/add/{kind.name}": kind.section for kind in KINDS.values()}
WHOLE_FILE_ROUTES = {"": None, "/audit": None}
ROUTES = {**WHOLE_FILE_ROUTES, **SECTION_ROUTES, **ADD_ROUTES}

# The sections each purpose opens, written out here independently of app.casefile.access.policy.
OPENED = {
    "counselling": set(Section),
    "job_placement": {
        Section.STATUS,
        Section.RESIDENCE,
        Section.WORK,
        Section.QUALIFICATIONS,
        Section.LANGUAGES,
        Section.GOALS,
    },
    "mentoring": {Section.LANGUAGES, Section.GOALS, Section.NOTES},
}


def correct_routes(world) -> dict[str, Section]:
    return {f"/correct/{name}/{world.entries[name]}": kind.section for name, kind in KINDS.items()}


def all_routes(world) -> dict[str, Section | None]:
    return {**ROUTES, **correct_routes(world), "/access": None}


def test_anonymous_is_sent_to_log_in(client, world):
    for rest in all_routes(world):
        response = client.get(file_url(world, rest))
        assert response.status_code == 302 and "/login" in response.location, rest


@pytest.mark.parametrize("role", OTHER_ROLES, ids=str)
def test_no_other_role_opens_any_coordinator_page(as_user, build, world, grant, role):
    grant(world, "counselling")  # even with consent given to the office
    other = as_user(build.user(role))
    for rest in all_routes(world):
        assert other.get(file_url(world, rest)).status_code == 403, rest


def test_the_person_cannot_use_the_coordinator_pages_either(as_user, world, grant):
    grant(world, "counselling")
    newcomer = as_user(world.newcomer)
    for rest in all_routes(world):
        assert newcomer.get(file_url(world, rest)).status_code == 403, rest


def test_a_coordinator_without_a_grant_gets_404_everywhere(as_user, world, stranger):
    outsider = as_user(stranger)
    for rest in all_routes(world):
        assert outsider.get(file_url(world, rest)).status_code == 404, rest


def test_a_coordinator_of_the_region_without_a_grant_may_only_record_consent(as_user, world, kept):
    coordinator = as_user(world.coordinator)
    for rest in {**ROUTES, **correct_routes(world)}:
        assert coordinator.get(file_url(world, rest)).status_code == 404, rest
    # only for a person kept on behalf: one with an account decides themselves
    assert coordinator.get(f"/people/{kept.id}/file/access").status_code == 200
    assert coordinator.get(file_url(world, "/access")).status_code == 403


def test_a_grant_to_another_organisation_opens_nothing_for_this_one(as_user, world, grant):
    grant(world, "counselling", world.welfare)
    coordinator = as_user(world.coordinator)
    for rest in {**ROUTES, **correct_routes(world)}:
        assert coordinator.get(file_url(world, rest)).status_code == 404, rest


@pytest.mark.parametrize("purpose", sorted(OPENED))
def test_a_grant_opens_exactly_the_sections_of_its_purpose(as_user, world, grant, purpose):
    grant(world, purpose)
    coordinator = as_user(world.coordinator)
    for rest, section in ROUTES.items():
        expected = 200 if section is None or section in OPENED[purpose] else 403
        assert coordinator.get(file_url(world, rest)).status_code == expected, rest
    assert coordinator.get(file_url(world, "/access")).status_code == 200


@pytest.mark.parametrize("purpose", sorted(OPENED))
def test_correcting_follows_the_purpose_and_what_it_covers(as_user, world, grant, purpose):
    grant(world, purpose)
    coordinator = as_user(world.coordinator)
    # mentoring sees only notes filed for mentoring
    entries = {**world.entries, "note": world.entries["mentoring_note"]}
    for name, kind in KINDS.items():
        response = coordinator.get(file_url(world, f"/correct/{name}/{entries[name]}"))
        expected = 200 if kind.section in OPENED[purpose] else 403
        assert response.status_code == expected, name


def test_rows_outside_the_purpose_are_hidden_and_cannot_be_corrected(as_user, world, grant):
    grant(world, "job_placement")
    grant(world, "mentoring", world.welfare)
    placement = as_user(world.coordinator)
    goals = placement.get(file_url(world, "/goals")).get_data(as_text=True)
    assert "Arbeit als Elektriker" in goals and "Eine Wohnung" not in goals
    private = world.entries["private_goal"]
    assert placement.get(file_url(world, f"/correct/goal/{private}")).status_code == 404

    mentoring = as_user(world.other_coordinator)
    notes = mentoring.get(file_url(world, "/notes")).get_data(as_text=True)
    assert "Mentoring note" in notes and "Counselling note" not in notes
    counselling_note = world.entries["note"]
    assert mentoring.get(file_url(world, f"/correct/note/{counselling_note}")).status_code == 404


def test_the_overview_shows_only_opened_sections(as_user, world, grant):
    grant(world, "mentoring")
    page = as_user(world.coordinator).get(file_url(world)).get_data(as_text=True)
    assert "DTZ" in page and "Mentoring note" in page
    assert "Elektriker" in page  # the job goal is a goal; mentoring sees goals
    assert "Syria" not in page and "VHS" in page
    assert "Not shared with your organisation for its purpose." in page


def test_counselling_sees_every_section(as_user, world, grant):
    grant(world, "counselling")
    page = as_user(world.coordinator).get(file_url(world)).get_data(as_text=True)
    for text in ("Syria", "DTZ", "Counselling note", "Mentoring note", "Eine Wohnung"):
        assert text in page
    assert "Not shared with your organisation" not in page


def test_the_person_reads_their_own_file_and_nobody_elses(as_user, build, world):
    newcomer = as_user(world.newcomer)
    own = newcomer.get("/me/file").get_data(as_text=True)
    assert "Elektriker" in own and "Counselling note" in own and "Mentoring note" in own
    for path in ("/me/file/access", "/me/file/audit"):
        assert newcomer.get(path).status_code == 200

    someone_else = as_user(build.user(Role.REFUGEE))
    for path in ("/me/file", "/me/file/access", "/me/file/audit"):
        response = someone_else.get(path)
        assert response.status_code == 200 and "Elektriker" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/me/file", "/me/file/access", "/me/file/audit"])
def test_the_own_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.location


def test_a_person_cannot_withdraw_someone_elses_grant(as_user, build, world, grant):
    grant_id = grant(world, "counselling")
    someone_else = as_user(build.user(Role.REFUGEE))
    assert someone_else.post(f"/me/file/access/{grant_id}/withdraw").status_code == 404
    assert as_user(world.coordinator).get(file_url(world)).status_code == 200


def test_the_list_of_shared_files_names_only_active_grants_to_my_organisation(
    app, as_user, world, grant
):
    grant(world, "mentoring")
    grant(world, "job_placement")
    withdrawn = grant(world, "counselling", world.welfare)
    page = as_user(world.coordinator).get("/files").get_data(as_text=True)
    assert "Amina Haddad" in page and "job placement, mentoring" in page
    with app.app_context():
        from app.casefile.models import AccessGrant
        from app.core.db import utcnow
        from app.extensions import db

        db.session.get(AccessGrant, withdrawn).withdrawn_at = utcnow()
        db.session.commit()
    assert "Amina Haddad" not in as_user(world.other_coordinator).get("/files").get_data(
        as_text=True
    )
