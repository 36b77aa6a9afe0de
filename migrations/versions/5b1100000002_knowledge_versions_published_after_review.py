"""Knowledge article versions wait for review: published_at, published_by_id

Revision ID: 5b1100000002
Revises: 5b1100000001
Create Date: 2026-12-06 20:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '5b1100000002'
down_revision = '5b1100000001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('knowledge_article_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', app.core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('published_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_knowledge_article_version_published_by_id_user'), 'user', ['published_by_id'], ['id'], ondelete='SET NULL')
    # What readers see today stays live: every version of a published article counts as published
    # when it was saved; versions of drafts wait for review.
    op.execute(
        "UPDATE knowledge_article_version SET published_at = created_at WHERE article_id IN "
        "(SELECT id FROM knowledge_article WHERE status = 'published')"
    )


def downgrade() -> None:
    with op.batch_alter_table('knowledge_article_version', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_knowledge_article_version_published_by_id_user'), type_='foreignkey')
        batch_op.drop_column('published_by_id')
        batch_op.drop_column('published_at')
