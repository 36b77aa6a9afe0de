"""Printed documents of a case file (integration agreement, progress report as PDF)

Revision ID: 4c0a5e1f0003
Revises: 4c0a5e1f0001
Create Date: 2026-11-26 13:13:57.541104

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '4c0a5e1f0003'
down_revision = '4c0a5e1f0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_generated_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_file_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('languages', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_organisation_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('finished_at', app.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind in ('agreement', 'report')", name=op.f('ck_case_generated_document_kind')),
    sa.CheckConstraint("status in ('pending', 'ready', 'failed')", name=op.f('ck_case_generated_document_status')),
    sa.ForeignKeyConstraint(['case_file_id'], ['case_file.id'], name=op.f('fk_case_generated_document_case_file_id_case_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_case_generated_document_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_organisation_id'], ['organisation.id'], name=op.f('fk_case_generated_document_created_by_organisation_id_organisation'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_generated_document'))
    )
    with op.batch_alter_table('case_generated_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_generated_document_case_file_id'), ['case_file_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_generated_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_generated_document_case_file_id'))

    op.drop_table('case_generated_document')
