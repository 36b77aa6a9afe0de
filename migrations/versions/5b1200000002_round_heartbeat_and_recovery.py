"""A heartbeat on matching rounds, how often recovery re-queued one, and why one failed

Revision ID: 5b1200000002
Revises: 5b1100000004
Create Date: 2026-12-06 21:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1200000002'
down_revision = '5b1100000004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('matching_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', app.core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('recoveries', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('failed_reason', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('matching_round', schema=None) as batch_op:
        batch_op.drop_column('failed_reason')
        batch_op.drop_column('recoveries')
        batch_op.drop_column('heartbeat_at')
