"""The tables, as typed declarative models.

Schema changes go through a new Alembic revision in ``migrations/versions``; a test compares these
models with the migrated schema so the two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so batch migrations on SQLite can find and alter them later.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Project(Base):
    __tablename__ = "projects"
    # AUTOINCREMENT: a deleted row's id is never handed out again, so ids stay stable.
    __table_args__ = (
        UniqueConstraint("media_path", "transcript_path"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="", server_default="")
    media_path: Mapped[str | None] = mapped_column(Text)
    transcript_path: Mapped[str | None] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(32), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    category: Mapped[str] = mapped_column(Text, default="", server_default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    media_duration_ms: Mapped[int | None] = mapped_column(Integer)
    # Which file the media is (app.store.media): NULL until the file was first seen. BIGINT on
    # PostgreSQL (a 3 GB video overflows int4); SQLite's INTEGER holds 64 bits already.
    media_size: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    media_head_sha256: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[str] = mapped_column(String(32))
    last_position_ms: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # No FK: lines and projects would reference each other; the library checks it on read.
    last_line_id: Mapped[int | None] = mapped_column(Integer)
    # The subtitle rule profile the checks use (app.core.subtitle_rules, as JSON); NULL: none.
    subtitle_rules: Mapped[str | None] = mapped_column(Text)


# SQLite and PostgreSQL treat NULLs as distinct in a UNIQUE constraint, so (NULL, "/a.srt")
# could repeat. Two partial indexes cover the one-sided pairs; a project with neither file stays
# unconstrained. (One index over coalesce() would do, but Alembic cannot reflect expression
# indexes on SQLite.) Each WHERE is given per dialect: a dialect without one gets a plain index.
Index(
    "uq_projects_transcript_without_media",
    Project.transcript_path,
    unique=True,
    sqlite_where=Project.media_path.is_(None),
    postgresql_where=Project.media_path.is_(None),
)
Index(
    "uq_projects_media_without_transcript",
    Project.media_path,
    unique=True,
    sqlite_where=Project.transcript_path.is_(None),
    postgresql_where=Project.transcript_path.is_(None),
)


class LineRow(Base):
    __tablename__ = "lines"
    __table_args__ = (
        # One line per row: structural edits renumber in two steps (app.store.edit_structure).
        Index("uq_lines_project_id_position", "project_id", "position", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    end_inferred: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    speaker: Mapped[str] = mapped_column(Text, default="", server_default="")
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str] = mapped_column(Text)  # equals text until someone edits it
    status: Mapped[str] = mapped_column(
        String(16), default="unreviewed", server_default="unreviewed"
    )
    # Word timings as compact JSON, [[start_ms, end_ms, text, confidence], ...]; NULL when the
    # source had none (most imports), so ordinary lines cost nothing to store or load.
    words: Mapped[str | None] = mapped_column(Text)
    # Inline styling runs as compact JSON [[start, end, kind, value?], ...] (app.core.styling),
    # and a WebVTT cue's id and settings as written; NULL when the source had none.
    styles: Mapped[str | None] = mapped_column(Text)
    cue_id: Mapped[str | None] = mapped_column(Text)
    cue_settings: Mapped[str | None] = mapped_column(Text)
    # One more on every text, timing or speaker write; a stale one is refused (app.store.versions)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The times as imported, kept at the first timing change (NULL: never re-timed).
    original_start_ms: Mapped[int | None] = mapped_column(Integer)
    original_end_ms: Mapped[int | None] = mapped_column(Integer)
    # What a merge or a split made the line from, as JSON (app.store.line_words.origin_json); NULL
    # for a line as imported.
    origin: Mapped[str | None] = mapped_column(Text)


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("lines.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    # A reply's note (NULL: the first note of a thread); a thread is resolved on its first note.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), index=True
    )
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[str | None] = mapped_column(String(32))


class HighlightRow(Base):
    __tablename__ = "highlights"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("lines.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    tag: Mapped[str] = mapped_column(Text, default="", server_default="")
    color: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[str | None] = mapped_column(String(32))


class LineReviewRow(Base):
    """One reviewer's own mark of a line; ``lines.status`` is the team's state read from these
    by the library's "done" rule. Reviewer "" holds the marks made before there were reviewers."""

    __tablename__ = "line_reviews"

    line_id: Mapped[int] = mapped_column(
        ForeignKey("lines.id", ondelete="CASCADE"), primary_key=True
    )
    reviewer: Mapped[str] = mapped_column(Text, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(32), default="", server_default="")


class ChangeLogRow(Base):
    """The append-only log of changes to lines, notes, highlights and reviews: what the live
    refresh catches up from (by ``seq``) and the project's audit trail. No foreign keys."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_project_id_seq", "project_id", "seq"),
        Index("ix_change_log_table_name_row_id", "table_name", "row_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    project_id: Mapped[int | None] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[int | None] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8))  # insert, update, delete
    actor: Mapped[str] = mapped_column(Text, default="", server_default="")
    at: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)


class PresenceRow(Base):
    """Who is editing which stretch of a project (ms), until ``expires_at``: a hint, no lock."""

    __tablename__ = "presence"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    actor: Mapped[str] = mapped_column(Text, primary_key=True)
    first_ms: Mapped[int] = mapped_column(Integer)
    last_ms: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[str] = mapped_column(String(32))


class AudioMarkRow(Base):
    """A project's second opinion, kept: the recognition pass its marks and audio checks are
    worked out from (JSON, app.asr.passes), with the model, when and by whom. One per project; a
    new second opinion replaces it. The marks themselves are not stored: they follow the lines
    as they are edited, so they are worked out again from the pass."""

    __tablename__ = "audio_marks"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")
    made_at: Mapped[str] = mapped_column(String(32))
    made_by: Mapped[str] = mapped_column(Text, default="", server_default="")
    heard: Mapped[str] = mapped_column(Text)


class QuoteRow(Base):
    """A quote copied from a project (the Quotes list, kept), by its author: the lines quoted by
    id (JSON), the character span (NULL: whole lines) and the quote as copied (JSON), which
    the window redoes against the lines as they are when the project opens."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_project_id_author", "project_id", "author"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    made_at: Mapped[str] = mapped_column(String(32))
    line_ids: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_char: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quote: Mapped[str] = mapped_column(Text)


class TagRow(Base):
    """The library's highlight tags, in the order the UI offers them (gaps allowed)."""

    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    color: Mapped[str] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SettingRow(Base):
    """Per-library preferences as text (key bindings, ...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Core handles for bulk work: plain tuples in and out, no ORM objects per line.
projects = Base.metadata.tables["projects"]
lines = Base.metadata.tables["lines"]
notes = Base.metadata.tables["notes"]
highlights = Base.metadata.tables["highlights"]
tags = Base.metadata.tables["tags"]
settings = Base.metadata.tables["settings"]
line_reviews = Base.metadata.tables["line_reviews"]
change_log = Base.metadata.tables["change_log"]
presence = Base.metadata.tables["presence"]
audio_marks = Base.metadata.tables["audio_marks"]
quotes = Base.metadata.tables["quotes"]
