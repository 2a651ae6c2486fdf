"""The Quotes list kept: what a fact-checker copied as quotes survives closing the project.

Revision ID: 0013_quotes
Revises: 0012_audio_marks
Create Date: 2026-12-07

- ``quotes``: one row per quote copied, in a project, by its author (on a team server the login
  role: each reviewer has a list of their own), with when (``made_at``), the lines quoted by id
  (``line_ids``, JSON), the character span in the first and last line (NULL: whole lines) and
  the quote as it was copied (``quote``, JSON), kept for when its lines are gone. Deleting the
  project deletes its quotes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013_quotes"
down_revision: str | None = "0012_audio_marks"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("projects.id", name="fk_quotes_project_id_projects", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("author", sa.Text(), nullable=False, server_default=""),
        sa.Column("made_at", sa.String(32), nullable=False),
        sa.Column("line_ids", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=True),
        sa.Column("end_char", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
    )
    op.create_index("ix_quotes_project_id_author", "quotes", ["project_id", "author"])


def downgrade() -> None:
    op.drop_index("ix_quotes_project_id_author", table_name="quotes")
    op.drop_table("quotes")
