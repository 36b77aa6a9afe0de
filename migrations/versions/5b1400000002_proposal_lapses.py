"""Proposals lapse with a cause when their request, offer or person is gone

Revision ID: 5b1400000002
Revises: 5b1400000001
Create Date: 2026-12-07 02:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1400000002'
down_revision = '5b1400000001'
branch_labels = None
depends_on = None

BEFORE = "'proposed', 'rejected', 'approved', 'active', 'declined', 'ended'"
AFTER = BEFORE + ", 'lapsed'"
CAUSES = "'request_withdrawn', 'offer_unpublished', 'offer_full'"


def upgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lapse_cause', sa.String(length=20), nullable=True))
        batch_op.drop_constraint(batch_op.f('ck_proposal_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_proposal_status'), f"status in ({AFTER})")
        batch_op.create_check_constraint(
            batch_op.f('ck_proposal_lapse_cause'),
            f"lapse_cause is null or lapse_cause in ({CAUSES})",
        )
    # Proposals already stale leave the queue now, each with its cause, and the requests they
    # held in a round wait again for the next one.
    for cause, stale in (
        ("request_withdrawn", "request_id IN (SELECT id FROM request WHERE status = 'withdrawn')"),
        ("offer_unpublished", "offer_id IN (SELECT id FROM offer WHERE status IN ('draft', 'expired'))"),
        ("offer_full", "offer_id IN (SELECT id FROM offer WHERE status = 'filled' OR filled >= capacity)"),
    ):
        op.execute(
            f"UPDATE proposal SET status = 'lapsed', lapse_cause = '{cause}' "
            f"WHERE status = 'proposed' AND {stale}"
        )
    op.execute(
        "UPDATE request SET status = 'open' WHERE status = 'in_round' "
        "AND id IN (SELECT request_id FROM proposal WHERE status = 'lapsed') "
        "AND id NOT IN (SELECT request_id FROM proposal WHERE status = 'proposed')"
    )


def downgrade() -> None:
    # A lapsed proposal was an undecided one that can no longer be decided: it goes.
    op.execute("DELETE FROM proposal WHERE status = 'lapsed'")
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_proposal_lapse_cause'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_proposal_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_proposal_status'), f"status in ({BEFORE})")
        batch_op.drop_column('lapse_cause')
