"""A project's row in the projects table: find it by its file pair or its media's identity, read
it, list them all with their counts, insert, update and delete one.

Plain functions over a Connection (or the Engine, for a one-statement write), called by Library.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, case, func, insert, select, update
from sqlalchemy import delete as sql_delete

from app.core.threads import give_note_ids
from app.core.transcript import Metadata, Transcript
from app.store.change_log_sqlite import many_lines
from app.store.errors import ProjectNotFound
from app.store.media import MediaIdentity
from app.store.models import lines, projects
from app.store.types import ProjectInfo, ProjectSummary

__all__ = [
    "delete_project",
    "find_by_identity",
    "find_pair",
    "give_ids",
    "insert_project",
    "list_projects",
    "normal_path",
    "read_project",
    "update_project",
]


def normal_path(path: str | None) -> str | None:
    """Absolute, normalised path, so the same pair is found whichever way it was typed.

    URLs (a stream the player can open) are kept as given; "" means no file.
    """
    if not path:
        return None
    if "://" in path:
        return path
    return os.path.abspath(os.path.expanduser(path))


def find_pair(conn: Connection, media: str | None, source: str | None) -> int | None:
    """The project with exactly this media and transcript (normalised paths), if any."""
    if media is None and source is None:
        return None  # a project with neither file is not the "same" as any other
    # IS, not =: "no media" must match a stored NULL (a UNIQUE index alone treats NULLs
    # as all different).
    stmt = select(projects.c.id).where(
        projects.c.media_path.is_not_distinct_from(media),
        projects.c.transcript_path.is_not_distinct_from(source),
    )
    return conn.scalars(stmt).first()


def find_by_identity(conn: Connection, identity: MediaIdentity, transcript_name: str) -> int | None:
    """The project whose media is this very file (size and head hash): the only one, else the
    one whose transcript has this file name."""
    query = select(projects.c.id, projects.c.transcript_path).where(
        projects.c.media_size == identity.size,
        projects.c.media_head_sha256 == identity.head_sha256,
    )
    found = conn.execute(query.order_by(projects.c.id)).all()
    if len(found) == 1:
        return int(found[0][0])
    named = [row[0] for row in found if os.path.basename(row[1] or "") == transcript_name]
    return int(named[0]) if len(named) == 1 else None


def list_projects(conn: Connection) -> list[ProjectSummary]:
    """Every project, most recently opened first, with its line and reviewed counts."""
    reviewed = func.coalesce(func.sum(case((lines.c.status != "unreviewed", 1), else_=0)), 0)
    stmt = (
        select(
            projects.c.id,
            projects.c.title,
            projects.c.media_path,
            projects.c.transcript_path,
            func.count(lines.c.id),
            reviewed,
            projects.c.opened_at,
            projects.c.created_at,
        )
        .select_from(projects.outerjoin(lines, lines.c.project_id == projects.c.id))
        .group_by(projects.c.id)
        .order_by(projects.c.opened_at.desc(), projects.c.id.desc())
    )
    return [ProjectSummary(*row) for row in conn.execute(stmt)]


def read_project(conn: Connection, project_id: int) -> ProjectInfo:
    """The project's row as stored (its media path as the library has it); ProjectNotFound."""
    # A deleted line leaves last_line_id dangling (there is no FK); report it as None.
    live_line = (
        select(lines.c.id)
        .where(lines.c.id == projects.c.last_line_id, lines.c.project_id == projects.c.id)
        .scalar_subquery()
    )
    row = (
        conn.execute(
            select(projects, live_line.label("live_line_id")).where(projects.c.id == project_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise ProjectNotFound(project_id)
    return ProjectInfo(
        id=row["id"],
        title=row["title"],
        media_path=row["media_path"],
        transcript_path=row["transcript_path"],
        source_format=row["source_format"],
        metadata=Metadata(row["description"], list(row["tags"] or []), row["category"]),
        media_duration_ms=row["media_duration_ms"],
        last_position_ms=row["last_position_ms"],
        last_line_id=row["live_line_id"],
        created_at=row["created_at"],
        opened_at=row["opened_at"],
        media_size=row["media_size"],
        media_head_sha256=row["media_head_sha256"],
        subtitle_rules=row["subtitle_rules"],
    )


def insert_project(
    conn: Connection,
    transcript: Transcript,
    media: str | None,
    source: str | None,
    source_format: str,
    now: str,
) -> int:
    """A new project row for ``transcript`` (its lines are not inserted here); its id."""
    meta = transcript.metadata
    project_id: int = conn.execute(
        insert(projects).returning(projects.c.id),
        {
            "title": transcript.title,
            "media_path": media,
            "transcript_path": source,
            "source_format": source_format,
            "description": meta.description,
            "category": meta.category,
            "tags": list(meta.tags),
            "media_duration_ms": transcript.media.duration_ms if transcript.media else None,
            "created_at": now,
            "opened_at": now,
            "last_position_ms": 0,
        },
    ).scalar_one()
    return project_id


def give_ids(
    transcript: Transcript,
    line_ids: Sequence[int],
    note_ids: Sequence[int],
    highlight_ids: Sequence[int],
    now: str,
) -> None:
    """Give a stored transcript's lines, notes and highlights their new ids and times, so it
    equals what Library.load_transcript returns. Call only after the commit."""
    highlight_iter = iter(highlight_ids)
    give_note_ids([note for line in transcript.lines for note in line.notes], note_ids)
    for line, line_id in zip(transcript.lines, line_ids, strict=True):
        line.id = line_id
        if line.original_text == line.text:
            line.original_text = None
        for note in line.notes:
            note.created_at = note.created_at or now
            note.updated_at = note.updated_at or note.created_at
        for highlight in line.highlights:
            highlight.id = next(highlight_iter)


def update_project(engine: Engine, project_id: int, **values: Any) -> None:
    """Set columns of the project's row, in one transaction; ProjectNotFound."""
    with engine.begin() as conn:
        done = conn.execute(update(projects).where(projects.c.id == project_id).values(values))
        if done.rowcount == 0:
            raise ProjectNotFound(project_id)


def delete_project(engine: Engine, project_id: int) -> None:
    """Delete the project's row; its lines, notes and highlights go with it (FK cascade)."""
    with engine.begin() as conn:
        count = conn.execute(
            select(func.count()).select_from(lines).where(lines.c.project_id == project_id)
        ).scalar_one()
        # One change-log row for its lines on SQLite, as the server's statement trigger writes.
        with many_lines(conn, project_id, "delete", count):
            done = conn.execute(sql_delete(projects).where(projects.c.id == project_id))
        if done.rowcount == 0:
            raise ProjectNotFound(project_id)
