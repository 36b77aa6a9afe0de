"""Case file, access grants, audit trail and erasure records

Revision ID: 4c0a5e1f0001
Revises: 3a1c0de5f002
Create Date: 2026-11-26 13:11:24.758655

"""

from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = "4c0a5e1f0001"
down_revision = "3a1c0de5f002"
branch_labels = None
depends_on = None


# The audit trail is append-only in the database too: no DELETE, and no UPDATE except the
# ON DELETE SET NULL of the acting user or organisation when that account is removed.
APPEND_ONLY_FUNCTION = """
CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'actor_user_id' - 'actor_organisation_id')
           = (to_jsonb(OLD) - 'actor_user_id' - 'actor_organisation_id')
       AND (NEW.actor_user_id IS NULL OR NEW.actor_user_id = OLD.actor_user_id)
       AND (NEW.actor_organisation_id IS NULL
            OR NEW.actor_organisation_id = OLD.actor_organisation_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()
"""


def create_append_only_trigger() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def drop_append_only_trigger() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_organisation_id", sa.Integer(), nullable=True),
        sa.Column("subject_key", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "action in ('read', 'create', 'correct', 'grant', 'withdraw', 'export', 'print', 'erase')",
            name=op.f("ck_audit_entry_action"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_audit_entry_actor_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["user.id"],
            name=op.f("fk_audit_entry_actor_user_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_subject_key"), ["subject_key"], unique=False
        )

    op.create_table(
        "erasure_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_key", sa.String(length=32), nullable=False),
        sa.Column("erased_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("erased_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["erased_by_id"],
            ["user.id"],
            name=op.f("fk_erasure_record_erased_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_record")),
    )
    with op.batch_alter_table("erasure_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_erasure_record_subject_key"), ["subject_key"], unique=False
        )

    op.create_table(
        "access_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("granted_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("on_behalf", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("withdrawn_at", app.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "purpose in ('counselling', 'job_placement', 'mentoring')",
            name=op.f("ck_access_grant_purpose"),
        ),
        sa.ForeignKeyConstraint(
            ["granted_by_id"],
            ["user.id"],
            name=op.f("fk_access_grant_granted_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_access_grant_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_access_grant_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["user.id"],
            name=op.f("fk_access_grant_withdrawn_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grant")),
    )
    with op.batch_alter_table("access_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_access_grant_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_access_grant_person_id"), ["person_id"], unique=False)

    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("subject_key", sa.String(length=32), nullable=False),
        sa.Column("opened_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("responsible_organisation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["opened_by_id"],
            ["user.id"],
            name=op.f("fk_case_file_opened_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_case_file_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_file_responsible_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
        sa.UniqueConstraint("person_id", name=op.f("uq_case_file_person_id")),
        sa.UniqueConstraint("subject_key", name=op.f("uq_case_file_subject_key")),
    )
    op.create_table(
        "case_course_entry",
        sa.Column("course", sa.String(length=30), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "course in ('integration_basic_1', 'integration_basic_2', 'integration_basic_3', 'integration_advanced_1', 'integration_advanced_2', 'integration_advanced_3', 'orientation', 'vocational_language', 'other')",
            name=op.f("ck_case_course_entry_course"),
        ),
        sa.CheckConstraint(
            "status in ('planned', 'attending', 'completed', 'dropped')",
            name=op.f("ck_case_course_entry_status"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_course_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_course_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_course_entry_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_course_entry.id"],
            name=op.f("fk_case_course_entry_supersedes_id_case_course_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_course_entry")),
    )
    with op.batch_alter_table("case_course_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_course_entry_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_goal",
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "category in ('german_course', 'job', 'apprenticeship', 'recognition', 'business', 'mentor', 'friends_leisure', 'housing', 'childcare_school', 'driving_licence')",
            name=op.f("ck_case_goal_category"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_goal_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_goal_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_goal_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_goal.id"],
            name=op.f("fk_case_goal_supersedes_id_case_goal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_goal")),
    )
    with op.batch_alter_table("case_goal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_goal_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_language_test_result",
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("test_name", sa.String(length=60), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native')",
            name=op.f("ck_case_language_test_result_level"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_language_test_result_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_language_test_result_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_language_test_result_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_language_test_result.id"],
            name=op.f("fk_case_language_test_result_supersedes_id_case_language_test_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_language_test_result")),
    )
    with op.batch_alter_table("case_language_test_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_language_test_result_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_note",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "purpose in ('counselling', 'job_placement', 'mentoring')",
            name=op.f("ck_case_note_purpose"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_note_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_note_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_note_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_note.id"],
            name=op.f("fk_case_note_supersedes_id_case_note"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note")),
    )
    with op.batch_alter_table("case_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_note_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_qualification",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("taxonomy_id", sa.String(length=80), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind in ('school', 'vocational', 'academic')", name=op.f("ck_case_qualification_kind")
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_qualification_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_qualification_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_qualification_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_qualification.id"],
            name=op.f("fk_case_qualification_supersedes_id_case_qualification"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_qualification")),
    )
    with op.batch_alter_table("case_qualification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_qualification_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_residence_obligation_entry",
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_residence_obligation_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_residence_obligation_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f(
                "fk_case_residence_obligation_entry_recorded_by_organisation_id_organisation"
            ),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["region.id"],
            name=op.f("fk_case_residence_obligation_entry_region_id_region"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_residence_obligation_entry.id"],
            name=op.f(
                "fk_case_residence_obligation_entry_supersedes_id_case_residence_obligation_entry"
            ),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_residence_obligation_entry")),
    )
    with op.batch_alter_table("case_residence_obligation_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_residence_obligation_entry_case_file_id"),
            ["case_file_id"],
            unique=False,
        )

    op.create_table(
        "case_status_entry",
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status in ('arrived', 'asylum_procedure', 'recognised', 'subsidiary_protection', 'duldung', 'residence_permit', 'naturalised', 'returned')",
            name=op.f("ck_case_status_entry_status"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_status_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_status_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_status_entry_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_status_entry.id"],
            name=op.f("fk_case_status_entry_supersedes_id_case_status_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_status_entry")),
    )
    with op.batch_alter_table("case_status_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_status_entry_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_work_permission_entry",
        sa.Column("right_to_work", sa.String(length=20), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "right_to_work in ('allowed', 'needs_approval', 'not_allowed', 'unknown')",
            name=op.f("ck_case_work_permission_entry_right_to_work"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_work_permission_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_work_permission_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_work_permission_entry_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_work_permission_entry.id"],
            name=op.f("fk_case_work_permission_entry_supersedes_id_case_work_permission_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_work_permission_entry")),
    )
    with op.batch_alter_table("case_work_permission_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_work_permission_entry_case_file_id"), ["case_file_id"], unique=False
        )

    op.create_table(
        "case_goal_status_entry",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status in ('open', 'in_progress', 'met', 'dropped')",
            name=op.f("ck_case_goal_status_entry_status"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_goal_status_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["case_goal.id"],
            name=op.f("fk_case_goal_status_entry_goal_id_case_goal"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_goal_status_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_goal_status_entry_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_goal_status_entry.id"],
            name=op.f("fk_case_goal_status_entry_supersedes_id_case_goal_status_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_goal_status_entry")),
    )
    with op.batch_alter_table("case_goal_status_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_goal_status_entry_case_file_id"), ["case_file_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_goal_status_entry_goal_id"), ["goal_id"], unique=False
        )

    op.create_table(
        "case_measure",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("responsible_organisation_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_measure_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["case_goal.id"],
            name=op.f("fk_case_measure_goal_id_case_goal"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_measure_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_measure_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["responsible_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_measure_responsible_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_measure.id"],
            name=op.f("fk_case_measure_supersedes_id_case_measure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_measure")),
    )
    with op.batch_alter_table("case_measure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_measure_case_file_id"), ["case_file_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_case_measure_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "case_recognition_entry",
        sa.Column("qualification_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("authority", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status in ('applied', 'partial', 'full', 'refused')",
            name=op.f("ck_case_recognition_entry_status"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_recognition_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["qualification_id"],
            ["case_qualification.id"],
            name=op.f("fk_case_recognition_entry_qualification_id_case_qualification"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_recognition_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_recognition_entry_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_recognition_entry.id"],
            name=op.f("fk_case_recognition_entry_supersedes_id_case_recognition_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_recognition_entry")),
    )
    with op.batch_alter_table("case_recognition_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_recognition_entry_case_file_id"), ["case_file_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_recognition_entry_qualification_id"),
            ["qualification_id"],
            unique=False,
        )

    op.create_table(
        "case_measure_status_entry",
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_organisation_id", sa.Integer(), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status in ('open', 'done', 'dropped')",
            name=op.f("ck_case_measure_status_entry_status"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_file.id"],
            name=op.f("fk_case_measure_status_entry_case_file_id_case_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["case_measure.id"],
            name=op.f("fk_case_measure_status_entry_measure_id_case_measure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user.id"],
            name=op.f("fk_case_measure_status_entry_recorded_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_case_measure_status_entry_recorded_by_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["case_measure_status_entry.id"],
            name=op.f("fk_case_measure_status_entry_supersedes_id_case_measure_status_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_measure_status_entry")),
    )
    with op.batch_alter_table("case_measure_status_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_measure_status_entry_case_file_id"), ["case_file_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_measure_status_entry_measure_id"), ["measure_id"], unique=False
        )

    create_append_only_trigger()


def downgrade() -> None:
    drop_append_only_trigger()
    with op.batch_alter_table("case_measure_status_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_measure_status_entry_measure_id"))
        batch_op.drop_index(batch_op.f("ix_case_measure_status_entry_case_file_id"))

    op.drop_table("case_measure_status_entry")
    with op.batch_alter_table("case_recognition_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_recognition_entry_qualification_id"))
        batch_op.drop_index(batch_op.f("ix_case_recognition_entry_case_file_id"))

    op.drop_table("case_recognition_entry")
    with op.batch_alter_table("case_measure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_measure_goal_id"))
        batch_op.drop_index(batch_op.f("ix_case_measure_case_file_id"))

    op.drop_table("case_measure")
    with op.batch_alter_table("case_goal_status_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_goal_status_entry_goal_id"))
        batch_op.drop_index(batch_op.f("ix_case_goal_status_entry_case_file_id"))

    op.drop_table("case_goal_status_entry")
    with op.batch_alter_table("case_work_permission_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_work_permission_entry_case_file_id"))

    op.drop_table("case_work_permission_entry")
    with op.batch_alter_table("case_status_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_status_entry_case_file_id"))

    op.drop_table("case_status_entry")
    with op.batch_alter_table("case_residence_obligation_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_residence_obligation_entry_case_file_id"))

    op.drop_table("case_residence_obligation_entry")
    with op.batch_alter_table("case_qualification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_qualification_case_file_id"))

    op.drop_table("case_qualification")
    with op.batch_alter_table("case_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_note_case_file_id"))

    op.drop_table("case_note")
    with op.batch_alter_table("case_language_test_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_language_test_result_case_file_id"))

    op.drop_table("case_language_test_result")
    with op.batch_alter_table("case_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_goal_case_file_id"))

    op.drop_table("case_goal")
    with op.batch_alter_table("case_course_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_course_entry_case_file_id"))

    op.drop_table("case_course_entry")
    op.drop_table("case_file")
    with op.batch_alter_table("access_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_grant_person_id"))
        batch_op.drop_index(batch_op.f("ix_access_grant_organisation_id"))

    op.drop_table("access_grant")
    with op.batch_alter_table("erasure_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_record_subject_key"))

    op.drop_table("erasure_record")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_subject_key"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
