"""What a merged or split line was made of, for the Changes list.

Revision ID: 0008_line_origin
Revises: 0007_line_versions
Create Date: 2026-12-07

- ``lines.origin``: NULL for a line as imported (or only re-worded, re-timed); for a line a merge
  or a split made, compact JSON ``{"kind": "merged" | "split", "lines": [[start_ms, end_ms,
  text], ...]}``: the lines as imported it was made from (app.core.transcript.Origin). A merge
  leaves no row of the lines it joined, so without this nothing would say it happened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008_line_origin"
down_revision: str | None = "0007_line_versions"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.add_column(sa.Column("origin", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lines") as batch:
        batch.drop_column("origin")
