"""Note threads in the store: replies to a note, resolving and reopening a thread, and deleting a
thread with its replies so that undo brings all of them back.

A reply is a row of ``notes`` whose ``parent_id`` is the thread's first note (never a reply: an
answer to a reply joins the same thread), on the same line. A thread is resolved on its first
note (``resolved_by``, ``resolved_at``). On a shared library the store writes ``library.actor``
as the author and the resolver whatever the UI passes; on SQLite the name the UI gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from app.core.transcript import Note
from app.store.engine import reading
from app.store.errors import NoteNotFound
from app.store.models import notes
from app.store.review_highlights import line_text
from app.store.roles import refused
from app.store.types import utc_now

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.store.library import Library

__all__ = ["NOTE_READ", "ThreadOps", "note_of", "put_note_row", "read_note"]

NOTE_READ = (
    notes.c.line_id,
    notes.c.id,
    notes.c.body,
    notes.c.author,
    notes.c.created_at,
    notes.c.updated_at,
    notes.c.parent_id,
    notes.c.resolved_by,
    notes.c.resolved_at,
)


def note_of(row: Sequence[Any]) -> tuple[int, Note]:
    """(line id, note) from a row of NOTE_READ."""
    line_id, note_id, body, author, created, updated, parent, resolved_by, resolved_at = row
    return line_id, Note(body, author, created, updated, note_id, parent, resolved_by, resolved_at)


def read_note(conn: Connection, note_id: int, *, lock: bool = False) -> tuple[int, Note]:
    """(line id, note); NoteNotFound. ``lock``: hold the row until the transaction ends (on
    PostgreSQL, so a reply never points at a note another reviewer deletes meanwhile)."""
    query = select(*NOTE_READ).where(notes.c.id == note_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise NoteNotFound(note_id)
    return note_of(row)


class ThreadOps:
    """Replies and resolving; mixed into app.store.review.ReviewStore."""

    _engine: Engine
    _library: Library

    def _who(self, given: str) -> str:
        return self._library.actor if self._library.shared else given

    def reply(self, note_id: int, body: str, author: str) -> tuple[int, Note]:
        """A reply in the thread of ``note_id`` (a first note or one of its replies), stamped
        now, on the same line; returns (line id, reply). Undo: delete_note; redo: put_note."""
        if not body.strip():
            raise ValueError("A reply needs some text.")
        now = utc_now()
        who = self._who(author)
        with self._engine.begin() as conn:
            line_id, note = read_note(conn, note_id, lock=True)
            first = note.parent_id if note.parent_id is not None else note_id
            if first != note_id:
                read_note(conn, first, lock=True)
            reply_id: int = conn.execute(
                insert(notes).returning(notes.c.id),
                {
                    "line_id": line_id,
                    "author": who,
                    "body": body,
                    "created_at": now,
                    "updated_at": now,
                    "parent_id": first,
                },
            ).scalar_one()
        return line_id, Note(body, who, now, now, reply_id, first)

    def resolve(self, note_id: int, who: str) -> tuple[int, Note, Note]:
        """Resolve the thread ``note_id`` belongs to: (line id, first note before, after).
        Undo: put_note(line id, before)."""
        return self._mark(note_id, self._who(who), utc_now())

    def reopen(self, note_id: int) -> tuple[int, Note, Note]:
        """Open the thread again: (line id, first note before, after)."""
        return self._mark(note_id, None, None)

    def _mark(self, note_id: int, who: str | None, at: str | None) -> tuple[int, Note, Note]:
        with self._engine.begin() as conn:
            line_id, note = read_note(conn, note_id, lock=True)
            if note.parent_id is not None:
                line_id, note = read_note(conn, note.parent_id, lock=True)
            assert note.id is not None
            conn.execute(
                update(notes).where(notes.c.id == note.id).values(resolved_by=who, resolved_at=at)
            )
        after = Note(
            note.body,
            note.author,
            note.created_at,
            note.updated_at,
            note.id,
            None,
            who if at is not None else None,
            at,
        )
        return line_id, note, after

    def thread(self, note_id: int) -> list[tuple[int, Note]]:
        """The thread of ``note_id``: its first note, then the replies by time."""
        with reading(self._engine) as conn:
            _line_id, note = read_note(conn, note_id)
            return _thread_rows(conn, note.parent_id if note.parent_id is not None else note_id)

    def delete_thread(self, note_id: int) -> list[tuple[int, Note]]:
        """Delete a reply, or a first note with all its replies; return what was deleted
        (first note first) for put_notes to undo."""
        with self._engine.begin() as conn:
            _line_id, note = read_note(conn, note_id)
            gone = _thread_rows(conn, note_id) if note.parent_id is None else [(_line_id, note)]
            in_thread = or_(notes.c.id == note_id, notes.c.parent_id == note_id)
            conn.execute(delete(notes).where(in_thread))
        return gone

    def put_notes(self, found: Sequence[tuple[int, Note]]) -> None:
        """Put notes back as delete_thread returned them, first notes before their replies."""
        with self._engine.begin() as conn:
            for line_id, note in found:
                put_note_row(conn, line_id, note)


def put_note_row(conn: Connection, line_id: int, note: Note) -> None:
    """Write a note exactly as given, id, times, thread and resolving included."""
    if note.id is None:
        raise ValueError("Only a note read from the library (one with an id) can be put back.")
    values = {
        "line_id": line_id,
        "author": note.author,
        "body": note.body,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
        "parent_id": note.parent_id,
        "resolved_by": note.resolved_by,
        "resolved_at": note.resolved_at,
    }
    line_text(conn, line_id)  # LineNotFound rather than an IntegrityError
    done = conn.execute(update(notes).where(notes.c.id == note.id).values(values))
    if done.rowcount == 0:
        if conn.execute(select(notes.c.id).where(notes.c.id == note.id)).first():
            raise refused(conn, "this note")  # hidden from this login by row-level security
        conn.execute(insert(notes).values(id=note.id, **values))


def _thread_rows(conn: Connection, first_id: int) -> list[tuple[int, Note]]:
    rows = conn.execute(
        select(*NOTE_READ)
        .where(or_(notes.c.id == first_id, notes.c.parent_id == first_id))
        .order_by(notes.c.parent_id.is_not(None), notes.c.created_at, notes.c.id)
    ).all()
    return [note_of(row) for row in rows]
