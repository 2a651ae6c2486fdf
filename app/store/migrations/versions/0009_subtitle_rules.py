"""Subtitle rule profiles: nullable ``projects.subtitle_rules``.

Revision ID: 0009_subtitle_rules
Revises: 0008_line_origin
Create Date: 2026-12-07

The project's chosen profile (app.core.subtitle_rules) as compact JSON; NULL is the default,
"Transcript (no subtitle rules)", which is what every existing project was checked against.
One plain ADD COLUMN (no table copy on SQLite).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009_subtitle_rules"
down_revision: str | None = "0008_line_origin"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("subtitle_rules", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("subtitle_rules")
