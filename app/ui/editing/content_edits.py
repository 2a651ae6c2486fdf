"""The edits of a line's content, as EditSession offers them: corrected text (and Replace All
across the transcript), start and end times (set, set to the playhead, nudged, shifted from a line
on), and speakers (set on lines, renamed everywhere).

A collaborator EditSession owns (it holds the signals, the count of corrected lines and the
checks every edit shares, as an EditContext); nothing here imports the session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import deepcopy

from app.core.editing import compile_find, is_retimed, replace_in_text, text_edited
from app.core.review import rebase_highlights
from app.core.styling import rebase_runs
from app.core.timecode import format_hms
from app.core.transcript import Highlight, Line
from app.store.edit_text import TextState as TextState_
from app.ui.editing.edit_commands import (
    SetSpeakers,
    SetTexts,
    SetTimes,
    ShiftTimes,
    TextState,
    TimeState,
)
from app.ui.editing.edit_context import EditContext
from app.ui.review.commands import counted

__all__ = ["NUDGE_MS", "ContentEdits"]

NUDGE_MS = 100


class ContentEdits:
    def __init__(self, session: EditContext) -> None:
        self.s = session

    # -- text -------------------------------------------------------------------------------
    def edit_text(self, row: int, text: str, label: str = "") -> bool:
        """Correct a line's text; its highlights move with their words, the imported text stays."""
        line = self.s.line(row)
        target = self.s.target()
        if line is None or target is None or line.id is None or text == line.text:
            return False
        if not text.strip():
            self.s.failed.emit(self.s.tr("A line needs some text: delete the line instead"))
            return False
        line_id = line.id
        written = [text]  # "edit both" in a conflict writes the merged text instead

        def write(words: str) -> Callable[[], tuple[str, list[Highlight]]]:
            written[:] = [words]
            return lambda: self.s.store.set_text(line_id, words)

        old = self.s.attempt(write(text), lambda _line_id, merged: write(merged))
        if old is None:
            return False
        state = self._text_state(line, written[0], *old)
        self.s.undo.push(SetTexts(target, [state], label or self.s.tr("Edit line")))
        return True

    def revert_line(self, row: int) -> bool:
        """The line's text back to what was imported (one undo step)."""
        line = self.s.line(row)
        if line is None or not text_edited(line):
            return False
        return self.edit_text(row, line.original, self.s.tr("Revert line"))

    def revert_times(self, row: int) -> bool:
        """The line's start and end back to what was imported (one undo step)."""
        line = self.s.line(row)
        if line is None or not is_retimed(line):
            return False
        start, end = line.original_start_ms, line.original_end_ms
        assert start is not None and end is not None
        return self.set_times(row, start, end, self.s.tr("Revert times"))

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
            list(line.styles),
            rebase_runs(old_text, text, line.styles),  # what the store made of them
        )

    def replace_all(
        self, pattern: str, replacement: str, *, regex: bool, whole_words: bool, case: bool
    ) -> int:
        """Replace in every line of the transcript as one undo step; returns the replacements
        made (0 when nothing matched or the change failed)."""
        target = self.s.target()
        if target is None or not pattern:
            return 0
        options = {"regex": regex, "whole_words": whole_words, "case": case}
        if self.s.attempt(lambda: compile_find(pattern, **options)) is None:
            return 0

        def find_changes() -> tuple[list[tuple[int, str]], int]:
            changes: list[tuple[int, str]] = []
            total = 0
            for line in self.s.model.lines():
                new, count = replace_in_text(line.text, pattern, replacement, **options)
                if count and new != line.text and line.id is not None:
                    changes.append((line.id, new))
                    total += count
            return changes, total

        found = self.s.attempt(find_changes)  # fails on a template naming a missing group
        if found is None:
            return 0
        changes, total = found
        if not changes:
            return 0
        new_text = dict(changes)

        def merge(line_id: int, merged: str) -> Callable[[], list[TextState_]]:
            new_text[line_id] = merged  # "edit both": that line gets the merged text
            return lambda: self.s.store.replace_all(list(new_text.items()))

        old = self.s.attempt(lambda: self.s.store.replace_all(changes), merge)
        if old is None:
            return 0
        states = [
            self._text_state(self.s.model.line_of_id(line_id), new_text[line_id], text, marks)
            for line_id, text, marks in old
        ]
        label = counted(len(states), self.s.tr("Replace in line"), self.s.tr("Replace in %1 lines"))
        self.s.undo.push(SetTexts(target, states, label))
        return total

    # -- times ------------------------------------------------------------------------------
    def set_times(self, row: int, start_ms: int, end_ms: int, label: str = "") -> bool:
        line = self.s.line(row)
        target = self.s.target()
        if line is None or target is None or line.id is None:
            return False
        if (start_ms, end_ms) == (line.start_ms, line.end_ms) and not line.end_inferred:
            return False
        if not self.s.times_ok(start_ms, end_ms):
            return False
        line_id = line.id
        old = self.s.attempt(lambda: self.s.store.set_times(line_id, start_ms, end_ms))
        if old is None:
            return False
        state = TimeState(line_id, (old[0], old[1], bool(old[2])), (start_ms, end_ms, False))
        self.s.undo.push(SetTimes(target, [state], label or self.s.tr("Change times")))
        return True

    def set_start_here(self, row: int, ms: int) -> bool:
        line = self.s.line(row)
        if line is None:
            return False
        if ms >= line.end_ms:
            self.s.failed.emit(
                self.s.tr("The playhead (%1) is not before the line's end (%2): a line must start")
                .replace("%1", format_hms(max(0, ms)))
                .replace("%2", format_hms(line.end_ms))
                + self.s.tr(" before it ends.")
            )
            return False
        return self.set_times(row, ms, line.end_ms, self.s.tr("Set start to playhead"))

    def set_end_here(self, row: int, ms: int) -> bool:
        line = self.s.line(row)
        if line is None:
            return False
        if ms <= line.start_ms:
            self.s.failed.emit(
                self.s.tr("The playhead (%1) is not after the line's start (%2): a line must end")
                .replace("%1", format_hms(max(0, ms)))
                .replace("%2", format_hms(line.start_ms))
                + self.s.tr(" after it starts.")
            )
            return False
        return self.set_times(row, line.start_ms, ms, self.s.tr("Set end to playhead"))

    def nudge(self, row: int, which: str, delta_ms: int = NUDGE_MS) -> bool:
        """Move the line's start or end by ``delta_ms`` (negative: earlier)."""
        line = self.s.line(row)
        if line is None:
            return False
        if which == "start":
            start, end = line.start_ms + delta_ms, line.end_ms
        elif which == "end":
            start, end = line.start_ms, line.end_ms + delta_ms
        else:
            raise ValueError(f"nudge what? {which!r}")
        label = self.s.tr("Nudge start") if which == "start" else self.s.tr("Nudge end")
        return self.set_times(row, start, end, label)

    def shift_from(self, row: int, offset_ms: int) -> bool:
        """Move every line from ``row`` to the end by ``offset_ms``: one undo step."""
        line = self.s.line(row)
        target = self.s.target()
        if line is None or target is None or line.id is None or not offset_ms:
            return False
        earliest = min(ln.start_ms for ln in self.s.model.lines()[row:])
        if earliest + offset_ms < 0:
            self.s.failed.emit(
                self.s.tr(
                    "That would move a line before the start of the media (%1 earlier)"
                ).replace("%1", format_hms(-offset_ms))
            )
            return False
        line_id = line.id
        position = self.s.attempt(lambda: self.s.store.position_of(line_id))
        if position is None:
            return False
        if (
            self.s.attempt(lambda: self.s.store.shift_from(target.project_id, position, offset_ms))
            is None
        ):
            return False
        count = self.s.model.rowCount() - row
        label = counted(count, self.s.tr("Shift line"), self.s.tr("Shift %1 lines"))
        self.s.undo.push(ShiftTimes(target, row, position, offset_ms, label))
        return True

    # -- speakers ---------------------------------------------------------------------------
    def set_speaker(self, rows: Sequence[int], name: str) -> bool:
        target = self.s.target()
        if target is None:
            return False
        name = name.strip()
        ids = [
            line.id
            for line in (self.s.model.line(row) for row in sorted(set(rows)))
            if line.id is not None and line.speaker != name
        ]
        if not ids:
            return False
        previous = self.s.attempt(lambda: self.s.store.set_speaker(ids, name))
        if previous is None:
            return False
        label = counted(
            len(ids), self.s.tr("Set speaker of line"), self.s.tr("Set speaker of %1 lines")
        )
        self.s.undo.push(SetSpeakers(target, previous, name, label))
        return True

    def rename_speaker(self, old: str, new: str) -> bool:
        target = self.s.target()
        new = new.strip()
        if target is None or old == new:
            return False
        ids = self.s.attempt(lambda: self.s.store.rename_speaker(target.project_id, old, new))
        if not ids:
            return False
        label = self.s.tr("Rename speaker %1").replace("%1", old or self.s.tr("(none)"))
        self.s.undo.push(SetSpeakers(target, dict.fromkeys(ids, old), new, label))
        return True

    def speakers(self) -> list[tuple[str, int]]:
        project_id = self.s.project_id()
        if project_id is None:
            return []
        return self.s.attempt(lambda: self.s.store.speakers(project_id)) or []
