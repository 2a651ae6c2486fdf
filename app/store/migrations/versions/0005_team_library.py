"""Team library: the schema the same on PostgreSQL as on SQLite.

Revision ID: 0005_team_library
Revises: 0004_media_identity
Create Date: 2026-12-07

- ``projects.media_size`` becomes BIGINT: a 3 GB video overflows PostgreSQL's int4 (SQLite
  stores any integer in one column type, so there the table is left alone).
- The partial unique indexes on one-sided media/transcript pairs get their PostgreSQL WHERE:
  without it, PostgreSQL made them plain unique indexes (a video in one project only).
- A line's row in its project is unique, ``(project_id, position)``: two reviewers' structural
  edits can never leave two lines on one row. Positions are first renumbered 0..n-1 in case an
  old library had a duplicate (none should).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_team_library"
down_revision: str | None = "0004_media_identity"
branch_labels: str | None = None
depends_on: str | None = None

RENUMBER = """
UPDATE lines SET position = (
    SELECT count(*) FROM lines AS earlier
    WHERE earlier.project_id = lines.project_id
      AND (earlier.position < lines.position
           OR (earlier.position = lines.position AND earlier.id < lines.id))
)
WHERE project_id IN (
    SELECT project_id FROM lines GROUP BY project_id, position HAVING count(*) > 1
)
"""


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.alter_column("projects", "media_size", type_=sa.BigInteger())
        op.drop_index("uq_projects_media_without_transcript", table_name="projects")
        op.drop_index("uq_projects_transcript_without_media", table_name="projects")
        op.create_index(
            "uq_projects_media_without_transcript",
            "projects",
            ["media_path"],
            unique=True,
            sqlite_where=sa.text("transcript_path IS NULL"),
            postgresql_where=sa.text("transcript_path IS NULL"),
        )
        op.create_index(
            "uq_projects_transcript_without_media",
            "projects",
            ["transcript_path"],
            unique=True,
            sqlite_where=sa.text("media_path IS NULL"),
            postgresql_where=sa.text("media_path IS NULL"),
        )
    op.execute(RENUMBER)
    op.drop_index("ix_lines_project_id_position", table_name="lines")
    op.create_index(
        "uq_lines_project_id_position", "lines", ["project_id", "position"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_lines_project_id_position", table_name="lines")
    op.create_index("ix_lines_project_id_position", "lines", ["project_id", "position"])
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("projects", "media_size", type_=sa.Integer())
