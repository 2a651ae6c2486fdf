"""Note threads: a line's notes gathered into threads (a first note and its replies), as the Notes
panel, All notes and the exports show them.

A reply is a Note whose ``parent_id`` is its thread's first note; a thread is resolved when its
first note has ``resolved_by`` / ``resolved_at``. ``Line.notes`` stays one flat list (the store's
and the formats' shape); these functions read threads out of it and put them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.core.transcript import Note

__all__ = ["NoteThread", "flatten", "give_note_ids", "open_threads", "resolved_label", "threads_of"]


@dataclass(slots=True)
class NoteThread:
    first: Note
    replies: list[Note] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.first.resolved_at is not None

    @property
    def notes(self) -> list[Note]:
        """The first note, then its replies."""
        return [self.first, *self.replies]


def threads_of(notes: Iterable[Note]) -> list[NoteThread]:
    """The notes as threads, in the order their first notes come; replies in their order.

    A reply whose first note is not among ``notes`` (it was left out, or a file lost it) is
    shown as a thread of its own rather than dropped.
    """
    items = list(notes)
    ids = {note.id for note in items if note.id is not None}
    threads: dict[int, NoteThread] = {}
    result: list[NoteThread] = []
    for note in items:
        if note.parent_id is None or note.parent_id not in ids:
            thread = NoteThread(note)
            result.append(thread)
            if note.id is not None:
                threads[note.id] = thread
    for note in items:
        if note.parent_id is not None and note.parent_id in threads:
            parent = threads[note.parent_id]
            if parent.first is not note:
                parent.replies.append(note)
    return result


def open_threads(notes: Iterable[Note]) -> list[NoteThread]:
    """The threads nobody has resolved."""
    return [thread for thread in threads_of(notes) if not thread.resolved]


def flatten(threads: Sequence[NoteThread]) -> list[Note]:
    """Each thread's first note followed by its replies: the flat list Line.notes holds."""
    return [note for thread in threads for note in thread.notes]


def resolved_label(note: Note, time_text: str = "") -> str:
    """ "Resolved by Ana 10:42" (or "Resolved" when nobody is named); "" for an open thread."""
    if note.resolved_at is None:
        return ""
    who = f" by {note.resolved_by}" if note.resolved_by else ""
    when = f" {time_text}" if time_text else ""
    return f"Resolved{who}{when}"


def give_note_ids(notes: Sequence[Note], ids: Iterable[int]) -> None:
    """Give the notes their new ids, in order, and point each reply at its first note's new id
    (a reply whose first note is not among them keeps what it had)."""
    new_ids = list(ids)
    renamed = {n.id: i for n, i in zip(notes, new_ids, strict=True) if n.id is not None}
    for note, new_id in zip(notes, new_ids, strict=True):
        note.id = new_id
        if note.parent_id is not None:
            note.parent_id = renamed.get(note.parent_id, note.parent_id)
