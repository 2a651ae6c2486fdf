"""The reads EditStore's parts share: ids a chunk at a time, and the project check."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, select

from app.store.errors import ProjectNotFound
from app.store.models import projects

__all__ = ["CHUNK", "check_project", "chunks"]

CHUNK = 500  # ids per IN (...)


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def check_project(conn: Connection, project_id: int) -> None:
    if conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first() is None:
        raise ProjectNotFound(project_id)
