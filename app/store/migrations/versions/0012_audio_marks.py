"""A project's second opinion kept: the marks the audio disagrees with and the audio checks
survive closing the project.

Revision ID: 0012_audio_marks
Revises: 0011_change_log
Create Date: 2026-12-07

- ``audio_marks``: one row per project, the recognition pass the second opinion's marks are
  worked out from (``heard``: JSON of the heard words with their times and probabilities, and
  the voice detector's speech), with the model, the language, when (``made_at``) and who ran it
  (``made_by``). A new second opinion replaces the row; deleting the project deletes it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012_audio_marks"
down_revision: str | None = "0011_change_log"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "audio_marks",
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey(
                "projects.id", name="fk_audio_marks_project_id_projects", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("model", sa.Text(), nullable=False, server_default=""),
        sa.Column("language", sa.String(16), nullable=False, server_default=""),
        sa.Column("made_at", sa.String(32), nullable=False),
        sa.Column("made_by", sa.Text(), nullable=False, server_default=""),
        sa.Column("heard", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("project_id", name="pk_audio_marks"),
    )


def downgrade() -> None:
    op.drop_table("audio_marks")
