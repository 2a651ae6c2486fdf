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
from copy import deepcopy
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.core.editing import (
    check_times,
    compile_find,
    merge_lines,
    replace_in_text,
    split_line,
)
from app.core.review import rebase_highlights
from app.core.timecode import format_hms
from app.core.transcript import Highlight, Line
from app.store.editing import EditStore
from app.store.errors import StoreError
from app.store.library import Library
from app.ui.edit_commands import (
    EditMacro,
    EditTarget,
    ReplaceRows,
    SetSpeakers,
    SetTexts,
    SetTimes,
    ShiftTimes,
    TextState,
    TimeState,
)
from app.ui.transcript_model import TranscriptModel, is_edited

__all__ = ["NEW_LINE_MS", "NUDGE_MS", "EditSession", "split_char"]

T = TypeVar("T")
NUDGE_MS = 100
NEW_LINE_MS = 2000  # an inserted line's length when the next line leaves room
_FAILURES = (StoreError, ValueError, LookupError, OSError, re.error)


def split_char(text: str, fraction: float) -> int:
    """Where to cut ``text`` a ``fraction`` of the way through it: the nearest word boundary
    (the space itself), or the plain character offset in a text without spaces."""
    target = round(len(text) * min(1.0, max(0.0, fraction)))
    spaces = [i for i, char in enumerate(text) if char.isspace() and 0 < i < len(text) - 1]
    if not spaces:
        return min(max(target, 1), max(len(text) - 1, 1))
    return min(spaces, key=lambda i: (abs(i - target), i))


