"""Every skill row keeps the taxonomy id its words map to, so rounds hand the engine ids

Revision ID: 5b1400000001
Revises: 5b1300000002
Create Date: 2026-12-07 02:30:00.000000

A data migration: the columns exist, but rows written by the demo, by imports and by older code
may hold no id (or one from an older taxonomy). Each distinct text is looked up once, and rows
whose stored id differs from what the engine finds today are updated. From now on the models
store the id whenever a row is saved (``app.core.taxonomy.keep_taxonomy_id``).
"""
from alembic import op
import sqlalchemy as sa

from matching.taxonomy import normalise_skill


# revision identifiers, used by Alembic.
revision = '5b1400000001'
down_revision = '5b1300000002'
branch_labels = None
depends_on = None

SKILL_TABLES = ('person_skill', 'offer_skill')


def _fill(table_name: str) -> None:
    table = sa.table(
        table_name, sa.column('taxonomy_id', sa.String), sa.column('original_text', sa.String)
    )
    connection = op.get_bind()
    texts = connection.scalars(sa.select(table.c.original_text).distinct()).all()
    for text in texts:
        found = normalise_skill((text or '').strip()).id
        connection.execute(
            sa.update(table)
            .where(table.c.original_text == text)
            .where(table.c.taxonomy_id.is_distinct_from(found))
            .values(taxonomy_id=found)
        )


def upgrade() -> None:
    for table_name in SKILL_TABLES:
        _fill(table_name)


def downgrade() -> None:
    # The ids stay: they are what the words map to, and the older code reads them as well.
    pass
