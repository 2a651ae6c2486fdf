"""The 100k-row reads: a project's lines, notes and highlights as app.core values, through the
driver's own tuples (SQLAlchemy compiles the statement, the driver runs it).

The facade and the reasons are in app.store.bulk.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, Select, func, select

from app.core.allocation import gc_paused
from app.core.styling import runs_from_json
from app.core.transcript import Highlight, Line, Note
from app.store.line_words import origin_from_json, words_from_json
from app.store.models import highlights, lines, notes

__all__ = ["count_annotations", "fetch_tuples", "read_annotations", "read_lines"]


def fetch_tuples(conn: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """All rows of ``query`` as the driver's own tuples, in the connection's transaction.

    SQLAlchemy builds and compiles the statement; the driver runs it. Skipping SQLAlchemy's Row
    objects saves a fifth of a 100k-line load.
    """
    compiled = query.compile(dialect=conn.dialect)
    params: Any
    if compiled.positiontup is not None:  # SQLite's qmark
        params = tuple(compiled.params[name] for name in compiled.positiontup)
    elif conn.dialect.name == "postgresql":  # psycopg takes the pyformat names as they are
        params = dict(compiled.params)
    else:  # another dialect: let SQLAlchemy run it
        return [tuple(row) for row in conn.execute(query)]
    if not conn.in_transaction():
        conn.begin()  # so this read sees the same snapshot as the caller's other queries
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


_LINE_READ: tuple[Column[Any], ...] = (
    lines.c.id,
    lines.c.start_ms,
    lines.c.end_ms,
    lines.c.text,
    lines.c.speaker,
    lines.c.end_inferred,
    lines.c.original_text,
    lines.c.status,
    lines.c.words,
    lines.c.styles,
    lines.c.cue_id,
    lines.c.cue_settings,
    lines.c.original_start_ms,
    lines.c.original_end_ms,
    lines.c.origin,
)


_NOTE_READ = (
    notes.c.line_id,
    notes.c.id,
    notes.c.author,
    notes.c.body,
    notes.c.created_at,
    notes.c.updated_at,
    notes.c.parent_id,
    notes.c.resolved_by,
    notes.c.resolved_at,
)
_HIGHLIGHT_READ = (
    highlights.c.line_id,
    highlights.c.id,
    highlights.c.start,
    highlights.c.end,
    highlights.c.tag,
    highlights.c.color,
    highlights.c.note,
    highlights.c.author,
    highlights.c.created_at,
)


def read_lines(
    conn: Connection,
    project_id: int,
    *,
    positions: tuple[int, int] | None = None,
    annotations: bool = True,
) -> list[Line]:
    """A project's lines in position order, with notes and highlights: three queries in all.

    ``positions`` (first, last), both included, reads only those lines. ``annotations=False``
    leaves every line's notes and highlights empty (for :func:`read_annotations` later).
    """
    in_project: ColumnElement[bool] = lines.c.project_id == project_id
    if positions is not None:
        in_project = in_project & lines.c.position.between(*positions)
    with gc_paused():
        query = select(*_LINE_READ).where(in_project).order_by(lines.c.position)
        rows = fetch_tuples(conn, query)
        result = [
            Line(
                start,
                end,
                text,
                speaker,
                end_inferred == 1,  # the driver gives 0/1; "== 1" is cheaper than bool()
                None if original == text else original,
                status,
                id=line_id,
                words=[] if words is None else words_from_json(words),
                styles=[] if styles is None else runs_from_json(styles),
                cue_id=cue_id or "",
                cue_settings=settings or "",
                original_start_ms=original_start,
                original_end_ms=original_end,
                origin=None if origin is None else origin_from_json(origin),
            )
            for (
                line_id,
                start,
                end,
                text,
                speaker,
                end_inferred,
                original,
                status,
                words,
                styles,
                cue_id,
                settings,
                original_start,
                original_end,
                origin,
            ) in rows
        ]
    if not annotations:
        return result
    notes_of, marks_of = _read_annotations(conn, in_project)
    if not (notes_of or marks_of):
        return result  # the common case for a fresh import
    for line in result:
        if line.id is not None:
            line.notes = notes_of.get(line.id, line.notes)
            line.highlights = marks_of.get(line.id, line.highlights)
    return result


def count_annotations(conn: Connection, project_id: int) -> int:
    """How many notes and highlights the project's lines have (one indexed count each)."""
    total = 0
    for table in (notes, highlights):
        query = (
            select(func.count())
            .select_from(table.join(lines, lines.c.id == table.c.line_id))
            .where(lines.c.project_id == project_id)
        )
        total += int(conn.execute(query).scalar_one())
    return total


def read_annotations(
    conn: Connection, project_id: int
) -> tuple[dict[int, list[Note]], dict[int, list[Highlight]]]:
    """Every note and highlight of the project, by line id, each list in creation order."""
    return _read_annotations(conn, lines.c.project_id == project_id)


def _read_annotations(
    conn: Connection, in_project: ColumnElement[bool]
) -> tuple[dict[int, list[Note]], dict[int, list[Highlight]]]:
    notes_of: dict[int, list[Note]] = {}
    marks_of: dict[int, list[Highlight]] = {}
    with gc_paused():  # a million small objects: no collections while they are made
        note_rows = fetch_tuples(
            conn,
            select(*_NOTE_READ)
            .join(lines, lines.c.id == notes.c.line_id)
            .where(in_project)
            .order_by(notes.c.id),
        )
        for line_id, note_id, author, body, created, updated, parent, by, at in note_rows:
            note = Note(body, author, created, updated, note_id, parent, by, at)
            found = notes_of.get(line_id)
            if found is None:
                notes_of[line_id] = [note]
            else:
                found.append(note)
        del note_rows
        mark_rows = fetch_tuples(
            conn,
            select(*_HIGHLIGHT_READ)
            .join(lines, lines.c.id == highlights.c.line_id)
            .where(in_project)
            .order_by(highlights.c.id),
        )
        for line_id, mark_id, start, end, tag, color, note_text, by, made in mark_rows:
            mark = Highlight(start, end, tag, color, note_text, mark_id, by, made)
            found_marks = marks_of.get(line_id)
            if found_marks is None:
                marks_of[line_id] = [mark]
            else:
                found_marks.append(mark)
    return notes_of, marks_of
