"""The 100k-row inserts: a project's lines, and their notes and highlights, from plain tuples.

Inserts compile the Core statement once and hand tuples to the driver's executemany (COPY on
PostgreSQL past a thousand rows), skipping SQLAlchemy's per-row parameter processing; given ids
are kept where they are free. The facade and the reasons are in app.store.bulk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, update

from app.core.allocation import gc_paused
from app.core.styling import runs_json
from app.core.transcript import Line
from app.store.bulk_read import fetch_tuples
from app.store.change_log_sqlite import MANY, many_lines
from app.store.line_words import origin_json, words_json
from app.store.models import highlights, lines, notes
from app.store.postgres import ids_given

__all__ = ["LINE_INSERT", "free_ids", "ids_free", "insert_annotations", "insert_lines"]


def _insert_many(
    conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    if table is lines and len(rows) >= MANY:
        # One change-log row for them all on SQLite, as PostgreSQL's trigger logs one per COPY.
        with many_lines(conn, rows[0][0], "insert", len(rows)):
            _insert_rows(conn, table, columns, rows)
        return
    _insert_rows(conn, table, columns, rows)


def _insert_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if conn.dialect.name == "postgresql" and len(rows) >= _COPY_FROM:
        _copy_rows(conn, table, columns, rows)
        if "id" in columns:
            ids_given(conn, table.name)
        return
    # The parameters skip SQLAlchemy's per-row processing, so values must already be what the
    # driver takes (str, int, bool, None). The statement names the columns in the rows' order:
    # a compiled insert lists them in the table's order, and a column added by a migration
    # (which goes last in the table) silently sent every row down the slow path below.
    if conn.dialect.paramstyle == "qmark":
        quote = conn.dialect.identifier_preparer.quote
        names = ", ".join(quote(name) for name in columns)
        marks = ", ".join("?" * len(columns))
        conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)
    else:  # a dialect with named parameters (not SQLite): the ordinary, slower executemany
        conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
    if "id" in columns:
        ids_given(conn, table.name)


# From this many rows on, PostgreSQL gets them by COPY: 100k lines in about a third of the time
# of executemany (bench/bench_team.py, team_import_100k_postgresql). The same as
# change_log_sqlite.MANY: a COPY is one change-log row on the server, and so on SQLite.
_COPY_FROM = MANY


def _copy_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """COPY ... FROM STDIN on the connection's own transaction (psycopg 3)."""
    raw: Any = conn.connection.dbapi_connection
    names = ", ".join(f'"{name}"' for name in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


LINE_INSERT = (
    "project_id",
    "position",
    "start_ms",
    "end_ms",
    "end_inferred",
    "speaker",
    "text",
    "original_text",
    "status",
    "words",
    "styles",
    "cue_id",
    "cue_settings",
    "original_start_ms",
    "original_end_ms",
    "origin",
)


def ids_free(conn: Connection, table: Table, ids: Sequence[int | None]) -> bool:
    """True when every id is given, unique, and no row of ``table`` has an id in their range.

    A transcript that carries ids (a project JSON exported from another library) then keeps
    them, so exporting it again gives the same file; otherwise rows get new ids.
    """
    if not ids or any(i is None for i in ids) or len(set(ids)) != len(ids):
        return False
    known = [i for i in ids if i is not None]
    taken = conn.execute(
        select(func.count()).select_from(table).where(table.c.id.between(min(known), max(known)))
    ).scalar_one()
    return bool(taken == 0)


_CHUNK = 500  # ids per IN (...): well under SQLite's bound-parameter limit


def free_ids(conn: Connection, table: Table, ids: Sequence[int | None]) -> list[int | None]:
    """Each id as given when no row of ``table`` has it (and it came first), else None.

    For a few rows put back where they were (undo of a delete, a split's first part): each keeps
    its id when it can, the others get new ones. A query per 500 ids.
    """
    wanted = [i for i in dict.fromkeys(ids) if i is not None]
    taken: set[int] = set()
    for at in range(0, len(wanted), _CHUNK):
        part = wanted[at : at + _CHUNK]
        taken.update(conn.scalars(select(table.c.id).where(table.c.id.in_(part))))
    seen: set[int] = set()
    result: list[int | None] = []
    for i in ids:
        if i is None or i in taken or i in seen:
            result.append(None)
        else:
            seen.add(i)
            result.append(i)
    return result


def insert_lines(
    conn: Connection, project_id: int, rows: Sequence[Line], *, at_position: int | None = None
) -> list[int]:
    """Insert lines in order; return their ids in the same order.

    Without ``at_position``: a new project's lines, at positions 0.., keeping the given ids only
    when all of them are free. With it: lines put into an existing project at positions
    ``at_position``.. (the caller has made room), each keeping its id when that one is free.
    """
    if not rows:
        return []
    given = [line.id for line in rows]
    first = 0 if at_position is None else at_position
    if at_position is None:
        keep_ids = ids_free(conn, lines, given)
        ids: list[int | None] = given if keep_ids else []
    else:
        ids = free_ids(conn, lines, given)
        keep_ids = True
    with gc_paused():
        params = [
            (
                project_id,
                first + offset,
                line.start_ms,
                line.end_ms,
                bool(line.end_inferred),
                line.speaker,
                line.text,
                line.original,
                line.status,
                words_json(line.words) if line.words else None,  # NULL: no JSON work at all
                runs_json(line.styles) if line.styles else None,
                line.cue_id or None,
                line.cue_settings or None,
                line.original_start_ms,
                line.original_end_ms,
                None if line.origin is None else origin_json(line.origin),
                *((ids[offset],) if keep_ids else ()),
            )
            for offset, line in enumerate(rows)
        ]
        if keep_ids and None in ids:
            # A row without a free id gets the database's next one: it must leave the column
            # out (PostgreSQL takes a NULL id as NULL, not as "the next").
            _insert_many(
                conn, lines, (*LINE_INSERT, "id"), [p for p in params if p[-1] is not None]
            )
            _insert_many(conn, lines, LINE_INSERT, [p[:-1] for p in params if p[-1] is None])
        else:
            _insert_many(conn, lines, (*LINE_INSERT, "id") if keep_ids else LINE_INSERT, params)
        # One ordered read gets the new ids back: positions first.. are these lines' alone.
        query = select(lines.c.id).where(lines.c.project_id == project_id)
        if at_position is not None:
            query = query.where(lines.c.position.between(first, first + len(rows) - 1))
        return [row[0] for row in fetch_tuples(conn, query.order_by(lines.c.position))]


def insert_annotations(
    conn: Connection,
    rows: Sequence[Line],
    line_ids: Sequence[int],
    now: str,
    *,
    each_id: bool = False,
) -> tuple[list[int], list[int]]:
    """Insert the lines' notes and highlights; return their new ids in the lines' order.

    Given ids are kept when all of them are free, or with ``each_id`` each one that is free.
    """
    if each_id:
        return _insert_annotations_each(conn, rows, line_ids, now)
    note_rows: list[dict[str, Any]] = []
    mark_rows: list[dict[str, Any]] = []
    keep_note_ids = ids_free(conn, notes, [n.id for line in rows for n in line.notes])
    keep_mark_ids = ids_free(conn, highlights, [h.id for line in rows for h in line.highlights])
    for line, line_id in zip(rows, line_ids, strict=True):
        for note in line.notes:
            created = note.created_at or now
            note_rows.append(
                {
                    **({"id": note.id} if keep_note_ids else {}),
                    "line_id": line_id,
                    "author": note.author,
                    "body": note.body,
                    "created_at": created,
                    "updated_at": note.updated_at or created,
                    "resolved_by": note.resolved_by,
                    "resolved_at": note.resolved_at,
                }
            )
        for mark in line.highlights:
            mark_rows.append(
                {
                    **({"id": mark.id} if keep_mark_ids else {}),
                    "line_id": line_id,
                    "start": mark.start,
                    "end": mark.end,
                    "tag": mark.tag,
                    "color": mark.color,
                    "note": mark.note,
                }
            )
    # Annotations are few next to lines: RETURNING in parameter order is simple and fast enough.
    note_ids: list[int] = []
    mark_ids: list[int] = []
    if note_rows:
        stmt = insert(notes).returning(notes.c.id, sort_by_parameter_order=True)
        note_ids = list(conn.scalars(stmt, note_rows))
        if keep_note_ids:
            ids_given(conn, notes.name)
    _link_replies(conn, rows, note_ids)
    if mark_rows:
        stmt = insert(highlights).returning(highlights.c.id, sort_by_parameter_order=True)
        mark_ids = list(conn.scalars(stmt, mark_rows))
        if keep_mark_ids:
            ids_given(conn, highlights.name)
    return note_ids, mark_ids


def _insert_keeping(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows whose "id" may be None; return the ids in the rows' order."""
    kept = free_ids(conn, table, [row["id"] for row in rows])
    with_id = [{**row, "id": i} for row, i in zip(rows, kept, strict=True) if i is not None]
    without = [
        {k: v for k, v in row.items() if k != "id"}
        for row, i in zip(rows, kept, strict=True)
        if i is None
    ]
    if with_id:
        conn.execute(insert(table), with_id)
        ids_given(conn, table.name)
    new = iter(
        conn.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), without)
        if without
        else ()
    )
    return [i if i is not None else next(new) for i in kept]


