"""History is never overwritten; consent given and withdrawn takes effect at once; bad input is
a 4xx with a message."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.casefile.entries.kinds import KINDS
from app.casefile.models import AccessGrant, Qualification, RecognitionEntry, StatusEntry
from app.extensions import db
from tests.app.casefile.conftest import file_url


def status_rows(app) -> list[tuple[str, date, int | None]]:
    with app.app_context():
        rows = db.session.scalars(select(StatusEntry).order_by(StatusEntry.id))
        return [(r.status, r.since, r.supersedes_id) for r in rows]


def test_a_correction_keeps_the_old_row_and_shows_both(app, as_user, world, grant):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    old = world.entries["status"]
    response = coordinator.post(
        file_url(world, f"/correct/status/{old}"),
        data={"status": "subsidiary_protection", "since": "2025-05-09", "note": "Bescheid"},
    )
    assert response.status_code == 302
    assert status_rows(app) == [
        ("recognised", date(2025, 5, 2), None),
        ("subsidiary_protection", date(2025, 5, 9), old),
    ]
    page = coordinator.get(file_url(world, "/status")).get_data(as_text=True)
    assert "<s>recognised as a refugee</s>" in page and "subsidiary protection" in page
    assert "corrected on" in page and "Clara Coordinator" in page
    # Who recorded it is one isolated run of text: in an Arabic sentence a German name and office
    # would otherwise take the sentence's direction and their brackets would flip.
    assert "<bdi>Clara Coordinator (Fachdienst Integration)</bdi>" in page


def test_only_the_newest_version_can_be_corrected(app, as_user, world, grant):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    url = file_url(world, f"/correct/status/{world.entries['status']}")
    assert (
        coordinator.post(url, data={"status": "duldung", "since": "2025-05-02"}).status_code == 302
    )
    again = coordinator.post(url, data={"status": "arrived", "since": "2025-05-02"})
    assert again.status_code == 422
    assert "corrected already" in again.get_data(as_text=True)
    assert len(status_rows(app)) == 2


def test_an_entry_of_another_file_cannot_be_corrected_here(app, as_user, build, world, grant):
    grant(world, "counselling")
    assert (
        as_user(world.coordinator).get(file_url(world, "/correct/status/999999")).status_code == 404
    )


def test_a_qualification_gets_its_taxonomy_id_and_recognition_steps(app, as_user, world, grant):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    coordinator.post(
        file_url(world, "/add/qualification"),
        data={"kind": "vocational", "title": "Krankenpfleger", "country": "SY", "year": "2014"},
    )
    with app.app_context():
        added = db.session.scalar(
            select(Qualification).where(Qualification.title == "Krankenpfleger")
        )
        assert added.taxonomy_id is not None
    for status, since in (("applied", "2025-01-10"), ("partial", "2025-06-01")):
        response = coordinator.post(
            file_url(world, "/add/recognition"),
            data={
                "qualification_id": added.id,
                "status": status,
                "since": since,
                "authority": "LSA",
            },
        )
        assert response.status_code == 302
    with app.app_context():
        steps = db.session.scalars(
            select(RecognitionEntry.status).where(RecognitionEntry.qualification_id == added.id)
        )
        assert list(steps) == ["applied", "partial"]


def test_a_withdrawn_grant_closes_the_file_at_once(app, as_user, world):
    newcomer = as_user(world.newcomer)
    newcomer.post(
        "/me/file/access", data={"organisation_id": world.office.id, "purpose": "counselling"}
    )
    coordinator = as_user(world.coordinator)
    assert coordinator.get(file_url(world)).status_code == 200
    with app.app_context():
        grant_id = db.session.scalar(select(AccessGrant.id))
    assert newcomer.post(f"/me/file/access/{grant_id}/withdraw").status_code == 302
    # the same coordinator session, the very next request
    for rest in ("", "/status", "/audit", "/add/note"):
        assert coordinator.get(file_url(world, rest)).status_code == 404, rest
    with app.app_context():
        withdrawn = db.session.get(AccessGrant, grant_id)
        assert withdrawn.withdrawn_at is not None and withdrawn.withdrawn_by_id == world.newcomer.id


def test_a_coordinator_records_and_withdraws_consent_on_behalf(app, as_user, world, kept):
    coordinator = as_user(world.coordinator)
    url = f"/people/{kept.id}/file"
    assert coordinator.get(url).status_code == 404
    response = coordinator.post(
        url + "/access",
        data={"organisation_id": world.office.id, "purpose": "job_placement", "note": "Formular"},
    )
    assert response.status_code == 302
    assert coordinator.get(url + "/work").status_code == 200
    assert coordinator.get(url + "/notes").status_code == 403
    with app.app_context():
        recorded = db.session.scalar(select(AccessGrant))
        assert recorded.on_behalf and recorded.note == "Formular"
        assert recorded.named_reason is None  # the coordinator's own organisation
    page = coordinator.get(url + "/access").get_data(as_text=True)
    assert "behalf by Clara Coordinator" in page
    coordinator.post(url + f"/access/{recorded.id}/withdraw")
    assert coordinator.get(url + "/work").status_code == 404
    again = coordinator.post(url + f"/access/{recorded.id}/withdraw")
    assert again.status_code == 400 and "withdrawn already" in again.get_data(as_text=True)


def test_consent_on_behalf_needs_a_note_on_how_the_person_agreed(as_user, world, kept):
    response = as_user(world.coordinator).post(
        f"/people/{kept.id}/file/access",
        data={"organisation_id": world.office.id, "purpose": "mentoring"},
    )
    assert response.status_code == 422
    assert "Please fill in this field." in response.get_data(as_text=True)


BAD_ENTRIES = [
    ("status", {"status": "deported", "since": "2025-01-01"}, "Not a valid choice"),
    ("status", {"status": "arrived", "since": "2025-02-30"}, "Not a valid date value"),
    ("status", {"status": "arrived"}, "Please fill in this field."),
    ("residence", {"region_id": "x", "since": "2025-01-01"}, "Invalid Choice"),
    (
        "residence",
        {"region_id": "", "since": "2025-03-01", "until": "2025-01-01"},
        "before the start",
    ),
    ("qualification", {"kind": "vocational", "title": "", "country": "SY"}, "Please fill in"),
    ("qualification", {"kind": "phd", "title": "X", "country": "SY"}, "Not a valid choice"),
    (
        "qualification",
        {"kind": "school", "title": "X", "country": "SY", "year": "12a"},
        "Not a valid integer",
    ),
    (
        "recognition",
        {"qualification_id": "999999", "status": "full", "since": "2025-01-01"},
        "Not a valid choice",
    ),
    (
        "course",
        {
            "course": "integration_basic_1",
            "status": "completed",
            "started_on": "2025-05-01",
            "ended_on": "2025-01-01",
        },
        "before the start",
    ),
    (
        "test",
        {"language": "de", "test_name": "DTZ", "level": "native", "taken_on": "2025-01-01"},
        "Not a valid choice",
    ),
    ("goal", {"category": "world_peace", "title": "X"}, "Not a valid choice"),
    ("goal_status", {"goal_id": "", "status": "met", "since": "2025-01-01"}, "Not a valid choice"),
    ("measure", {"goal_id": "1", "description": "x" * 600}, "Field cannot be longer than 500"),
    ("note", {"text": "x", "purpose": "gossip"}, "Not a valid choice"),
]


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    BAD_ENTRIES,
    ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(BAD_ENTRIES)],
)
def test_bad_input_is_refused_with_a_message(app, as_user, world, grant, kind, data, message):
    grant(world, "counselling")
    before = status_rows(app)
    response = as_user(world.coordinator).post(file_url(world, f"/add/{kind}"), data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert status_rows(app) == before


def test_unknown_kinds_sections_and_grants_are_404(as_user, world, grant):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    for rest in ("/add/passport", "/secrets", "/correct/status/abc", "/access/999999/withdraw"):
        method = coordinator.post if rest.endswith("withdraw") else coordinator.get
        assert method(file_url(world, rest)).status_code == 404, rest
    assert coordinator.get("/people/999999/file").status_code == 404


def test_a_grant_for_an_unknown_organisation_or_purpose_is_refused(as_user, world):
    newcomer = as_user(world.newcomer)
    for data in (
        {"organisation_id": "999999", "purpose": "counselling"},
        {"organisation_id": world.office.id, "purpose": "marketing"},
    ):
        response = newcomer.post("/me/file/access", data=data)
        assert response.status_code == 422 and "Not a valid choice" in response.get_data(
            as_text=True
        )


def test_first_visits_at_the_same_time_open_one_file(app, build):
    from concurrent.futures import ThreadPoolExecutor

    from app.casefile import services
    from app.casefile.models import CaseFile
    from app.profiles.models import Person

    district = build.district("Landkreis Vechta", ("Lohne",))
    person_id = build.refugee_person(district.children[0]).id

    def open_file(_: int) -> str:
        with app.app_context():
            key = services.open_case_file(db.session.get(Person, person_id), None).subject_key
            db.session.commit()
            return key

    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(open_file, range(16)))
    with app.app_context():
        files = db.session.scalars(select(CaseFile).where(CaseFile.person_id == person_id)).all()
    assert len(files) == 1 and keys == {files[0].subject_key}


GARBAGE = ("", "x" * 6000, "-1", "2025-99-99", "<script>", "NaN", "9" * 40)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_garbage_in_every_field_of_every_form_is_a_422(app, as_user, world, grant, kind):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    urls = [f"/add/{kind}", f"/correct/{kind}/{world.entries[kind]}"]
    for url in urls:
        for junk in GARBAGE:
            data = dict.fromkeys(KINDS[kind].fields, junk)
            response = coordinator.post(file_url(world, url), data=data)
            assert response.status_code == 422, (url, junk[:20])


def test_the_organisation_that_opens_a_file_is_responsible_for_it(app, as_user, build, world):
    with app.app_context():
        from app.accounts.models import Region

        town = db.session.get(Region, world.person.region_id)
    newcomer = build.refugee_person(town, "Dawit", "Tesfaye")
    coordinator = as_user(world.coordinator)
    assert coordinator.get(f"/people/{newcomer.id}/file/access").status_code == 200
    with app.app_context():
        from app.casefile.models import CaseFile

        # Looking opens no file; the first consent the office records does.
        assert db.session.scalar(select(CaseFile).where(CaseFile.person_id == newcomer.id)) is None
    data = {"organisation_id": world.office.id, "purpose": "counselling", "note": "Formular"}
    assert coordinator.post(f"/people/{newcomer.id}/file/access", data=data).status_code == 302
    with app.app_context():
        opened = db.session.scalar(select(CaseFile).where(CaseFile.person_id == newcomer.id))
        assert opened.responsible_organisation_id == world.office.id
        assert opened.opened_by_id == world.coordinator.id


def test_the_overview_shows_what_holds_now_and_the_history_shows_everything(as_user, world, grant):
    grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    coordinator.post(
        file_url(world, "/add/status"), data={"status": "naturalised", "since": "2026-06-01"}
    )
    coordinator.post(
        file_url(world, "/add/status"), data={"status": "duldung", "since": "2019-01-01"}
    )
    overview = coordinator.get(file_url(world)).get_data(as_text=True)
    assert "naturalised" in overview
    assert "recognised as a refugee" not in overview and "Duldung" not in overview
    history = coordinator.get(file_url(world, "/status")).get_data(as_text=True)
    assert (
        "naturalised" in history and "recognised as a refugee" in history and "Duldung" in history
    )
