"""Editing a library's lines: text, times, speakers, structure (split, merge, insert, delete),
shifts and replace-all.

Like ReviewStore, every method is one short transaction and returns what its undo needs; undo
writes back the very rows (ids included) that were there. The UI's QUndoCommands call only these:

Text, times and speakers are conditional writes: one refused as stale raises ConflictError
with nothing written (app.store.versions says what the UI does with it).

- text: ``set_text`` / ``put_text_state``; many texts: ``replace_all`` / ``put_text_states``;
- times: ``set_times`` / ``put_times``; ``shift_from(p, pos, ms)`` / ``shift_from(p, pos, -ms)``;
- speakers: ``set_speaker`` / ``restore_speakers``; ``rename_speaker`` / ``set_speaker(ids, old)``;
- structure: ``removed, inserted = replace_lines(p, ids, pos, new)``; undo is
  ``replace_lines(p, [ids of inserted], pos, removed)``, redo ``replace_lines(p, [ids of
  removed], pos, inserted)``.

Positions are a project's row numbers, 0..n-1, kept without gaps by replace_lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.store.edit_structure import StructureOps
from app.store.edit_text import TextOps, TextState
from app.store.edit_text import _rebased as _rebased  # tests reach it here
from app.store.edit_times_speakers import SpeakerOps, TimeOps
from app.store.review import ReviewStore

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["EditStore", "TextState"]


class EditStore(TextOps, TimeOps, SpeakerOps, StructureOps):
    """The editing API over one open Library; cheap to make, holds no state but the engine."""

    def __init__(self, library: Library) -> None:
        self._engine = library.engine
        self._versions = library.versions
        self._where = str(library.path or library)
        self._review = ReviewStore(library)
