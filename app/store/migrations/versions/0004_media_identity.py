"""Media identity: the media file's size and a SHA-256 of its first MiB, to find it when moved.

Revision ID: 0004_media_identity
Revises: 0003_tags
Create Date: 2024-12-19

Two nullable ADD COLUMNs, done in place by SQLite (no table copy). Existing projects get NULL and
have the values filled in the first time their media file is found.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_media_identity"
down_revision: str | None = "0003_tags"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("media_size", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("media_head_sha256", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("media_head_sha256")
        batch.drop_column("media_size")
