"""Team library, part 2, step 1: line versions for conditional writes.

Revision ID: 0007_line_versions
Revises: 0006_inline_styles
Create Date: 2026-12-07

- ``lines.version`` (1 for every existing line): a text, timing or speaker write is refused when
  the line changed since it was read (app.store.versions).
- ``lines.original_start_ms`` / ``original_end_ms``: NULL until the line's times first change,
  then the times as imported (for a Changes list of timing changes).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_line_versions"
down_revision: str | None = "0006_inline_styles"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("original_start_ms", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("original_end_ms", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.drop_column("original_end_ms")
        batch.drop_column("original_start_ms")
        batch.drop_column("version")
