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
    pass


def downgrade() -> None:
    pass
