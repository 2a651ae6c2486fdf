"""Highlights and line text: the half of ReviewStore whose writes must keep offsets valid.

A highlight's offsets index its line's ``text``; every write checks them against the text in the
same transaction, and a text edit moves the line's highlights with it (app.core.review).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from app.core.review import normalise_color, rebase_highlights
from app.core.transcript import Highlight, StyleRun
from app.store.engine import reading
from app.store.errors import HighlightNotFound, LineNotFound
from app.store.line_styles import put_styles, restyle
from app.store.models import highlights as marks
from app.store.models import lines
from app.store.roles import refused
from app.store.types import utc_now
from app.store.versions import SeenVersions, bumped, check_versions

__all__ = ["HighlightOps", "check_span", "line_text"]

_READ = (
    marks.c.line_id,
    marks.c.id,
    marks.c.start,
    marks.c.end,
    marks.c.tag,
    marks.c.color,
    marks.c.note,
    marks.c.author,
    marks.c.created_at,
)


def line_text(conn: Connection, line_id: int) -> str:
    """The line's current text; LineNotFound when there is no such line."""
    text = conn.execute(select(lines.c.text).where(lines.c.id == line_id)).scalar()
    if text is None:
        raise LineNotFound(line_id)
    return str(text)


def check_span(start: int, end: int, text: str) -> None:
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"A highlight must cover at least one character of its line: {start}..{end} is "
            f"outside 0..{len(text)} or empty."
        )


def _color(color: str) -> str:
    return normalise_color(color) if color else ""  # "": drawn in its tag's colour


def _highlight(row: Sequence[Any]) -> tuple[int, Highlight]:
    line_id, mark_id, start, end, tag, color, note, author, created = row
    return line_id, Highlight(start, end, tag, color, note, mark_id, author, created)


def _read(conn: Connection, highlight_id: int) -> tuple[int, Highlight]:
    row = conn.execute(select(*_READ).where(marks.c.id == highlight_id)).first()
    if row is None:
        raise HighlightNotFound(highlight_id)
    return _highlight(row)


def _of_line(conn: Connection, line_id: int) -> list[Highlight]:
    query = select(*_READ).where(marks.c.line_id == line_id).order_by(marks.c.id)
    return [_highlight(row)[1] for row in conn.execute(query)]


def _put(conn: Connection, line_id: int, mark: Highlight) -> None:
    """Write ``mark`` exactly as given, under its own id (insert or overwrite)."""
    if mark.id is None:
        raise ValueError("Only a highlight read from the library (one with an id) can be put back.")
    values = {
        "line_id": line_id,
        "start": mark.start,
        "end": mark.end,
        "tag": mark.tag,
        "color": mark.color,
        "note": mark.note,
    }
    # Who made it stays as recorded unless the mark says (undo and redo carry it back).
    if mark.author is not None:
        values["author"] = mark.author
    if mark.created_at is not None:
        values["created_at"] = mark.created_at
    done = conn.execute(update(marks).where(marks.c.id == mark.id).values(values))
    if done.rowcount == 0:
        if conn.execute(select(marks.c.id).where(marks.c.id == mark.id)).first():
            raise refused(conn, "this highlight")  # hidden by row-level security
        conn.execute(insert(marks).values(id=mark.id, **values))


