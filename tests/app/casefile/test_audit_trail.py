"""Every read and every change of a case file writes an audit entry; the person sees who looked;
no route changes or deletes the trail."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.casefile.access.policy import Section
from app.casefile.entries.kinds import KINDS
from app.casefile.models import AuditEntry
from app.extensions import db
from tests.app.casefile.conftest import file_url

SECTION_PAGES = {f"/{section.value}": section.value for section in Section}
ADD_PAGES = {f"/add/{name}": kind.section.value for name, kind in KINDS.items()}
COORDINATOR_READS = {
    **SECTION_PAGES,
    **ADD_PAGES,
    "": "status",  # the overview reads every section; status is one of them
    "/access": "access",
    "/audit": "audit",
}
OWN_READS = {"/me/file": "status", "/me/file/access": "access", "/me/file/audit": "audit"}


def audit_rows(app) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.mark.parametrize("path", sorted(COORDINATOR_READS))
def test_every_coordinator_read_writes_an_audit_entry(app, as_user, world, grant, path):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    before = count(app)
    assert coordinator.get(file_url(world, path)).status_code == 200
    new = audit_rows(app)[before:]
    assert new, path
    assert {e.action for e in new} == {"read"}
    assert {e.actor_user_id for e in new} == {world.coordinator.id}
    assert {e.actor_organisation_id for e in new} == {world.office.id}
    assert {e.subject_key for e in new} == {world.case_file.subject_key}
    assert COORDINATOR_READS[path] in {e.section for e in new}
    assert {e.purpose for e in new} == {"counselling"}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_reading_an_entry_to_correct_it_is_audited(app, as_user, world, grant, name):
    grant(world, "counselling")
    before = count(app)
    path = f"/correct/{name}/{world.entries[name]}"
    assert as_user(world.coordinator).get(file_url(world, path)).status_code == 200
    new = audit_rows(app)[before:]
    assert [(e.action, e.section) for e in new] == [("read", KINDS[name].section.value)]


@pytest.mark.parametrize("path", sorted(OWN_READS))
def test_every_own_read_writes_an_audit_entry(app, as_user, world, path):
    before = count(app)
    assert as_user(world.newcomer).get(path).status_code == 200
    new = audit_rows(app)[before:]
    assert new and {e.purpose for e in new} == {"self"}
    assert {e.actor_user_id for e in new} == {world.newcomer.id}
    assert OWN_READS[path] in {e.section for e in new}


def test_the_consent_page_names_the_purpose_the_organisation_holds(app, as_user, world, grant):
    grant(world, "mentoring")
    before = count(app)
    assert as_user(world.coordinator).get(file_url(world, "/access")).status_code == 200
    assert [(e.section, e.purpose) for e in audit_rows(app)[before:]] == [("access", "mentoring")]


def test_the_overview_names_each_section_it_showed(app, as_user, world, grant):
    grant(world, "mentoring")
    before = count(app)
    as_user(world.coordinator).get(file_url(world))
    sections = sorted(e.section for e in audit_rows(app)[before:])
    assert sections == ["goals", "languages", "notes"]


def test_a_refused_read_writes_nothing(app, as_user, world, grant, stranger):
    grant(world, "mentoring")
    before = count(app)
    assert as_user(world.coordinator).get(file_url(world, "/status")).status_code == 403
    assert as_user(stranger).get(file_url(world)).status_code == 404
    assert count(app) == before


def test_changes_are_audited_with_what_and_why(app, as_user, world, grant):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    before = count(app)
    coordinator.post(
        file_url(world, "/add/status"), data={"status": "duldung", "since": "2024-01-05"}
    )
    old = world.entries["status"]
    coordinator.post(
        file_url(world, f"/correct/status/{old}"),
        data={"status": "recognised", "since": "2025-05-03"},
    )
    changes = [e for e in audit_rows(app)[before:] if e.action != "read"]
    assert [(e.action, e.section, e.purpose) for e in changes] == [
        ("create", "status", "counselling"),
        ("correct", "status", "counselling"),
    ]
    assert changes[1].detail.endswith(f"supersedes {old}")
    assert "Haddad" not in " ".join(e.detail for e in changes)


def test_grant_and_withdrawal_are_audited(app, as_user, world):
    newcomer = as_user(world.newcomer)
    newcomer.post(
        "/me/file/access", data={"organisation_id": world.office.id, "purpose": "mentoring"}
    )
    with app.app_context():
        granted = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "grant"))
        assert (granted.section, granted.purpose) == ("access", "self")
        grant_id = int(granted.detail.split()[1])
    newcomer.post(f"/me/file/access/{grant_id}/withdraw")
    actions = [e.action for e in audit_rows(app)]
    assert actions.count("grant") == 1 and actions.count("withdraw") == 1


def test_the_person_sees_who_looked_from_which_organisation_and_why(as_user, world, grant):
    grant(world, "job_placement")
    as_user(world.coordinator).get(file_url(world, "/qualifications"))
    page = as_user(world.newcomer).get("/me/file/audit").get_data(as_text=True)
    assert "Clara Coordinator" in page and "Fachdienst Integration" in page
    assert "Qualifications and recognition" in page and "job placement" in page


def test_the_trail_has_no_route_that_changes_it(app):
    for rule in app.url_map.iter_rules():
        if "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule
