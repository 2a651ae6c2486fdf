"""Review: the library's highlight tags (with the default set) and a key/value settings table.

Revision ID: 0003_tags
Revises: 0002_words
Create Date: 2024-12-12

Two new tables only, so lines, notes and highlights are not copied. The defaults are written out
here, not imported from app.core.review: this revision must not change if those defaults do.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_tags"
down_revision: str | None = "0002_words"
branch_labels: str | None = None
depends_on: str | None = None

DEFAULT_TAGS = (
    ("Quote", "#f9d65c"),
    ("Fact-check", "#7cc4f5"),
    ("Error", "#f28b82"),
    ("Unclear", "#c7a4f5"),
)


def upgrade() -> None:
    tags = op.create_table(
        "tags",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tags")),
    )
    op.bulk_insert(
        tags,
        [
            {"name": name, "color": color, "position": position}
            for position, (name, color) in enumerate(DEFAULT_TAGS)
        ],
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("tags")
