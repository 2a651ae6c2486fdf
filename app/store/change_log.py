"""Reading the change log: what changed since a seq (the live refresh), a line's history and a
project's audit trail (``proofreel history``).

The rows are written by triggers, never by this code: on PostgreSQL the server's own (revision
0011_change_log, actor = the login role), on SQLite the TEMP triggers of
app.store.change_log_sqlite (actor = Library.actor). Reads only, so they work on a read-only
library.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, or_, select

from app.core.change_words import describe
from app.store.engine import reading
from app.store.errors import LineNotFound, ProjectNotFound
from app.store.models import change_log as log
from app.store.models import highlights, lines, notes, projects

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["Change", "ChangeLog", "HistoryEntry"]

_COLUMNS = (
    log.c.seq,
    log.c.project_id,
    log.c.table_name,
    log.c.row_id,
    log.c.op,
    log.c.actor,
    log.c.at,
    log.c.detail,
)


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the log: ``op`` is insert, update or delete; ``detail`` what changed ("text",
    "timing", "status approved", a note's "note"/"reply"/"resolved", a highlight's tag)."""

    seq: int
    project_id: int | None
    table_name: str
    row_id: int | None
    op: str
    actor: str
    at: str
    detail: str | None

    @property
    def what(self) -> str:
        return describe(self.table_name, self.op, self.detail)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An entry of a project's audit trail: one change, or ``count`` lines added or deleted
    together (an import, a split: one log row for many, or a run of rows one a line), newest
    first. ``position`` and ``start_ms`` are of the line it is about (the run's first line)
    while that line exists, else None."""

    change: Change
    count: int = 1
    position: int | None = None
    start_ms: int | None = None


def _change(row: Any) -> Change:
    return Change(*row)


class ChangeLog:
    """The log of one Library; cheap to make, holds only the engine."""

    def __init__(self, library: Library) -> None:
        self._engine = library.engine

    def last_seq(self, project_id: int) -> int:
        """The project's newest seq (0: nothing logged yet); changes_since from it misses none."""
        query = select(func.max(log.c.seq)).where(log.c.project_id == project_id)
        with reading(self._engine) as conn:
            return int(conn.execute(query).scalar() or 0)

    def changes_since(self, project_id: int, seq: int, limit: int | None = None) -> list[Change]:
        """The project's changes after ``seq``, oldest first (at most ``limit``)."""
        query = (
            select(*_COLUMNS)
            .where(log.c.project_id == project_id, log.c.seq > seq)
            .order_by(log.c.seq)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            return [_change(row) for row in conn.execute(query)]

    def line_history(self, line_id: int) -> list[tuple[str, str, str]]:
        """(what, actor, at) of the line's changes, newest first, ending with "imported" (at the
        project's creation) for a line as imported: its text, times, speaker and statuses, each
        reviewer's marks, and its notes and highlights while they exist. A repeat of the entry
        before it (a reviewer's mark and the line's team status) is shown once."""
        with reading(self._engine) as conn:
            found = conn.execute(
                select(lines.c.origin, projects.c.created_at, lines.c.project_id)
                .join(projects, projects.c.id == lines.c.project_id)
                .where(lines.c.id == line_id)
            ).first()
            if found is None:
                raise LineNotFound(line_id)
            rows = [_change(row) for row in conn.execute(_line_query(line_id))]
            after_import = _after_import(conn, int(found[2]))
        first_insert = next(
            (c for c in reversed(rows) if c.table_name == "lines" and c.op == "insert"), None
        )
        # As imported: not made by a merge or split, nor added after the import (an insert).
        imported = found[0] is None and (
            first_insert is None or after_import is None or first_insert.seq < after_import
        )
        history: list[tuple[str, str, str]] = []
        for change in rows:
            if imported and change is first_insert:
                continue  # said as "imported" below
            entry = (change.what, change.actor, change.at)
            if history and history[-1][:2] == entry[:2]:
                continue
            history.append(entry)
        if imported:
            history.append(
                ("imported", "" if first_insert is None else first_insert.actor, str(found[1]))
            )
        return history

    def history(self, project_id: int, limit: int | None = None) -> list[HistoryEntry]:
        """The project's audit trail, newest first: at most ``limit`` entries, lines added or
        deleted together in one run counted as one entry."""
        with reading(self._engine) as conn:
            if (
                conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first()
                is None
            ):
                raise ProjectNotFound(project_id)
            entries: list[tuple[Change, int]] = []
            for change in _newest_first(conn, project_id):
                last = entries[-1] if entries else None
                if last is not None and _same_run(last[0], change):
                    # The run's oldest is kept: its first line.
                    entries[-1] = (change, last[1] + _lines_in(change))
                    continue
                if limit is not None and len(entries) == limit:
                    break
                entries.append((change, _lines_in(change)))
            return [_placed(conn, change, count) for change, count in entries]


def _after_import(conn: Connection, project_id: int) -> int | None:
    """The project's first seq that is not a line added: the import's rows all come before it
    (None: the log holds nothing else yet)."""
    not_added = ~and_(log.c.table_name == "lines", log.c.op == "insert")
    query = select(func.min(log.c.seq)).where(log.c.project_id == project_id, not_added)
    found = conn.execute(query).scalar()
    return None if found is None else int(found)


def _line_query(line_id: int) -> Any:
    of_line = or_(
        and_(log.c.table_name.in_(("lines", "line_reviews")), log.c.row_id == line_id),
        and_(
            log.c.table_name == "notes",
            log.c.row_id.in_(select(notes.c.id).where(notes.c.line_id == line_id)),
        ),
        and_(
            log.c.table_name == "highlights",
            log.c.row_id.in_(select(highlights.c.id).where(highlights.c.line_id == line_id)),
        ),
    )
    return select(*_COLUMNS).where(of_line).order_by(log.c.seq.desc())


def _newest_first(conn: Connection, project_id: int) -> Iterator[Change]:
    query = select(*_COLUMNS).where(log.c.project_id == project_id).order_by(log.c.seq.desc())
    result = conn.execution_options(yield_per=1000).execute(query)
    for row in result:
        yield _change(row)


def _lines_in(change: Change) -> int:
    """How many lines a lines insert or delete was about: a row for many says "N lines"."""
    if change.table_name == "lines" and change.detail and change.detail.endswith(" lines"):
        return int(change.detail.split()[0])
    return 1


def _same_run(newer: Change, older: Change) -> bool:
    return (
        newer.table_name == older.table_name == "lines"
        and newer.op == older.op
        and newer.op in ("insert", "delete")
        and newer.actor == older.actor
    )


def _placed(conn: Connection, change: Change, count: int) -> HistoryEntry:
    line_id = change.row_id
    if change.table_name in ("notes", "highlights") and line_id is not None:
        table = notes if change.table_name == "notes" else highlights
        line_id = conn.execute(select(table.c.line_id).where(table.c.id == line_id)).scalar()
    if line_id is None:
        return HistoryEntry(change, count)
    found = conn.execute(
        select(lines.c.position, lines.c.start_ms).where(lines.c.id == line_id)
    ).first()
    if found is None:
        return HistoryEntry(change, count)
    return HistoryEntry(change, count, int(found[0]), int(found[1]))
