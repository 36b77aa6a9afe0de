"""Answers a coordinator recorded for people without an account: who, when, how, by whom

Revision ID: 5b1400000003
Revises: 5b1400000005
Create Date: 2026-12-07 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1400000003'
down_revision = '5b1400000005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('answer_on_behalf',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('answer', sa.String(length=10), nullable=False),
    sa.Column('answered_by', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_organisation_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("answer in ('accepted', 'declined')", name=op.f('ck_answer_on_behalf_answer')),
    sa.CheckConstraint("answered_by in ('person', 'guardian', 'representative')", name=op.f('ck_answer_on_behalf_answered_by')),
    sa.CheckConstraint("channel in ('phone', 'in_person', 'letter', 'email', 'interpreter')", name=op.f('ck_answer_on_behalf_channel')),
    sa.CheckConstraint("side in ('seeker', 'provider')", name=op.f('ck_answer_on_behalf_side')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_answer_on_behalf_proposal_id_proposal'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_answer_on_behalf_recorded_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_organisation_id'], ['organisation.id'], name=op.f('fk_answer_on_behalf_recorded_by_organisation_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_on_behalf')),
    sa.UniqueConstraint('proposal_id', 'side', name=op.f('uq_answer_on_behalf_proposal_id_side'))
    )
    with op.batch_alter_table('answer_on_behalf', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_on_behalf_proposal_id'), ['proposal_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('answer_on_behalf', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_on_behalf_proposal_id'))

    op.drop_table('answer_on_behalf')
