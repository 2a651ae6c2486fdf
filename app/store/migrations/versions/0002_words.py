"""Word timings on lines: a nullable ``words`` TEXT column (compact JSON).

Revision ID: 0002_words
Revises: 0001
Create Date: 2024-12-05

A plain ADD COLUMN: SQLite does it in place, without copying the table, so even a library with
millions of lines migrates in an instant. Existing lines get NULL: no word timings.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_words"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.add_column(sa.Column("words", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.drop_column("words")
