"""Rounds remember whether the coordinator chose a stable answer over the best total

Revision ID: 5b1400000006
Revises: 5b1400000002
Create Date: 2026-12-07 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1400000006'
down_revision = '5b1400000002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('matching_round', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('stable', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('matching_round', schema=None) as batch_op:
        batch_op.drop_column('stable')
