"""Issue 15, first finding: a match with a person kept on behalf (no account) could never become
active, because nobody could record that person's answer. A coordinator who keeps the person on
behalf now records it — who answered, when, how, by which coordinator — and the match moves as
the person's own answer would. A person with an account answers themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from app.core.clock import local_today
from app.extensions import db
from app.matches import services
from app.matches.models import AnswerOnBehalf, Proposal, RecordedAnswerIsFinal
from app.offers.models import Offer, Request
from app.profiles.models import Person


@pytest.fixture
def kept(world, offers):
    """A newcomer the office keeps on behalf, asking for a mentor in Bramsche."""
    person = offers.person(None, world.bramsche, "Layla", languages=("ar",))
    return person, offers.request(person, kind="mentoring")


@pytest.fixture
def match_id(app, world, kept) -> int:
    """An approved match of the kept newcomer with the first mentor (who has an account)."""
    _, request = kept
    with app.app_context():
        proposal = services.propose_by_hand(
            db.session.get(Request, request.id),
            db.session.get(Offer, world.offers[0].id),
            world.coordinator_os,
            local_today(),
        )
        db.session.commit()
        return proposal.id


def answer_form(**overrides: str) -> dict[str, str]:
    return {
        "answer": "accept",
        "answered_by": "person",
        "channel": "phone",
        "answered_on": local_today().isoformat(),
        **overrides,
    }


def recorded(app) -> list[AnswerOnBehalf]:
    with app.app_context():
        return list(db.session.scalars(select(AnswerOnBehalf)))


def status_of(app, proposal_id: int) -> str:
    with app.app_context():
        return db.session.get(Proposal, proposal_id).status


def test_the_answer_of_a_person_without_an_account_makes_the_match_active(
    app, world, login, make_client, match_id
):
    mentor = login(world.mentors[0], on=make_client())
    assert mentor.post(f"/matches/{match_id}/answer", data={"answer": "accept"}).status_code == 302
    assert status_of(app, match_id) == "approved"

    coordinator = login(world.coordinator_os)
    queue = coordinator.get("/matches/queue?status=approved").get_data(as_text=True)
    assert f"/matches/proposals/{match_id}/answers/seeker" in queue
    assert f"/matches/proposals/{match_id}/answers/provider" not in queue  # she has an account
    assert "Mentor0 accepted · waiting for Layla" in queue  # not "waiting for both sides"
    form = coordinator.get(f"/matches/proposals/{match_id}/answers/seeker")
    assert form.status_code == 200 and "Layla" in form.get_data(as_text=True)

    response = coordinator.post(
        f"/matches/proposals/{match_id}/answers/seeker",
        data=answer_form(channel="interpreter", answered_by="representative"),
    )
    assert response.status_code == 302
    assert status_of(app, match_id) == "active"
    [record] = recorded(app)
    assert (record.side, record.answer, record.channel, record.answered_by) == (
        "seeker",
        "accepted",
        "interpreter",
        "representative",
    )
    assert record.answered_on == local_today()
    assert record.recorded_by_id == world.coordinator_os.id
    assert record.recorded_by_organisation_id is not None
    active = coordinator.get("/matches/queue?status=active").get_data(as_text=True)
    assert "<bdi>Layla</bdi>: accepted on" in active and "Through an interpreter" in active
    # Layla has no e-mail on Brücke: the mentor reaches her through the office that answered.
    mine = mentor.get("/matches/mine").get_data(as_text=True)
    assert "Kontakt über" in mine and "Integration OS" in mine  # she reads German


def test_a_person_with_an_account_answers_themselves(app, world, login, match_id):
    coordinator = login(world.coordinator_os)
    for method in ("get", "post"):
        response = getattr(coordinator, method)(
            f"/matches/proposals/{match_id}/answers/provider", data=answer_form()
        )
        assert response.status_code == 409
        assert "has an account and answers on Brücke themselves" in response.get_data(as_text=True)
    assert recorded(app) == [] and status_of(app, match_id) == "approved"


def test_only_a_coordinator_of_both_sides_records_an_answer(
    app, world, login, make_client, match_id
):
    path = f"/matches/proposals/{match_id}/answers/seeker"
    other = login(world.coordinator_el, on=make_client())
    assert other.post(path, data=answer_form()).status_code == 404
    mentor = login(world.mentors[0], on=make_client())
    assert mentor.post(path, data=answer_form()).status_code == 403
    assert (
        login(world.coordinator_os).get(f"/matches/proposals/{match_id}/answers/x").status_code
        == 404
    )
    assert recorded(app) == []


def test_a_declined_answer_frees_the_place_and_a_second_answer_is_refused(
    app, world, login, match_id
):
    coordinator = login(world.coordinator_os)
    path = f"/matches/proposals/{match_id}/answers/seeker"
    assert coordinator.post(path, data=answer_form(answer="decline")).status_code == 302
    assert status_of(app, match_id) == "declined"
    with app.app_context():
        assert db.session.get(Offer, world.offers[0].id).filled == 0
    again = coordinator.post(path, data=answer_form(), follow_redirects=True)
    assert "This match is not waiting for this answer." in again.get_data(as_text=True)
    assert len(recorded(app)) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"answer": ""}, "Please choose the answer the person gave."),
        ({"answered_on": ""}, "Please give the day of the answer."),
        (
            {"answered_on": (local_today() + timedelta(days=1)).isoformat()},
            "The answer cannot have been given after today.",
        ),
        ({"channel": "pigeon"}, "Not a valid choice"),
    ],
)
def test_a_bad_answer_form_is_shown_again_with_its_message(
    app, world, login, match_id, overrides, message
):
    coordinator = login(world.coordinator_os)
    response = coordinator.post(
        f"/matches/proposals/{match_id}/answers/seeker", data=answer_form(**overrides)
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert recorded(app) == [] and status_of(app, match_id) == "approved"


def test_an_answer_before_the_approval_is_refused_with_its_reason(app, world, login, match_id):
    coordinator = login(world.coordinator_os)
    day_before = (local_today() - timedelta(days=2)).isoformat()
    response = coordinator.post(
        f"/matches/proposals/{match_id}/answers/seeker",
        data=answer_form(answered_on=day_before),
        follow_redirects=True,
    )
    assert "before the match was approved" in response.get_data(as_text=True)
    assert recorded(app) == [] and status_of(app, match_id) == "approved"


def test_a_recorded_answer_is_never_changed_or_deleted(app, world, login, match_id):
    login(world.coordinator_os).post(
        f"/matches/proposals/{match_id}/answers/seeker", data=answer_form()
    )
    with app.app_context():
        record = db.session.scalars(select(AnswerOnBehalf)).one()
        record.answer = "declined"
        with pytest.raises(RecordedAnswerIsFinal):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.scalars(select(AnswerOnBehalf)).one())
        with pytest.raises(RecordedAnswerIsFinal):
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(select(func.count(AnswerOnBehalf.id))) == 1


@pytest.fixture
def postgresql(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the append-only trigger exists on PostgreSQL only")


@pytest.fixture
def answered(app, world, login, make_client, match_id) -> int:
    """The match, active: the mentor accepted, the office recorded the kept newcomer's yes."""
    mentor = login(world.mentors[0], on=make_client())
    assert mentor.post(f"/matches/{match_id}/answer", data={"answer": "accept"}).status_code == 302
    login(world.coordinator_os).post(
        f"/matches/proposals/{match_id}/answers/seeker", data=answer_form()
    )
    assert len(recorded(app)) == 1 and status_of(app, match_id) == "active"
    return match_id


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE answer_on_behalf SET answer = 'declined'",
        "UPDATE answer_on_behalf SET answered_on = answered_on - 1",
        "UPDATE answer_on_behalf SET recorded_by_id = recorded_by_id + 1000",
        "UPDATE answer_on_behalf SET channel = 'letter', recorded_by_id = NULL",
        "DELETE FROM answer_on_behalf",
    ],
)
def test_postgresql_refuses_to_change_or_delete_a_recorded_answer(
    app, postgresql, answered, statement
):
    with (
        app.app_context(),
        pytest.raises(DBAPIError, match="append-only"),
        db.engine.begin() as connection,
    ):
        connection.execute(text(statement))
    [record] = recorded(app)
    assert (record.answer, record.channel) == ("accepted", "phone")


