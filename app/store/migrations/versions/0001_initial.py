"""Initial schema: projects, lines, notes, highlights.

Revision ID: 0001
Revises:
Create Date: 2024-11-28

Written out in full rather than imported from app.store.models: a migration is a record of the
schema at one point in time, and must not change when the models change later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), server_default="", nullable=False),
        sa.Column("media_path", sa.Text(), nullable=True),
        sa.Column("transcript_path", sa.Text(), nullable=True),
        sa.Column("source_format", sa.String(length=32), server_default="", nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("category", sa.Text(), server_default="", nullable=False),
        sa.Column("tags", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("media_duration_ms", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("opened_at", sa.String(length=32), nullable=False),
        sa.Column("last_position_ms", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_line_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint(
            "media_path", "transcript_path", name=op.f("uq_projects_media_path_transcript_path")
        ),
        sqlite_autoincrement=True,
    )
    # NULLs are distinct to UNIQUE: these partial indexes make one-sided pairs unique too.
    op.create_index(
        "uq_projects_media_without_transcript",
        "projects",
        ["media_path"],
        unique=True,
        sqlite_where=sa.text("transcript_path IS NULL"),
    )
    op.create_index(
        "uq_projects_transcript_without_media",
        "projects",
        ["transcript_path"],
        unique=True,
        sqlite_where=sa.text("media_path IS NULL"),
    )
    op.create_table(
        "lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_ms", sa.Integer(), nullable=False),
        sa.Column("end_ms", sa.Integer(), nullable=False),
        sa.Column("end_inferred", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("speaker", sa.Text(), server_default="", nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("original_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="unreviewed", nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_lines_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lines")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_lines_project_id_position", "lines", ["project_id", "position"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.Text(), server_default="", nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["line_id"], ["lines.id"], name=op.f("fk_notes_line_id_lines"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_notes_line_id"), "notes", ["line_id"])
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("tag", sa.Text(), server_default="", nullable=False),
        sa.Column("color", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["lines.id"],
            name=op.f("fk_highlights_line_id_lines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_highlights")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_highlights_line_id"), "highlights", ["line_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_highlights_line_id"), table_name="highlights")
    op.drop_table("highlights")
    op.drop_index(op.f("ix_notes_line_id"), table_name="notes")
    op.drop_table("notes")
    op.drop_index("ix_lines_project_id_position", table_name="lines")
    op.drop_table("lines")
    op.drop_index("uq_projects_transcript_without_media", table_name="projects")
    op.drop_index("uq_projects_media_without_transcript", table_name="projects")
    op.drop_table("projects")
