"""Rounds remember the total, the blocking pairs, and how many earlier proposals stayed or moved

Revision ID: 5b1300000002
Revises: 5b1300000001
Create Date: 2026-12-06 23:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1300000002'
down_revision = '5b1300000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('matching_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('objective', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('blocking_pairs', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kept', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('moved', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('moved_why', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('matching_round', schema=None) as batch_op:
        batch_op.drop_column('moved_why')
        batch_op.drop_column('moved')
        batch_op.drop_column('kept')
        batch_op.drop_column('blocking_pairs')
        batch_op.drop_column('objective')
