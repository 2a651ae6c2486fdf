"""A project kept aside and brought back: the copy made before a delete (the whole SQLite file,
or the project alone from a server), and the rows of a project restored from such a copy.

Plain functions, called by Library.delete_project_with_backup and Library.restore_project_from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from app.core.transcript import Transcript
from app.store.bulk import insert_annotations, insert_lines
from app.store.copying import copy_library
from app.store.engine import default_db_path
from app.store.migrate import backup
from app.store.models import projects
from app.store.postgres import ids_given
from app.store.types import ProjectInfo, utc_now

__all__ = ["copy_before_delete", "restore_rows"]


def copy_before_delete(path: Path | None, url: str, engine: Engine, project_id: int) -> Path | None:
    """The library file's copy (``backups/…-before-delete-<id>``); on a server, the project
    alone copied into an SQLite file on this machine; None for a library with neither."""
    if path is not None:
        return backup(path, label=f"before-delete-{project_id}")
    if engine.dialect.name != "postgresql":
        return None
    folder = default_db_path().parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = utc_now().replace(":", "").replace("-", "").replace(".", "")
    name = engine.url.database or "library"
    copy = folder / f"{name}-{stamp}-before-delete-{project_id}.sqlite3"
    copy_library(url, str(copy), project_ids=[project_id])
    return copy


def restore_rows(
    conn: Connection, info: ProjectInfo, transcript: Transcript, project_id: int
) -> int:
    """Insert the project read from a backup, with its lines, notes and highlights; keep its id
    where it is still free. Returns the project's id here."""
    values: dict[str, Any] = {
        "title": info.title,
        "media_path": info.media_path,
        "transcript_path": info.transcript_path,
        "source_format": info.source_format,
        "description": info.metadata.description,
        "category": info.metadata.category,
        "tags": list(info.metadata.tags),
        "media_duration_ms": info.media_duration_ms,
        "media_size": info.media_size,
        "media_head_sha256": info.media_head_sha256,
        "created_at": info.created_at,
        "opened_at": info.opened_at,
        "last_position_ms": info.last_position_ms,
        "subtitle_rules": info.subtitle_rules,
    }
    taken = conn.scalar(select(func.count()).where(projects.c.id == project_id))
    if not taken:
        values["id"] = project_id
    new_id: int = conn.execute(insert(projects).returning(projects.c.id), values).scalar_one()
    if "id" in values:
        ids_given(conn, projects.name)
    line_ids = insert_lines(conn, new_id, transcript.lines)
    insert_annotations(conn, transcript.lines, line_ids, utc_now())
    old_ids = [line.id for line in transcript.lines]
    last_line = dict(zip(old_ids, line_ids, strict=True)).get(info.last_line_id)
    conn.execute(update(projects).where(projects.c.id == new_id).values(last_line_id=last_line))
    return new_id
