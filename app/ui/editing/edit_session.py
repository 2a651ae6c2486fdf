"""The editing actions as the window offers them: corrected text, times, speakers, lines split,
merged, inserted and deleted, Replace All. Each is written to the library at once and pushed as
one undoable command on the window's stack (shared with the review actions), with the shown
lines kept in step.

Widgets (the inline editor, the time dialogs, Find & Replace, the speaker tools, the Changes
view) call these methods and never the store. A refused or failed change (bad times, a full
disk, a read-only library) is reported through ``failed`` with a message, and nothing is pushed.
Rows are the TranscriptModel's rows ("source rows"), as everywhere in the window.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.core.editing import check_times
from app.core.transcript import Line
from app.store.editing import EditStore
from app.store.errors import StoreError
from app.store.library import Library
from app.store.versions import ConflictError
from app.ui.editing.conflicts import Ask, Choice, ConflictResolver, Resolution, show_text
from app.ui.editing.content_edits import NUDGE_MS, ContentEdits
from app.ui.editing.edit_commands import EditTarget
from app.ui.editing.structure_edits import NEW_LINE_MS, StructureEdits, split_char
from app.ui.transcript.transcript_model import TranscriptModel, is_edited

__all__ = ["NEW_LINE_MS", "NUDGE_MS", "EditSession", "split_char"]

T = TypeVar("T")
#: "Edit both": (line id, the merged text) -> the write to try instead.
Merge = Callable[[int, str], Callable[[], T]]
_FAILURES = (StoreError, ValueError, LookupError, OSError, re.error)


class EditSession(QObject):
    """The window's editing actions; the edits themselves live in two collaborators it owns (a
    line's text, times and speaker in ``content``, lines coming and going in ``structure``),
    which see the session as an EditContext."""

    failed = Signal(str)
    notice = Signal(str)  # a step refused for a reason the user can fix: a status-bar line
    changedCountChanged = Signal(int)  # lines corrected since their import (text, times, merged)
    structureChanged = Signal()  # lines came or went (split, merge, insert, delete; undo, redo)
    linesEdited = Signal(list)  # source rows whose text, times or speaker changed (any step)
    focusRow = Signal(int)  # after a structural step: the row to make current and select
    editRequested = Signal(int)  # a new line waits for its words: open the inline editor there

    def __init__(
        self,
        library: Library,
        model: TranscriptModel,
        undo_stack: QUndoStack,
        project_id_getter: Callable[[], int | None],
        parent: QObject | None = None,
        ask: Ask | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = EditStore(library)
        self._versions = library.versions
        self.model = model
        self.undo = undo_stack
        self.project_id = project_id_getter
        self.changed_count = 0
        self._edited: set[int] = set()  # ids of corrected lines, kept up to date per edit
        model.modelReset.connect(self._recount)
        # Without a dialog to ask (no window), a stale edit keeps theirs: nothing is overwritten.
        self.conflicts = ConflictResolver(
            library.versions,
            model,
            ask or (lambda _err, _rows: Resolution(Choice.THEIRS)),
            lambda rows: self._on_changed(rows, None),
        )
        self.content = ContentEdits(self)
        self.structure = StructureEdits(self)

    # -- what changed -----------------------------------------------------------------------
    def changed_rows(self) -> list[int]:
        """Rows corrected since their import (text, times, merged or split), in order."""
        return [row for row, line in enumerate(self.model.lines()) if is_edited(line)]

    def _recount(self) -> None:
        """Count corrected lines from scratch (on load, and after rows came or went)."""
        self._edited = {line.id for line in self.model.lines() if is_edited(line) and line.id}
        self._publish_count()

    def _recount_rows(self, rows: list[int]) -> None:
        """Update the count for these rows only: an edit at 100k lines must not scan them all."""
        for row in rows:
            line = self.model.line(row)
            if line.id is None:
                continue
            if is_edited(line):
                self._edited.add(line.id)
            else:
                self._edited.discard(line.id)
        self._publish_count()

    def _publish_count(self) -> None:
        if len(self._edited) != self.changed_count:
            self.changed_count = len(self._edited)
            self.changedCountChanged.emit(self.changed_count)

    def _on_changed(self, rows: list[int], focus: int | None) -> None:
        if focus is None:
            self._recount_rows(rows)
        else:
            self._recount()
        if rows:
            self.linesEdited.emit(rows)
        if focus is not None:
            self.structureChanged.emit()
            count = self.model.rowCount()
            if count:
                self.focusRow.emit(min(focus, count - 1))

    def lines_changed_elsewhere(self, rows: list[int]) -> None:
        """Someone else changed these rows' text, times or speaker (live refresh)."""
        self._on_changed(rows, None)

    # -- shared -----------------------------------------------------------------------------
    def attempt(self, action: Callable[[], T], merge: Merge[T] | None = None) -> T | None:
        """The action's result; None once a failure is reported, or when a conflict's answer
        was "keep theirs". "Keep mine" tries the action again, "edit both" the ``merge``."""
        while True:
            try:
                return action()
            except ConflictError as err:
                resolution = self.conflicts.settle(err)
                if resolution.choice is Choice.THEIRS:
                    return None
                if resolution.choice is Choice.BOTH and resolution.text is not None and merge:
                    action = merge(err.theirs.line_id, resolution.text)
            except _FAILURES as err:
                self.failed.emit(str(err))
                return None

    def guard(self, write: Callable[[], object]) -> bool:
        """An undo's or redo's write, through the conflict dialog: True when it was written as
        the command holds it (then shown by the command), False when the command must leave the
        stack (theirs kept or a merge written, shown here; or a failure reported)."""
        merged: list[tuple[int, str]] = []

        def merge(line_id: int, text: str) -> Callable[[], bool]:
            def write_merged() -> bool:
                self.store.set_text(line_id, text)
                merged.append((line_id, text))
                return False

            return write_merged

        def written() -> bool:
            write()
            return True

        with self._versions.strict():  # a line someone else changed since: their words
            done = self.attempt(written, merge)
        for line_id, text in merged:
            row = show_text(self.model, line_id, text)
            self._on_changed([] if row is None else [row], None)
        return bool(done)

    def target(self) -> EditTarget | None:
        project_id = self.project_id()
        if project_id is None:
            self.failed.emit(self.tr("Open a transcript to edit it"))
            return None
        return EditTarget(self.store, self.model, project_id, self._on_changed, self.guard)

    def line(self, row: int) -> Line | None:
        if not 0 <= row < self.model.rowCount():
            self.failed.emit(self.tr("There is no line %1").replace("%1", str(row + 1)))
            return None
        line = self.model.line(row)
        if line.id is None:
            self.failed.emit(self.tr("This line is not in the library"))
            return None
        return line

    def times_ok(self, start_ms: int, end_ms: int) -> bool:
        try:
            check_times(start_ms, end_ms)
        except ValueError as err:
            self.failed.emit(str(err))
            return False
        return True

    # -- the edits, as the widgets call them --------------------------------------------------
    def edit_text(self, row: int, text: str, label: str = "") -> bool:
        return self.content.edit_text(row, text, label)

    def revert_line(self, row: int) -> bool:
        return self.content.revert_line(row)

    def revert_times(self, row: int) -> bool:
        return self.content.revert_times(row)

    def replace_all(
        self, pattern: str, replacement: str, *, regex: bool, whole_words: bool, case: bool
    ) -> int:
        return self.content.replace_all(
            pattern, replacement, regex=regex, whole_words=whole_words, case=case
        )

    def set_times(self, row: int, start_ms: int, end_ms: int, label: str = "") -> bool:
        return self.content.set_times(row, start_ms, end_ms, label)

    def set_start_here(self, row: int, ms: int) -> bool:
        return self.content.set_start_here(row, ms)

    def set_end_here(self, row: int, ms: int) -> bool:
        return self.content.set_end_here(row, ms)

    def nudge(self, row: int, which: str, delta_ms: int = NUDGE_MS) -> bool:
        return self.content.nudge(row, which, delta_ms)

    def shift_from(self, row: int, offset_ms: int) -> bool:
        return self.content.shift_from(row, offset_ms)

    def set_speaker(self, rows: Sequence[int], name: str) -> bool:
        return self.content.set_speaker(rows, name)

    def rename_speaker(self, old: str, new: str) -> bool:
        return self.content.rename_speaker(old, new)

    def speakers(self) -> list[tuple[str, int]]:
        return self.content.speakers()

    def split(self, row: int, at_char: int | None = None, at_ms: int | None = None) -> bool:
        return self.structure.split(row, at_char, at_ms)

    def merge_with_next(self, row: int) -> bool:
        return self.structure.merge_with_next(row)

    def insert_at(self, ms: int) -> int | None:
        return self.structure.insert_at(ms)

    def delete_rows(self, rows: Sequence[int]) -> bool:
        return self.structure.delete_rows(rows)
