"""The export and the erasure cover every table that can hold something about a person: each
foreign key into a person's rows (directly or through their other rows) is named in the
catalogue, with the ON DELETE rule erasure relies on."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, String, Table

from app.extensions import db
from app.privacy import checks


def test_every_table_that_reaches_a_person_is_exported_or_excluded_with_a_reason(app):
    with app.app_context():
        assert checks.problems() == []
        reached = checks.reachable_tables()
    # The walk really reaches through several steps: person -> request -> proposal -> rating,
    # person -> case file -> goal -> measure -> status, case file -> audit (by subject key).
    assert {"rating", "case_measure_status_entry", "audit_entry", "notification"} <= reached
    assert {"region", "organisation", "knowledge_article"}.isdisjoint(reached)


def test_a_new_table_that_references_a_persons_rows_is_noticed(app):
    with app.app_context():
        diary = Table(
            "privacy_test_diary",
            db.metadata,
            Column("id", Integer, primary_key=True),
            Column("proposal_id", ForeignKey("proposal.id", ondelete="CASCADE")),
            Column("subject_key", String(32)),
        )
        try:
            found = checks.problems()
        finally:
            db.metadata.remove(diary)
    assert "privacy_test_diary.proposal_id -> proposal is not in app/privacy/catalogue.LINKS" in (
        found
    )
    assert any(p.startswith("privacy_test_diary.subject_key") for p in found)
