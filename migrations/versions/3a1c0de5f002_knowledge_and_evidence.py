"""Knowledge base, capacity figures and evidence

Revision ID: 3a1c0de5f002
Revises: 3a1c0de5f001
Create Date: 2026-11-26 11:40:00

"""
from alembic import op
import sqlalchemy as sa

import app.core.db


# revision identifiers, used by Alembic.
revision = '3a1c0de5f002'
down_revision = '3a1c0de5f001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('knowledge_open_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=True),
    sa.Column('times_asked', sa.Integer(), nullable=False),
    sa.Column('last_asked_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_open_question')),
    sa.UniqueConstraint('key', name=op.f('uq_knowledge_open_question_key'))
    )
    op.create_table('capacity_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind in ('language_course_A1', 'language_course_A2', 'language_course_B1', 'language_course_B2', 'language_course_C1', 'daycare', 'school', 'housing')", name=op.f('ck_capacity_figure_kind')),
    sa.CheckConstraint('places >= 0', name=op.f('ck_capacity_figure_places')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_capacity_figure_recorded_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_capacity_figure_region_id_region'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_figure'))
    )
    with op.batch_alter_table('capacity_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capacity_figure_region_id'), ['region_id'], unique=False)

    op.create_table('knowledge_article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('audience', sa.String(length=10), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("audience in ('public', 'internal')", name=op.f('ck_knowledge_article_audience')),
    sa.CheckConstraint("status in ('draft', 'in_review', 'published')", name=op.f('ck_knowledge_article_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_knowledge_article_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_knowledge_article_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_knowledge_article_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_article'))
    )
    with op.batch_alter_table('knowledge_article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_article_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_article_status'), ['status'], unique=False)

    op.create_table('knowledge_article_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('tags', sa.String(length=500), nullable=False),
    sa.Column('synonyms', sa.String(length=500), nullable=False),
    sa.Column('source_number', sa.Integer(), nullable=True),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['knowledge_article.id'], name=op.f('fk_knowledge_article_version_article_id_knowledge_article'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['edited_by_id'], ['user.id'], name=op.f('fk_knowledge_article_version_edited_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_article_version')),
    sa.UniqueConstraint('article_id', 'number', name=op.f('uq_knowledge_article_version_article_id_number'))
    )
    with op.batch_alter_table('knowledge_article_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_article_version_article_id'), ['article_id'], unique=False)

    op.create_table('knowledge_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('created_at', app.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['knowledge_article.id'], name=op.f('fk_knowledge_feedback_article_id_knowledge_article'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_feedback'))
    )
    with op.batch_alter_table('knowledge_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_feedback_article_id'), ['article_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('knowledge_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_feedback_article_id'))

    op.drop_table('knowledge_feedback')
    with op.batch_alter_table('knowledge_article_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_article_version_article_id'))

    op.drop_table('knowledge_article_version')
    with op.batch_alter_table('knowledge_article', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_article_status'))
        batch_op.drop_index(batch_op.f('ix_knowledge_article_region_id'))

    op.drop_table('knowledge_article')
    with op.batch_alter_table('capacity_figure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capacity_figure_region_id'))

    op.drop_table('capacity_figure')
    op.drop_table('knowledge_open_question')
