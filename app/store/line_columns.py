"""Setting one text column (status, speaker) on many lines and putting it back exactly: the
shape both review statuses and speakers take, so undo works the same for both."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Connection, select, update

from app.store.edit_reads import chunks
from app.store.errors import LineNotFound
from app.store.models import lines

__all__ = ["restore_column", "set_column"]


def _values(column: Column[Any], value: str, versioned: bool) -> dict[str, Any]:
    values: dict[str, Any] = {column.name: value}
    if versioned:  # a speaker write counts as a change of the line (app.store.versions)
        values["version"] = lines.c.version + 1
    return values


def set_column(
    conn: Connection,
    column: Column[Any],
    line_ids: Sequence[int],
    value: str,
    *,
    versioned: bool = False,
) -> dict[int, str]:
    """Give the lines ``value``; return each line's previous value (LineNotFound for missing
    ids, nothing changed then: the caller's transaction rolls back). ``versioned``: each line
    changed gets one more version."""
    wanted = list(dict.fromkeys(line_ids))
    previous: dict[int, str] = {}
    for part in chunks(wanted):
        query = select(lines.c.id, column).where(lines.c.id.in_(part))
        previous.update((row[0], row[1]) for row in conn.execute(query))
    missing = [i for i in wanted if i not in previous]
    if missing:
        raise LineNotFound(missing)
    changing = [i for i in wanted if previous[i] != value]
    for part in chunks(changing):
        conn.execute(
            update(lines).where(lines.c.id.in_(part)).values(_values(column, value, versioned))
        )
    return previous


def restore_column(
    conn: Connection, column: Column[Any], previous: Mapping[int, str], *, versioned: bool = False
) -> None:
    """Put the values back as set_column returned them: one UPDATE per distinct value, written
    as given (undo must restore even a value an old import left)."""
    by_value: dict[str, list[int]] = {}
    for line_id, value in previous.items():
        by_value.setdefault(value, []).append(line_id)
    for value, ids in by_value.items():
        for part in chunks(ids):
            stmt = (
                update(lines).where(lines.c.id.in_(part)).values(_values(column, value, versioned))
            )
            if conn.execute(stmt).rowcount != len(part):
                known = set(conn.scalars(select(lines.c.id).where(lines.c.id.in_(part))))
                raise LineNotFound([i for i in part if i not in known])
