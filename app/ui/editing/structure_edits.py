"""The edits that make lines come and go, as EditSession offers them: a line split in two, two
lines merged, a new line inserted at a time, lines deleted. Each writes the library at once and
becomes one ReplaceRows command (several, in one macro, for a delete of scattered rows).

A collaborator EditSession owns; the session, as an EditContext, supplies the store, the
model, the undo stack and the checks (``line``, ``target``, ``attempt``, ``times_ok``).
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy

from app.core.editing import merge_lines, split_line
from app.core.transcript import Line
from app.ui.editing.edit_commands import EditMacro, EditTarget, ReplaceRows
from app.ui.editing.edit_context import EditContext
from app.ui.review.commands import counted

__all__ = ["NEW_LINE_MS", "StructureEdits", "split_char"]

NEW_LINE_MS = 2000  # an inserted line's length when the next line leaves room


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


class StructureEdits:
    def __init__(self, session: EditContext) -> None:
        self.s = session

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
        if row < self.s.model.rowCount():
            anchor = self.s.model.line(row).id
            assert anchor is not None
            position = self.s.attempt(lambda: self.s.store.position_of(anchor))
        elif row:
            last = self.s.model.line(row - 1).id
            assert last is not None
            before = self.s.attempt(lambda: self.s.store.position_of(last))
            position = None if before is None else before + 1
        else:
            position = 0
        if position is None:
            return None
        ids = [line.id for line in remove if line.id is not None]
        at = position
        result = self.s.attempt(
            lambda: self.s.store.replace_lines(
                target.project_id, ids, at, deepcopy(list(new_lines))
            )
        )
        if result is None:
            return None
        removed, inserted = result
        return ReplaceRows(target, row, position, removed, inserted, label)

    def split(self, row: int, at_char: int | None = None, at_ms: int | None = None) -> bool:
        """Cut a line in two at ``at_char`` (None: the word boundary nearest the playhead's
        share of the line). Times split at ``at_ms`` when it falls inside the line, else in
        proportion to the text."""
        line = self.s.line(row)
        target = self.s.target()
        if line is None or target is None:
            return False
        inside = at_ms is not None and line.start_ms < at_ms < line.end_ms
        when = at_ms if inside else None
        if at_char is None:
            share = 0.5 if when is None else (when - line.start_ms) / max(1, line.duration_ms)
            at_char = split_char(line.text, share)
        try:
            halves = split_line(deepcopy(line), at_char, when)
        except ValueError as err:  # no place to cut: say so where it does not interrupt
            self.s.notice.emit(str(err))
            return False
        command = self._replace(target, row, [line], list(halves), self.s.tr("Split line"))
        if command is None:
            return False
        self.s.undo.push(command)
        return True

    def merge_with_next(self, row: int) -> bool:
        line = self.s.line(row)
        target = self.s.target()
        if line is None or target is None:
            return False
        if row + 1 >= self.s.model.rowCount():
            self.s.notice.emit(self.s.tr("The last line has no next line to merge with"))
            return False
        following = self.s.model.line(row + 1)
        merged = self.s.attempt(lambda: merge_lines(deepcopy(line), deepcopy(following)))
        if merged is None:
            return False
        label = self.s.tr("Merge lines")
        command = self._replace(target, row, [line, following], [merged], label)
        if command is None:
            return False
        self.s.undo.push(command)
        return True

    def insert_at(self, ms: int) -> int | None:
        """A new line at ``ms``, in time order, until the next line starts (at most
        NEW_LINE_MS), with a placeholder text to type over; returns its row."""
        target = self.s.target()
        if target is None:
            return None
        ms = max(0, ms)
        before = self.s.model.last_started_row(ms)
        row = 0 if before is None else before + 1
        end = ms + NEW_LINE_MS
        if row < self.s.model.rowCount() and self.s.model.line(row).start_ms > ms:
            end = min(end, self.s.model.line(row).start_ms)
        new = Line(ms, end, self.s.tr("(new line)"))
        if not self.s.times_ok(ms, end):
            return None
        command = self._replace(target, row, [], [new], self.s.tr("Insert line"))
        if command is None:
            return None
        self.s.undo.push(command)
        self.s.editRequested.emit(row)
        return row

    def delete_rows(self, rows: Sequence[int]) -> bool:
        """Delete lines (notes and highlights with them) as one undo step."""
        target = self.s.target()
        runs = [run for run in _runs(rows) if run[0] >= 0 and run[-1] < self.s.model.rowCount()]
        if target is None or not runs:
            return False
        count = sum(len(run) for run in runs)
        label = counted(count, self.s.tr("Delete line"), self.s.tr("Delete %1 lines"))
        done: list[ReplaceRows] = []
        # Bottom-up, so the rows (and positions) of the runs still to go do not move.
        for run in reversed(runs):
            lines = [self.s.model.line(row) for row in run]
            command = self._replace(target, run[0], lines, [], label)
            if command is None:
                for made in reversed(done):  # all or nothing: put back what went
                    self.s.attempt(made.store_back)
                return False
            done.append(command)
        self.s.undo.push(done[0] if len(done) == 1 else EditMacro(label, done))
        return True
