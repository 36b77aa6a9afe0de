"""Kept counts of the needs per region; indexes for the people and request lists in name and date order

Revision ID: 5b1300000001
Revises: 5b1200000001
Create Date: 2026-12-06 23:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1300000001'
down_revision = '5b1200000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('needs_snapshot',
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('counted_on', sa.Date(), nullable=False),
    sa.Column('counted_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('tally', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_needs_snapshot_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('region_id', name=op.f('pk_needs_snapshot'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_name_order', ['family_name', 'given_name', 'id'], unique=False)
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.create_index('ix_request_created_at_id', ['created_at', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_index('ix_request_created_at_id')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_name_order')
    op.drop_table('needs_snapshot')
