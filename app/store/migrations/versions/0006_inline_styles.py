"""Inline styling on lines: nullable ``styles`` (compact JSON runs), ``cue_id``, ``cue_settings``.

Revision ID: 0006_inline_styles
Revises: 0005_team_library
Create Date: 2026-12-07

Three plain ADD COLUMNs (no table copy on SQLite). Existing lines get NULL: no styling, no cue
id or settings, which is what their import kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_inline_styles"
down_revision: str | None = "0005_team_library"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.add_column(sa.Column("styles", sa.Text(), nullable=True))
        batch.add_column(sa.Column("cue_id", sa.Text(), nullable=True))
        batch.add_column(sa.Column("cue_settings", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.drop_column("cue_settings")
        batch.drop_column("cue_id")
        batch.drop_column("styles")