def test_postgresql_lets_the_recording_coordinator_become_null(app, world, postgresql, answered):
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            text('DELETE FROM "user" WHERE id = :id'), {"id": world.coordinator_os.id}
        )
    [record] = recorded(app)
    assert record.recorded_by_id is None and record.answer == "accepted"


def test_postgresql_lets_a_recorded_answer_go_with_its_match(app, postgresql, answered):
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DELETE FROM proposal WHERE id = :id"), {"id": answered})
    assert recorded(app) == []


def test_erasing_the_person_takes_their_recorded_answer_with_them(
    app, world, login, kept, answered
):
    person, _ = kept
    response = login(world.coordinator_os).post(
        f"/people/{person.id}/erase",
        data={"reason": "Asked at the counter on Monday.", "confirm": "y"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        assert db.session.get(Person, person.id) is None
        assert db.session.get(Proposal, answered).status == "ended"  # kept for the mentor
    assert recorded(app) == []


def test_the_queue_finds_the_matches_waiting_for_an_answer_the_office_records(
    app, world, login, match_id
):
    """Issue 15: a coordinator had to page through every approved match to find those whose
    answer only the office can give. A filter of the queue lists exactly them."""
    with app.app_context():
        between_accounts = services.propose_by_hand(
            db.session.get(Request, world.requests[0].id),
            db.session.get(Offer, world.offers[1].id),
            world.coordinator_os,
            local_today(),
        )
        db.session.commit()
        between_accounts_id = between_accounts.id
    coordinator = login(world.coordinator_os)
    approved = coordinator.get("/matches/queue?status=approved").get_data(as_text=True)
    assert f'id="proposal-{between_accounts_id}"' in approved

    page = coordinator.get("/matches/queue?status=office_answer")
    assert page.status_code == 200
    listed = page.get_data(as_text=True)
    assert f'id="proposal-{match_id}"' in listed
    assert f'id="proposal-{between_accounts_id}"' not in listed
    assert '<option value="office_answer" selected>' in listed
    assert "Waiting for an answer the office records" in listed

    coordinator.post(f"/matches/proposals/{match_id}/answers/seeker", data=answer_form())
    after = coordinator.get("/matches/queue?status=office_answer").get_data(as_text=True)
    assert f'id="proposal-{match_id}"' not in after and "No proposals." in after