def _runs(rows: Sequence[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


class EditSession(QObject):
    failed = Signal(str)
    changedCountChanged = Signal(int)  # lines whose text is not the imported one
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
    ) -> None:
        super().__init__(parent)
        self.store = EditStore(library)
        self.model = model
        self.undo = undo_stack
        self._project_id = project_id_getter
        self.changed_count = 0
        self._edited: set[int] = set()  # ids of corrected lines, kept up to date per edit
        model.modelReset.connect(self._recount)

    # -- what changed -----------------------------------------------------------------------
    def changed_rows(self) -> list[int]:
        """Rows whose text differs from the imported text, in order."""
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

    # -- shared -----------------------------------------------------------------------------
    def _attempt(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except _FAILURES as err:
            self.failed.emit(str(err))
            return None

    def _target(self) -> EditTarget | None:
        project_id = self._project_id()
        if project_id is None:
            self.failed.emit(self.tr("Open a transcript to edit it"))
            return None
        return EditTarget(self.store, self.model, project_id, self._on_changed)

    def _line(self, row: int) -> Line | None:
        if not 0 <= row < self.model.rowCount():
            self.failed.emit(self.tr("There is no line %1").replace("%1", str(row + 1)))
            return None
        line = self.model.line(row)
        if line.id is None:
            self.failed.emit(self.tr("This line is not in the library"))
            return None
        return line

    # -- text -------------------------------------------------------------------------------
    def edit_text(self, row: int, text: str, label: str = "") -> bool:
        """Correct a line's text; its highlights move with their words, the imported text stays."""
        line = self._line(row)
        target = self._target()
        if line is None or target is None or line.id is None or text == line.text:
            return False
        if not text.strip():
            self.failed.emit(self.tr("A line needs some text: delete the line instead"))
            return False
        line_id = line.id
        old = self._attempt(lambda: self.store.set_text(line_id, text))
        if old is None:
            return False
        state = self._text_state(line, text, *old)
        self.undo.push(SetTexts(target, [state], label or self.tr("Edit line")))
        return True

    def revert_line(self, row: int) -> bool:
        """The line's text back to what was imported (one undo step)."""
        line = self._line(row)
        if line is None or not is_edited(line):
            return False
        return self.edit_text(row, line.original, self.tr("Revert line"))

    @staticmethod
    def _text_state(
        line: Line, text: str, old_text: str, old_marks: Sequence[Highlight]
    ) -> TextState:
        assert line.id is not None
        kept, _dropped = rebase_highlights(old_text, text, old_marks)
        original = line.original
        return TextState(
            line.id,
            old_text,
            deepcopy(list(old_marks)),
            line.original_text,
            text,
            kept,
            None if text == original else original,
        )

    def replace_all(
        self, pattern: str, replacement: str, *, regex: bool, whole_words: bool, case: bool
    ) -> int:
        """Replace in every line of the transcript as one undo step; returns the replacements
        made (0 when nothing matched or the change failed)."""
        target = self._target()
        if target is None or not pattern:
            return 0
        options = {"regex": regex, "whole_words": whole_words, "case": case}
        if self._attempt(lambda: compile_find(pattern, **options)) is None:
            return 0
        changes: list[tuple[int, str]] = []
        total = 0
        try:
            for line in self.model.lines():
                new, count = replace_in_text(line.text, pattern, replacement, **options)
                if count and new != line.text and line.id is not None:
                    changes.append((line.id, new))
                    total += count
        except _FAILURES as err:  # a replacement template naming a missing group
            self.failed.emit(str(err))
            return 0
        if not changes:
            return 0
        old = self._attempt(lambda: self.store.replace_all(changes))
        if old is None:
            return 0
        new_text = dict(changes)
        states = [
            self._text_state(self.model.line_of_id(line_id), new_text[line_id], text, marks)
            for line_id, text, marks in old
        ]
        label = self.tr("Replace in %n line(s)", "", len(states))
        self.undo.push(SetTexts(target, states, label))
        return total

    # -- times ------------------------------------------------------------------------------
    def set_times(self, row: int, start_ms: int, end_ms: int, label: str = "") -> bool:
        line = self._line(row)
        target = self._target()
        if line is None or target is None or line.id is None:
            return False
        if (start_ms, end_ms) == (line.start_ms, line.end_ms) and not line.end_inferred:
            return False
        if not self._times_ok(start_ms, end_ms):
            return False
        line_id = line.id
        old = self._attempt(lambda: self.store.set_times(line_id, start_ms, end_ms))
        if old is None:
            return False
        state = TimeState(line_id, (old[0], old[1], bool(old[2])), (start_ms, end_ms, False))
        self.undo.push(SetTimes(target, [state], label or self.tr("Change times")))
        return True

    def _times_ok(self, start_ms: int, end_ms: int) -> bool:
        try:
            check_times(start_ms, end_ms)
        except ValueError as err:
            self.failed.emit(str(err))
            return False
        return True

    def set_start_here(self, row: int, ms: int) -> bool:
        line = self._line(row)
        if line is None:
            return False
        if ms >= line.end_ms:
            self.failed.emit(
                self.tr("The playhead (%1) is not before the line's end (%2): a line must start")
                .replace("%1", format_hms(max(0, ms)))
                .replace("%2", format_hms(line.end_ms))
                + self.tr(" before it ends.")
            )
            return False
        return self.set_times(row, ms, line.end_ms, self.tr("Set start to playhead"))

    def set_end_here(self, row: int, ms: int) -> bool:
        line = self._line(row)
        if line is None:
            return False
        if ms <= line.start_ms:
            self.failed.emit(
                self.tr("The playhead (%1) is not after the line's start (%2): a line must end")
                .replace("%1", format_hms(max(0, ms)))
                .replace("%2", format_hms(line.start_ms))
                + self.tr(" after it starts.")
            )
            return False
        return self.set_times(row, line.start_ms, ms, self.tr("Set end to playhead"))

    def nudge(self, row: int, which: str, delta_ms: int = NUDGE_MS) -> bool:
        """Move the line's start or end by ``delta_ms`` (negative: earlier)."""
        line = self._line(row)
        if line is None:
            return False
        if which == "start":
            start, end = line.start_ms + delta_ms, line.end_ms
        elif which == "end":
            start, end = line.start_ms, line.end_ms + delta_ms
        else:
            raise ValueError(f"nudge what? {which!r}")
        label = self.tr("Nudge start") if which == "start" else self.tr("Nudge end")
        return self.set_times(row, start, end, label)

    def shift_from(self, row: int, offset_ms: int) -> bool:
        """Move every line from ``row`` to the end by ``offset_ms``: one undo step."""
        line = self._line(row)
        target = self._target()
        if line is None or target is None or line.id is None or not offset_ms:
            return False
        earliest = min(ln.start_ms for ln in self.model.lines()[row:])
        if earliest + offset_ms < 0:
            self.failed.emit(
                self.tr(
                    "That would move a line before the start of the media (%1 earlier)"
                ).replace("%1", format_hms(-offset_ms))
            )
            return False
        line_id = line.id
        position = self._attempt(lambda: self.store.position_of(line_id))
        if position is None:
            return False
        if (
            self._attempt(lambda: self.store.shift_from(target.project_id, position, offset_ms))
            is None
        ):
            return False
        count = self.model.rowCount() - row
        label = self.tr("Shift %n line(s)", "", count)
        self.undo.push(ShiftTimes(target, row, position, offset_ms, label))
        return True

    # -- speakers ---------------------------------------------------------------------------
    def set_speaker(self, rows: Sequence[int], name: str) -> bool:
        target = self._target()
        if target is None:
            return False
        name = name.strip()
        ids = [
            line.id
            for line in (self.model.line(row) for row in sorted(set(rows)))
            if line.id is not None and line.speaker != name
        ]
        if not ids:
            return False
        previous = self._attempt(lambda: self.store.set_speaker(ids, name))
        if previous is None:
            return False
        label = self.tr("Set speaker of %n line(s)", "", len(ids))
        self.undo.push(SetSpeakers(target, previous, name, label))
        return True

    def rename_speaker(self, old: str, new: str) -> bool:
        target = self._target()
        new = new.strip()
        if target is None or old == new:
            return False
        ids = self._attempt(lambda: self.store.rename_speaker(target.project_id, old, new))
        if not ids:
            return False
        label = self.tr("Rename speaker %1").replace("%1", old or self.tr("(none)"))
        self.undo.push(SetSpeakers(target, dict.fromkeys(ids, old), new, label))
        return True

    def speakers(self) -> list[tuple[str, int]]:
        project_id = self._project_id()
        if project_id is None:
            return []
        return self._attempt(lambda: self.store.speakers(project_id)) or []

    # -- lines coming and going ---------------------------------------------------------------
    def _replace(
        self,
        target: EditTarget,
        row: int,
        remove: Sequence[Line],
        new_lines: Sequence[Line],
        label: str,
    ) -> ReplaceRows | None:
        """Write the change (rows from ``row``: ``remove`` become ``new_lines``) and make its
        command, not pushed yet."""
        if row < self.model.rowCount():
            anchor = self.model.line(row).id
            assert anchor is not None
            position = self._attempt(lambda: self.store.position_of(anchor))
        elif row:
            last = self.model.line(row - 1).id
            assert last is not None
            before = self._attempt(lambda: self.store.position_of(last))
            position = None if before is None else before + 1
        else:
            position = 0
        if position is None:
            return None
        ids = [line.id for line in remove if line.id is not None]
        at = position
        result = self._attempt(
            lambda: self.store.replace_lines(target.project_id, ids, at, deepcopy(list(new_lines)))
        )
        if result is None:
            return None
        removed, inserted = result
        return ReplaceRows(target, row, position, removed, inserted, label)

    def split(self, row: int, at_char: int | None = None, at_ms: int | None = None) -> bool:
        """Cut a line in two at ``at_char`` (None: the word boundary nearest the playhead's
        share of the line). Times split at ``at_ms`` when it falls inside the line, else in
        proportion to the text."""
        line = self._line(row)
        target = self._target()
        if line is None or target is None:
            return False
        inside = at_ms is not None and line.start_ms < at_ms < line.end_ms
        when = at_ms if inside else None
        if at_char is None:
            share = 0.5 if when is None else (when - line.start_ms) / max(1, line.duration_ms)
            at_char = split_char(line.text, share)
        cut = at_char
        halves = self._attempt(lambda: split_line(deepcopy(line), cut, when))
        if halves is None:
            return False
        command = self._replace(target, row, [line], list(halves), self.tr("Split line"))
        if command is None:
            return False
        self.undo.push(command)
        return True

    def merge_with_next(self, row: int) -> bool:
        line = self._line(row)
        target = self._target()
        if line is None or target is None:
            return False
        if row + 1 >= self.model.rowCount():
            self.failed.emit(self.tr("The last line has no next line to merge with"))
            return False
        following = self.model.line(row + 1)
        merged = self._attempt(lambda: merge_lines(deepcopy(line), deepcopy(following)))
        if merged is None:
            return False
        label = self.tr("Merge lines")
        command = self._replace(target, row, [line, following], [merged], label)
        if command is None:
            return False
        self.undo.push(command)
        return True

    def insert_at(self, ms: int) -> int | None:
        """A new line at ``ms``, in time order, until the next line starts (at most
        NEW_LINE_MS), with a placeholder text to type over; returns its row."""
        target = self._target()
        if target is None:
            return None
        ms = max(0, ms)
        before = self.model.last_started_row(ms)
        row = 0 if before is None else before + 1
        end = ms + NEW_LINE_MS
        if row < self.model.rowCount() and self.model.line(row).start_ms > ms:
            end = min(end, self.model.line(row).start_ms)
        new = Line(ms, end, self.tr("(new line)"))
        if not self._times_ok(ms, end):
            return None
        command = self._replace(target, row, [], [new], self.tr("Insert line"))
        if command is None:
            return None
        self.undo.push(command)
        self.editRequested.emit(row)
        return row

    def delete_rows(self, rows: Sequence[int]) -> bool:
        """Delete lines (notes and highlights with them) as one undo step."""
        target = self._target()
        runs = [run for run in _runs(rows) if run[0] >= 0 and run[-1] < self.model.rowCount()]
        if target is None or not runs:
            return False
        count = sum(len(run) for run in runs)
        label = self.tr("Delete %n line(s)", "", count)
        done: list[ReplaceRows] = []
        # Bottom-up, so the rows (and positions) of the runs still to go do not move.
        for run in reversed(runs):
            lines = [self.model.line(row) for row in run]
            command = self._replace(target, run[0], lines, [], label)
            if command is None:
                for made in reversed(done):  # all or nothing: put back what went
                    try:
                        made.store_back()
                    except _FAILURES as err:
                        self.failed.emit(str(err))
                return False
            done.append(command)
        self.undo.push(done[0] if len(done) == 1 else EditMacro(label, done))
        return True
