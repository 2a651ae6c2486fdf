"""What others changed in a project since this reader last looked, read from the change log.

The change log (``change_log``: seq, project, table, row, op, actor, time, detail) gets a row for
every insert, update and delete of a project's lines, notes, highlights and reviews, written by
triggers (revision 0011_change_log; app.store.change_log_sqlite on SQLite). A
:class:`LiveReader` follows one project: :meth:`LiveReader.poll` reads the entries past the last
it took (:class:`app.core.seq_window.SeqWindow`: out-of-order commits are not missed), works out
which lines they touch and reads those lines as they are now, with their versions, in the same
transaction. The UI compares them with what it shows: a change it made itself is already there,
so nothing is applied twice. A touched line that is there but not shown (inserted), or shown but
no longer there (deleted), asks for the whole transcript again, and so does an entry for many
lines at once (an import or a delete in bulk names no line: ``detail`` says "2500 lines").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from app.core.seq_window import SeqWindow
from app.core.transcript import Line
from app.store import safety
from app.store.bulk_read import read_lines
from app.store.edit_reads import chunks
from app.store.engine import reading
from app.store.models import change_log, highlights, lines, notes

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["LiveReader", "Refresh"]

#: tables whose rows hang off a line through ``line_id``
_ITEM_TABLES = {"notes": notes, "highlights": highlights}
#: a note or highlight already deleted: which shown line had it ("notes"/"highlights", id)
ItemOwner = Callable[[str, int], int | None]


@dataclass(frozen=True)
class Refresh:
    """The lines touched by new entries, as they are now."""

    lines: list[Line] = field(default_factory=list)  # with notes, highlights and status
    versions: dict[int, int] = field(default_factory=dict)  # line id -> version now
    touched: frozenset[int] = frozenset()  # every line id the entries name (gone ones too)
    #: lines came or went in bulk (no ids named): the project's line ids now, in order, for the
    #: UI to compare with what it shows (and read the whole transcript again if they differ)
    order: list[int] | None = None
    entries: int = 0  # how many log entries this covers
    actors: tuple[str, ...] = ()  # who made them
    times: tuple[str, ...] = ()  # when each entry was made (ISO 8601, UTC), oldest first


def _line_of_detail(detail: str | None) -> int | None:
    if not detail:
        return None
    try:
        found = json.loads(detail)
    except ValueError:
        return None
    value = found.get("line_id") if isinstance(found, dict) else None
    return value if isinstance(value, int) else None


class LiveReader:
    """Follows one project's change log for one Library (its own connections)."""

    def __init__(self, library: Library, project_id: int) -> None:
        """Follow from the seq the library's last load of the project saw (a change committed
        since that read is taken; one taken twice is harmless: the window compares), else from
        the newest seq now."""
        self.engine = library.engine
        self.where = str(library)  # for the errors' words
        self.project_id = project_id
        floor = library.loaded_seq.get(project_id)
        if floor is None:
            query = select(func.max(change_log.c.seq)).where(change_log.c.project_id == project_id)
            with reading(self.engine) as conn:
                floor = int(conn.execute(query).scalar() or 0)
        self.window = SeqWindow(floor)

    @property
    def seq(self) -> int:
        """Every entry up to this one has been taken."""
        return self.window.floor

    def poll(self, owner: ItemOwner) -> Refresh | None:
        """The lines changed since the last poll, or None when nothing new was logged. A failed
        read (a dropped server) raises and takes nothing: the next poll reads it all again."""
        # read_lines runs on the bare driver, past the engine's error hook: hence translated().
        with safety.translated(self.where), reading(self.engine) as conn:
            query = (
                select(*(change_log.c[n] for n in ("seq", "table_name", "row_id", "op", "actor")))
                .add_columns(change_log.c.detail, change_log.c.at)
                .where(change_log.c.project_id == self.project_id)
                .where(change_log.c.seq > self.window.floor)
                .order_by(change_log.c.seq)
            )
            rows = conn.execute(query).all()
            fresh = set(self.window.unseen(row[0] for row in rows))
            entries = [row for row in rows if row[0] in fresh]
            if not entries:
                return None
            refresh = self._read(conn, entries, owner)
        self.window.take(fresh)
        return refresh

    def _read(self, conn: Connection, entries: Sequence[Any], owner: ItemOwner) -> Refresh:
        line_ids: set[int] = set()
        bulk = False
        items: dict[str, set[int]] = {name: set() for name in _ITEM_TABLES}
        for _seq, table, row_id, _op, _actor, detail, _at in entries:
            if row_id is None:
                bulk = bulk or table == "lines"
                continue
            if table == "lines":
                line_ids.add(row_id)
            elif table in _ITEM_TABLES:
                line_id = _line_of_detail(detail)
                if line_id is not None:
                    line_ids.add(line_id)
                else:
                    items[table].add(row_id)
            else:  # line_reviews and what else hangs off a line by its id
                line_ids.add(_line_of_detail(detail) or row_id)
        for name, ids in items.items():
            line_ids.update(self._owners(conn, name, ids, owner))
        found: list[Line] = []
        versions: dict[int, int] = {}
        wanted = sorted(line_ids)
        for part in chunks(wanted):
            found.extend(read_lines(conn, self.project_id, line_ids=part))
            query = select(lines.c.id, lines.c.version).where(lines.c.id.in_(part))
            versions.update((row[0], row[1]) for row in conn.execute(query))
        actors = tuple(dict.fromkeys(str(row[4]) for row in entries))
        times = tuple(str(row[6]) for row in entries)
        order = None
        if bulk:
            query = select(lines.c.id).where(lines.c.project_id == self.project_id)
            order = list(conn.execute(query.order_by(lines.c.position)).scalars())
        touched = frozenset(line_ids)
        return Refresh(found, versions, touched, order, len(entries), actors, times)

    @staticmethod
    def _owners(conn: Connection, name: str, ids: Iterable[int], owner: ItemOwner) -> set[int]:
        """The lines of these notes (or highlights): from the table, else (deleted since) from
        the line the window shows them on."""
        wanted = sorted(ids)
        table = _ITEM_TABLES[name]
        found: dict[int, int] = {}
        for part in chunks(wanted):
            query = select(table.c.id, table.c.line_id).where(table.c.id.in_(part))
            found.update((row[0], row[1]) for row in conn.execute(query))
        result = set(found.values())
        for item_id in wanted:
            if item_id not in found and (line_id := owner(name, item_id)) is not None:
                result.add(line_id)
        return result