def _insert_annotations_each(
    conn: Connection, rows: Sequence[Line], line_ids: Sequence[int], now: str
) -> tuple[list[int], list[int]]:
    note_rows: list[dict[str, Any]] = []
    mark_rows: list[dict[str, Any]] = []
    for line, line_id in zip(rows, line_ids, strict=True):
        for note in line.notes:
            created = note.created_at or now
            note_rows.append(
                {
                    "id": note.id,
                    "line_id": line_id,
                    "author": note.author,
                    "body": note.body,
                    "created_at": created,
                    "updated_at": note.updated_at or created,
                    "resolved_by": note.resolved_by,
                    "resolved_at": note.resolved_at,
                }
            )
        for mark in line.highlights:
            mark_rows.append(
                {
                    "id": mark.id,
                    "line_id": line_id,
                    "start": mark.start,
                    "end": mark.end,
                    "tag": mark.tag,
                    "color": mark.color,
                    "note": mark.note,
                }
            )
    note_ids = _insert_keeping(conn, notes, note_rows) if note_rows else []
    _link_replies(conn, rows, note_ids)
    mark_ids = _insert_keeping(conn, highlights, mark_rows) if mark_rows else []
    return note_ids, mark_ids


def _link_replies(conn: Connection, rows: Sequence[Line], note_ids: Sequence[int]) -> None:
    """Point each inserted reply at its thread's first note by the first note's new id (the
    notes go in without parents, so no reply waits for its parent's row)."""
    given = [note for line in rows for note in line.notes]
    new_id = {n.id: i for n, i in zip(given, note_ids, strict=True) if n.id is not None}
    links = [
        {"reply": i, "parent": new_id[n.parent_id]}
        for n, i in zip(given, note_ids, strict=True)
        if n.parent_id is not None and n.parent_id in new_id
    ]
    if links:
        to_parent = update(notes).where(notes.c.id == bindparam("reply"))
        conn.execute(to_parent.values(parent_id=bindparam("parent")), links)