class HighlightOps:
    """Highlights and line text; mixed into ReviewStore, which sets ``_engine``."""

    _engine: Engine
    _versions: SeenVersions

    def _author(self, given: str | None) -> str:
        """Who makes a mark: set by ReviewStore (the login role on a server)."""
        raise NotImplementedError

    def get_highlight(self, highlight_id: int) -> tuple[int, Highlight]:
        """(line id, highlight) as stored."""
        with reading(self._engine) as conn:
            return _read(conn, highlight_id)

    def add_highlight(
        self,
        line_id: int,
        start: int,
        end: int,
        tag: str,
        color: str,
        note: str = "",
        *,
        author: str | None = None,
    ) -> Highlight:
        """Highlight text[start:end] of the line, recording who (``author``, else the library's
        actor; on a server always the login role) and when. Undo: delete_highlight; redo:
        put_highlight."""
        color = _color(color)
        author = self._author(author)
        now = utc_now()
        with self._engine.begin() as conn:
            check_span(start, end, line_text(conn, line_id))
            mark_id: int = conn.execute(
                insert(marks).returning(marks.c.id),
                {
                    "line_id": line_id,
                    "start": start,
                    "end": end,
                    "tag": tag,
                    "color": color,
                    "note": note,
                    "author": author,
                    "created_at": now,
                },
            ).scalar_one()
        return Highlight(start, end, tag, color, note, mark_id, author, now)

    def update_highlight(
        self,
        highlight_id: int,
        *,
        tag: str | None = None,
        color: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Highlight:
        """Change what is given; return the new state. Undo: put_highlight(the old state)."""
        with self._engine.begin() as conn:
            line_id, mark = _read(conn, highlight_id)
            if tag is not None:
                mark.tag = tag
            if color is not None:
                mark.color = _color(color)
            if note is not None:
                mark.note = note
            if start is not None or end is not None:
                mark.start = mark.start if start is None else start
                mark.end = mark.end if end is None else end
                check_span(mark.start, mark.end, line_text(conn, line_id))
            _put(conn, line_id, mark)
        return mark

    def delete_highlight(self, highlight_id: int) -> tuple[int, Highlight]:
        """Delete it; return (line id, the highlight as it was) for put_highlight to undo."""
        with self._engine.begin() as conn:
            found = _read(conn, highlight_id)
            if conn.execute(delete(marks).where(marks.c.id == highlight_id)).rowcount == 0:
                raise refused(conn, "this highlight")
        return found

    def put_highlight(self, line_id: int, highlight: Highlight) -> None:
        """Write a highlight back exactly as given, id included (undo and redo)."""
        with self._engine.begin() as conn:
            check_span(highlight.start, highlight.end, line_text(conn, line_id))
            _put(conn, line_id, highlight)

    def set_line_text(self, line_id: int, text: str) -> tuple[str, list[Highlight]]:
        """Correct the line's text (``original_text`` stays as imported) and move its highlights
        with their words; a highlight whose words are all gone is deleted.

        Returns (previous text, previous highlights): put_line_text_state takes them back.
        """
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, [line_id], {line_id: {"text": text}})
            old = line_text(conn, line_id)
            before = _of_line(conn, line_id)
            kept, dropped = rebase_highlights(old, text, before)
            restyle(conn, [(line_id, text)])
            conn.execute(
                update(lines)
                .where(lines.c.id == line_id)
                .values(text=text, version=lines.c.version + 1)
            )
            was = {h.id: (h.start, h.end) for h in before}
            moved = [
                {"mark_id": new.id, "new_start": new.start, "new_end": new.end}
                for new in kept
                if was[new.id] != (new.start, new.end)
            ]
            if moved:
                conn.execute(
                    update(marks)
                    .where(marks.c.id == bindparam("mark_id"))
                    .values(start=bindparam("new_start"), end=bindparam("new_end")),
                    moved,
                )
            if dropped:
                gone = [h.id for h in dropped]
                conn.execute(delete(marks).where(marks.c.id.in_(gone)))
        self._versions.update(bumped(seen, [line_id]))
        return old, before

    def put_line_text_state(
        self,
        line_id: int,
        text: str,
        highlights: Sequence[Highlight],
        styles: Sequence[StyleRun] | None = None,
    ) -> None:
        """Make the line's text and highlights exactly these (ids included): undo of
        set_line_text; highlights of the line not listed are deleted. ``styles``: its inline
        styling runs as given (else the stored runs move with the text)."""
        for mark in highlights:
            check_span(mark.start, mark.end, text)
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, [line_id], {line_id: {"text": text}})
            if styles is None:
                restyle(conn, [(line_id, text)])
            else:
                put_styles(conn, {line_id: text}, {line_id: styles})
            conn.execute(
                update(lines)
                .where(lines.c.id == line_id)
                .values(text=text, version=lines.c.version + 1)
            )
            keep = [h.id for h in highlights if h.id is not None]
            conn.execute(delete(marks).where(marks.c.line_id == line_id, marks.c.id.not_in(keep)))
            for mark in highlights:
                _put(conn, line_id, mark)
        self._versions.update(bumped(seen, [line_id]))
