"""The undo step for deleting a note with its replies: the thread's first note and every reply
go in one step, and undo puts each back where it was in the line's list, ids and times kept."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.core.transcript import Note
from app.ui.review.commands import StoreCommand

__all__ = ["RemoveNotes"]


class RemoveNotes(StoreCommand):
    """``gone``: (index in the line's notes, note) as delete_thread removed them, first first."""

    def __init__(self, target: Any, line_id: int, gone: list[tuple[int, Note]], text: str) -> None:
        super().__init__(text, target)
        self.line_id, self.gone = line_id, gone

    def store_forward(self) -> None:
        self.t.store.delete_thread(self.gone[0][1].id)

    def store_back(self) -> None:
        self.t.store.put_notes([(self.line_id, note) for _index, note in self.gone])

    def show(self, *, forward: bool) -> None:
        notes = self.t.lookup(self.line_id).notes
        ids = {note.id for _index, note in self.gone}
        notes[:] = [n for n in notes if n.id not in ids]
        if not forward:
            for index, note in sorted(self.gone, key=lambda pair: pair[0]):
                notes.insert(min(index, len(notes)), replace(note))
        self.t.refresh(self.line_id)
