"""PDFs of a person's data, made by a background task and kept

Revision ID: 5b1100000006
Revises: 4c0a5e1f0003
Create Date: 2026-12-06 20:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1100000006'
down_revision = '4c0a5e1f0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('data_export',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('requested_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("status in ('pending', 'ready', 'failed')", name=op.f('ck_data_export_status')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_data_export_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user.id'], name=op.f('fk_data_export_requested_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_data_export_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_export'))
    )
    with op.batch_alter_table('data_export', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_export_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_export_requested_by_id'), ['requested_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_export_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('data_export', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_export_user_id'))
        batch_op.drop_index(batch_op.f('ix_data_export_requested_by_id'))
        batch_op.drop_index(batch_op.f('ix_data_export_person_id'))

    op.drop_table('data_export')
