"""What the edits (ContentEdits, StructureEdits) need from the session that owns them: the store,
the shown lines, the undo stack, the signals a refusal goes out on and the checks they share.

A Protocol, so the edits name no session class and the session imports the edits, not back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoStack

from app.core.transcript import Line
from app.store.editing import EditStore
from app.ui.editing.edit_commands import EditTarget
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["EditContext"]

T = TypeVar("T")


class EditContext(Protocol):
    store: EditStore
    model: TranscriptModel
    undo: QUndoStack
    project_id: Callable[[], int | None]
    failed: SignalInstance  # a refused or failed change, in words
    notice: SignalInstance  # a step refused for a reason the user can fix
    editRequested: SignalInstance  # a new line waits for its words

    def tr(self, text: str) -> str: ...

    def attempt(
        self, action: Callable[[], T], merge: Callable[[int, str], Callable[[], T]] | None = None
    ) -> T | None:
        """The action's result, or None once its failure is reported on ``failed`` (or a
        conflict kept theirs); ``merge``: the write an "edit both" in a conflict makes."""
        ...

    def target(self) -> EditTarget | None:
        """What a command writes to, or None (reported) with no project open."""
        ...

    def line(self, row: int) -> Line | None:
        """The line at ``row``, or None (reported) for no such row or one not in the library."""
        ...

    def times_ok(self, start_ms: int, end_ms: int) -> bool:
        """Whether these times are a valid line's, reporting why not."""
        ...
