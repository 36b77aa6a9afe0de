"""A recorded answer is never changed: the database refuses UPDATE and DELETE of answer_on_behalf

Revision ID: 5b1500000001
Revises: 5b1400000003
Create Date: 2026-12-07 06:00:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "5b1500000001"
down_revision = "5b1400000003"
branch_labels = None
depends_on = None


# Like the audit trail (4c0a5e1f0001): an answer the office recorded for a person stays as it
# was written. The database allows only what its own foreign keys and the erasure do:
# - UPDATE that only empties the recording coordinator or organisation (ON DELETE SET NULL);
# - DELETE once the match is gone (ON DELETE CASCADE of the proposal), or in a transaction that
#   erases a person (app.matches.lifecycle sets bruecke.erasure for that transaction only).
APPEND_ONLY_FUNCTION = """
CREATE FUNCTION answer_on_behalf_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'recorded_by_id' - 'recorded_by_organisation_id')
           = (to_jsonb(OLD) - 'recorded_by_id' - 'recorded_by_organisation_id')
       AND (NEW.recorded_by_id IS NULL OR NEW.recorded_by_id = OLD.recorded_by_id)
       AND (NEW.recorded_by_organisation_id IS NULL
            OR NEW.recorded_by_organisation_id = OLD.recorded_by_organisation_id) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE'
       AND (coalesce(current_setting('bruecke.erasure', true), '') = 'on'
            OR NOT EXISTS (SELECT 1 FROM proposal WHERE id = OLD.proposal_id)) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'answer_on_behalf is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
APPEND_ONLY_TRIGGER = """
CREATE TRIGGER answer_on_behalf_append_only BEFORE UPDATE OR DELETE ON answer_on_behalf
FOR EACH ROW EXECUTE FUNCTION answer_on_behalf_append_only()
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(APPEND_ONLY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS answer_on_behalf_append_only ON answer_on_behalf")
        op.execute("DROP FUNCTION IF EXISTS answer_on_behalf_append_only()")
