"""Mail waits in a durable outbox table until it is delivered

Revision ID: 5b1200000001
Revises: 5b1200000002
Create Date: 2026-12-06 21:15:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1200000001'
down_revision = '5b1200000002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to_address', sa.String(length=320), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_mail'))
    )
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_mail_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_mail_sent_at'), ['sent_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_mail_sent_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_mail_created_at'))

    op.drop_table('outbox_mail')
