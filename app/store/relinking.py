"""Pointing a project at its media's new place: the checks (same file, no other project with
that pair) and the row's new path and identity, in the caller's transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, update

from app.store.errors import ProjectExistsError
from app.store.media import MediaIdentity, identity_of
from app.store.models import projects
from app.store.project_rows import find_pair, read_project

__all__ = ["relink_row"]


def relink_row(
    conn: Connection,
    project_id: int,
    path: str,
    identity: MediaIdentity,
    *,
    force: bool,
    keep_path: bool,
) -> None:
    """Record ``path`` (normalised) and its ``identity`` for the project.

    A file of another size or first MiB than the known one is refused with ValueError unless
    ``force`` (then the duration is forgotten: it was the old file's); another project with the
    new pair raises ProjectExistsError. ``keep_path``: the row keeps its path (a shared library,
    where the new place is this machine's alone) and only the identity changes.
    """
    info = read_project(conn, project_id)
    known = identity_of(info)
    if known is not None and known != identity and not force:
        raise ValueError(f"{path}: this is not the same file (size/contents differ).")
    other = find_pair(conn, path, info.transcript_path)
    if other is not None and other != project_id:
        raise ProjectExistsError(other)
    values: dict[str, Any] = {
        "media_path": path,
        "media_size": identity.size,
        "media_head_sha256": identity.head_sha256,
    }
    if known is not None and known != identity:
        values["media_duration_ms"] = None
    if keep_path:
        del values["media_path"]  # the other machines keep theirs
    conn.execute(update(projects).where(projects.c.id == project_id).values(values))
