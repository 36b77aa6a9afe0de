"""Consent on behalf names its reason; changes of profiles kept on behalf are audited

Revision ID: 5b1100000001
Revises: 5b1100000006
Create Date: 2026-12-06 20:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1100000001'
down_revision = '5b1100000006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('access_grant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('named_reason', sa.String(length=500), nullable=True))

    op.create_table('profile_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_organisation_id', sa.Integer(), nullable=True),
    sa.Column('fields', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['actor_organisation_id'], ['organisation.id'], name=op.f('fk_profile_change_actor_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['actor_user_id'], ['user.id'], name=op.f('fk_profile_change_actor_user_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_profile_change_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_change'))
    )
    with op.batch_alter_table('profile_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_change_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_change_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('profile_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_change_person_id'))
        batch_op.drop_index(batch_op.f('ix_profile_change_at'))

    op.drop_table('profile_change')
    with op.batch_alter_table('access_grant', schema=None) as batch_op:
        batch_op.drop_column('named_reason')
