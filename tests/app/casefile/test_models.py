"""The case-file tables: history rows, corrections that keep the old row, an append-only audit
trail in the ORM and (on PostgreSQL) in the database itself."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.casefile.models import (
    ENTRY_MODELS,
    AuditEntry,
    CaseFile,
    StatusEntry,
)
from app.casefile.models.access import AuditTrailIsAppendOnly
from app.extensions import db


@pytest.fixture
def case_file(app, build):
    district = build.district("Landkreis Osnabrück", ("Bramsche",))
    person = build.refugee_person(district.children[0])
    with app.app_context():
        file = CaseFile(person_id=person.id)
        db.session.add(file)
        db.session.commit()
        return file


@pytest.fixture
def audit_entry(app, case_file, build):
    actor = build.user()
    with app.app_context():
        entry = AuditEntry(
            actor_user_id=actor.id,
            subject_key=case_file.subject_key,
            action="read",
            section="status",
            purpose="counselling",
        )
        db.session.add(entry)
        db.session.commit()
        return entry


def test_a_case_file_gets_a_random_subject_key(case_file):
    assert len(case_file.subject_key) == 32
    int(case_file.subject_key, 16)


def test_every_entry_table_has_the_shared_history_columns():
    for model in ENTRY_MODELS:
        columns = set(model.__table__.columns.keys())
        assert {
            "case_file_id",
            "recorded_at",
            "recorded_by_id",
            "recorded_by_organisation_id",
            "supersedes_id",
        } <= columns, model


def test_a_correction_is_a_new_row_and_the_old_row_stays(app, case_file):
    with app.app_context():
        first = StatusEntry(case_file_id=case_file.id, status="arrived", since=date(2024, 3, 1))
        db.session.add(first)
        db.session.flush()
        db.session.add(
            StatusEntry(
                case_file_id=case_file.id,
                status="arrived",
                since=date(2024, 2, 27),
                supersedes_id=first.id,
            )
        )
        db.session.commit()
        rows = db.session.scalars(select(StatusEntry).order_by(StatusEntry.id)).all()
        assert [(r.since, r.supersedes_id) for r in rows] == [
            (date(2024, 3, 1), None),
            (date(2024, 2, 27), first.id),
        ]


def test_the_orm_refuses_to_change_an_audit_entry(app, audit_entry):
    with app.app_context():
        entry = db.session.get(AuditEntry, audit_entry.id)
        entry.section = "qualifications"
        with pytest.raises(AuditTrailIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        assert db.session.get(AuditEntry, audit_entry.id).section == "status"


def test_the_orm_refuses_to_put_another_actor_on_an_audit_entry(app, audit_entry, build):
    someone_else = build.user()
    with app.app_context():
        entry = db.session.get(AuditEntry, audit_entry.id)
        entry.actor = db.session.merge(someone_else)
        with pytest.raises(AuditTrailIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        assert db.session.get(AuditEntry, audit_entry.id).actor_user_id == audit_entry.actor_user_id


def test_the_orm_refuses_to_delete_an_audit_entry(app, audit_entry):
    with app.app_context():
        db.session.delete(db.session.get(AuditEntry, audit_entry.id))
        with pytest.raises(AuditTrailIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        assert db.session.get(AuditEntry, audit_entry.id) is not None


def test_the_orm_lets_the_actor_be_cleared_as_the_database_would(app, audit_entry):
    with app.app_context():
        db.session.get(AuditEntry, audit_entry.id).actor_user_id = None
        db.session.commit()
        assert db.session.get(AuditEntry, audit_entry.id).actor_user_id is None


@pytest.fixture
def postgresql(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the append-only trigger exists on PostgreSQL only")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET section = 'notes'",
        "UPDATE audit_entry SET actor_user_id = actor_user_id + 1000",
        "UPDATE audit_entry SET subject_key = 'x', actor_user_id = NULL",
        "DELETE FROM audit_entry",
    ],
)
def test_postgresql_refuses_raw_updates_and_deletes(app, postgresql, audit_entry, statement):
    with app.app_context():
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))
        assert db.session.get(AuditEntry, audit_entry.id).section == "status"


def test_postgresql_lets_a_deleted_user_become_null_in_the_trail(app, postgresql, audit_entry):
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(
                text('DELETE FROM "user" WHERE id = :id'), {"id": audit_entry.actor_user_id}
            )
        entry = db.session.get(AuditEntry, audit_entry.id)
        assert entry.actor_user_id is None and entry.section == "status"
