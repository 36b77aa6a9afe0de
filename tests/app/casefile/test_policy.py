"""The access rule and the purpose table, without a database."""

from __future__ import annotations

from app.casefile.access.policy import Section, access_for

OFFICE, CARITAS = 1, 2


def coordinator_access(grants, organisations=(OFFICE,), coordinator=True):
    return access_for(
        person_id=7,
        person_user_id=70,
        user_id=99,
        is_coordinator=coordinator,
        organisation_ids=organisations,
        active_grants=grants,
    )


def test_the_person_reads_everything_and_writes_nothing():
    own = access_for(
        person_id=7,
        person_user_id=70,
        user_id=70,
        is_coordinator=False,
        organisation_ids=(),
        active_grants=(),
    )
    assert own.readable_sections() == list(Section)
    assert not any(own.may_write(section) for section in Section)
    assert own.purpose(Section.NOTES) == "self" and own.organisation_id() is None


def test_no_grant_no_coordinator_role_or_another_organisation_means_no_file():
    assert coordinator_access([]) is None
    assert coordinator_access([("counselling", CARITAS)]) is None
    assert coordinator_access([("counselling", OFFICE)], coordinator=False) is None


def test_job_placement_opens_work_related_sections_and_goals():
    access = coordinator_access([("job_placement", OFFICE)])
    assert Section.NOTES not in access.readable_sections()
    assert access.covers(Section.GOALS, "job") and access.covers(Section.GOALS, "recognition")
    assert not access.covers(Section.GOALS, "housing")
    assert access.note_purposes() == []


def test_mentoring_opens_languages_goals_and_mentoring_notes():
    access = coordinator_access([("mentoring", OFFICE)])
    assert access.readable_sections() == [Section.LANGUAGES, Section.GOALS, Section.NOTES]
    assert access.covers(Section.NOTES, "mentoring")
    assert not access.covers(Section.NOTES, "counselling")
    assert [p.value for p in access.note_purposes()] == ["mentoring"]


def test_several_grants_add_up_and_the_audit_names_the_broadest():
    access = coordinator_access(
        [("mentoring", CARITAS), ("job_placement", OFFICE)], organisations=(OFFICE, CARITAS)
    )
    assert access.covers(Section.NOTES, "mentoring") and access.covers(Section.WORK, None)
    assert access.covers(Section.GOALS, "housing")  # mentoring sees every goal
    assert access.purpose(Section.GOALS) == "job_placement"
    assert access.organisation_id(Section.NOTES) == CARITAS
    assert access.organisation_id(Section.WORK) == OFFICE
