"""Team library, part 2: who did what, note threads, each reviewer's own mark, a change log and
presence.

Revision ID: 0010_team_review
Revises: 0009_subtitle_rules
Create Date: 2026-12-07

- ``notes.parent_id`` (a reply's note; NULL for a thread's first note), ``resolved_by`` and
  ``resolved_at`` (NULL: open).
- ``highlights.author`` and ``created_at`` (who made it, when; "" and NULL for older ones).
- ``line_reviews``: each reviewer's own approve/flag of a line, with when. ``lines.status`` stays
  the line's team state as the "done" rule reads the reviews. The marks made before this revision
  have no reviewer: they are kept as the reviewer "" (unknown), so no mark is lost.
- ``change_log``: one row per change to lines, notes, highlights and reviews (seq, project, table,
  row, op, actor, time, what): the live refresh reads it from the last seq it saw, and it is the
  project's audit trail. No foreign key: the log outlives what it describes.
- ``presence``: who is editing which stretch of a project, until when (a hint that expires).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010_team_review"
down_revision: str | None = "0009_subtitle_rules"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("resolved_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("resolved_at", sa.String(32), nullable=True))
        batch.create_foreign_key(
            "fk_notes_parent_id_notes", "notes", ["parent_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_notes_parent_id", ["parent_id"])
    with op.batch_alter_table("highlights") as batch:
        batch.add_column(sa.Column("author", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("created_at", sa.String(32), nullable=True))
    op.create_table(
        "line_reviews",
        sa.Column(
            "line_id",
            sa.Integer(),
            sa.ForeignKey("lines.id", name="fk_line_reviews_line_id_lines", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("at", sa.String(32), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("line_id", "reviewer", name="pk_line_reviews"),
    )
    op.execute(
        "INSERT INTO line_reviews (line_id, reviewer, status, at) "
        "SELECT id, '', status, '' FROM lines WHERE status <> 'unreviewed'"
    )
    op.create_table(
        "change_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False, server_default=""),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name="pk_change_log"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_log_project_id_seq", "change_log", ["project_id", "seq"])
    op.create_table(
        "presence",
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey(
                "projects.id", name="fk_presence_project_id_projects", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("first_ms", sa.Integer(), nullable=False),
        sa.Column("last_ms", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "actor", name="pk_presence"),
    )


def downgrade() -> None:
    op.drop_table("presence")
    op.drop_index("ix_change_log_project_id_seq", table_name="change_log")
    op.drop_table("change_log")
    op.drop_table("line_reviews")
    with op.batch_alter_table("highlights") as batch:
        batch.drop_column("created_at")
        batch.drop_column("author")
    with op.batch_alter_table("notes") as batch:
        batch.drop_index("ix_notes_parent_id")
        batch.drop_constraint("fk_notes_parent_id_notes", type_="foreignkey")
        batch.drop_column("resolved_at")
        batch.drop_column("resolved_by")
        batch.drop_column("parent_id")
