"""Review work on a library's lines: statuses, notes, highlights, corrected text, tags.

Every method is one short transaction, so what the UI shows is on disk when it returns. Each
mutation returns what its undo needs (the previous state), and a ``put_*`` / ``restore_*`` writes
a state back exactly, ids and times included: the UI's QUndoCommands call only these, so undo
and redo give back the very rows that were there. Missing rows raise a LookupError subclass
(LineNotFound, NoteNotFound, HighlightNotFound, TagNotFound, ProjectNotFound); bad values raise
ValueError; both with a message fit to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import case, delete, func, insert, select, update

from app.core.transcript import Note
from app.store.engine import reading
from app.store.errors import ProjectNotFound
from app.store.models import lines, notes, projects
from app.store.review_highlights import HighlightOps, line_text
from app.store.review_status import StatusChange, StatusOps
from app.store.review_tags import TagChange, TagOps
from app.store.review_threads import NOTE_READ as _NOTE_READ
from app.store.review_threads import ThreadOps, put_note_row
from app.store.review_threads import note_of as _note
from app.store.review_threads import read_note as _read_note
from app.store.roles import refused
from app.store.types import utc_now

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["ReviewStore", "StatusChange", "TagChange"]


class ReviewStore(StatusOps, HighlightOps, TagOps, ThreadOps):
    """The review API over one open Library; cheap to make, holds no state but the engine.
    Statuses (each reviewer's mark, the team state, the done rule) are in StatusOps."""

    def __init__(self, library: Library) -> None:
        self._engine = library.engine
        self._library = library
        self._versions = library.versions

    def _author(self, given: str | None) -> str:
        """Who writes a note or a highlight: on a shared library always the login role (the
        server's log says so too), else the name the UI gives, else the library's actor."""
        if self._library.shared or given is None:
            return self._library.actor
        return given

    # -- statuses ------------------------------------------------------------------------------

    def progress(self, project_id: int) -> tuple[int, int]:
        """(reviewed, total) lines of the project, in one query: reviewed is done or flagged by
        the team's state (so it follows the done rule)."""
        reviewed = func.coalesce(func.sum(case((lines.c.status != "unreviewed", 1), else_=0)), 0)
        query = (
            select(reviewed, func.count(lines.c.id))
            .select_from(projects.outerjoin(lines, lines.c.project_id == projects.c.id))
            .where(projects.c.id == project_id)
            .group_by(projects.c.id)
        )
        with reading(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            raise ProjectNotFound(project_id)
        return int(row[0]), int(row[1])

    # -- notes ---------------------------------------------------------------------------------

    def get_note(self, note_id: int) -> tuple[int, Note]:
        """(line id, note) as stored."""
        with reading(self._engine) as conn:
            return _read_note(conn, note_id)

    def add_note(self, line_id: int, body: str, author: str) -> Note:
        """A new note on the line, stamped now; on a shared library its author is the login
        role, whatever ``author`` says. Undo: delete_note; redo: put_note."""
        now = utc_now()
        author = self._author(author)
        with self._engine.begin() as conn:
            line_text(conn, line_id)  # LineNotFound rather than an IntegrityError
            note_id: int = conn.execute(
                insert(notes).returning(notes.c.id),
                {
                    "line_id": line_id,
                    "author": author,
                    "body": body,
                    "created_at": now,
                    "updated_at": now,
                },
            ).scalar_one()
        return Note(body, author, now, now, note_id)

    def update_note(self, note_id: int, body: str) -> Note:
        """New body, ``updated_at`` now; returns the new state. Undo: put_note(the old state)."""
        now = utc_now()
        with self._engine.begin() as conn:
            _line_id, note = _read_note(conn, note_id)
            done = conn.execute(
                update(notes).where(notes.c.id == note_id).values(body=body, updated_at=now)
            )
            if done.rowcount == 0:  # hidden from this login by row-level security
                raise refused(conn, "this note")
        note.body, note.updated_at = body, now
        return note

    def put_note(self, line_id: int, note: Note) -> None:
        """Write a note exactly as given, id and times included (insert or overwrite)."""
        with self._engine.begin() as conn:
            put_note_row(conn, line_id, note)

    def delete_note(self, note_id: int) -> tuple[int, Note]:
        """Delete it; return (line id, the note as it was) for put_note to undo. A thread's
        first note takes its replies with it: use delete_thread to get them back on undo."""
        with self._engine.begin() as conn:
            found = _read_note(conn, note_id)
            if conn.execute(delete(notes).where(notes.c.id == note_id)).rowcount == 0:
                raise refused(conn, "this note")
        return found

    def all_notes(self, project_id: int) -> list[tuple[int, int, Note]]:
        """(line position, line id, note) for the "All notes" view: in line order, then by time."""
        query = (
            select(lines.c.position, *_NOTE_READ)
            .join(lines, lines.c.id == notes.c.line_id)
            .where(lines.c.project_id == project_id)
            .order_by(lines.c.position, notes.c.created_at, notes.c.id)
        )
        with reading(self._engine) as conn:
            rows = conn.execute(query).all()
            if (
                not rows
                and conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first()
                is None
            ):
                raise ProjectNotFound(project_id)
        return [(row[0], *_note(row[1:])) for row in rows]
