"""Knowledge articles name their topic and their source: topic, source_name, source_url

Revision ID: 5b1400000005
Revises: 5b1400000006
Create Date: 2026-12-07 02:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1400000005'
down_revision = '5b1400000006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('knowledge_article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('topic', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('source_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('source_url', sa.String(length=500), nullable=True))
        batch_op.create_index(batch_op.f('ix_knowledge_article_topic'), ['topic'], unique=False)


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch: a batch rebuilds the table on
    # SQLite, and dropping the old knowledge_article would cascade to every article's versions.
    op.drop_index(op.f('ix_knowledge_article_topic'), table_name='knowledge_article')
    op.drop_column('knowledge_article', 'source_url')
    op.drop_column('knowledge_article', 'source_name')
    op.drop_column('knowledge_article', 'topic')
