"""Undoable edits: corrected text, times, speakers, and lines split, merged, inserted, deleted.

As with the review commands (app.ui.review.commands), the change is written before the command is
pushed, so a failure is reported and nothing is pushed; ``redo`` skips that first time. Every
later undo/redo writes back an exact state (``put_*``, ``restore_*``, ``replace_lines``), ids
included, and shows it in the model.

In-place commands find their lines by id, as the review commands do, so rows moving under them
(a split above) do not matter. Structural commands keep the row they acted on: the stack is
linear, so when one of them is undone or redone the rows above it are as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoCommand

from app.core.editing import kept_original_times
from app.core.transcript import Highlight, Line, StyleRun
from app.store.editing import EditStore
from app.ui.review.commands import StoreCommand
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = [
    "EditCommand",
    "EditMacro",
    "EditTarget",
    "ReplaceRows",
    "SetSpeakers",
    "SetTexts",
    "SetTimes",
    "ShiftTimes",
    "TextState",
    "TimeState",
]

Times = tuple[int, int, bool]  # start_ms, end_ms, end_inferred


@dataclass(slots=True)
class EditTarget:
    store: EditStore
    model: TranscriptModel
    project_id: int
    #: After each do/undo/redo: the source rows that changed and, when rows came or went, the
    #: row to select (None for an edit in place).
    changed: Callable[[list[int], int | None], None]
    #: An undo's or redo's write through the conflict dialog (EditSession.guard): False when
    #: the command is to leave the stack. None: written as is.
    guard: Callable[[Callable[[], object]], bool] | None = None


@dataclass(slots=True)
class TextState:
    """One line's text before and after, with what hangs off the text."""

    line_id: int
    before: str
    before_marks: list[Highlight]
    before_original: str | None
    after: str
    after_marks: list[Highlight]
    after_original: str | None
    # Inline styling runs before and after (app.core.styling), put back exactly on undo/redo.
    before_styles: list[StyleRun] = field(default_factory=list)
    after_styles: list[StyleRun] = field(default_factory=list)


@dataclass(slots=True)
class TimeState:
    line_id: int
    before: Times
    after: Times


def _retime(line: Line, start_ms: int, end_ms: int) -> None:
    """New times on the shown line, its imported ones kept as the store keeps them."""
    line.original_start_ms, line.original_end_ms = kept_original_times(line, start_ms, end_ms)
    line.start_ms, line.end_ms = start_ms, end_ms


class EditCommand(StoreCommand):
    """A StoreCommand whose later writes may meet someone else's edit: then the conflict
    dialog decides, and unless "keep mine" wrote it, the command is made obsolete so the stack
    drops it (it no longer describes the line's before and after)."""

    t: EditTarget

    def redo(self) -> None:
        if self._first:
            self._first = False
        elif not self._written(self.store_forward):
            return
        self.show(forward=True)

    def undo(self) -> None:
        if self._written(self.store_back):
            self.show(forward=False)

    def _written(self, write: Callable[[], None]) -> bool:
        if self.t.guard is None:
            write()
            return True
        if self.t.guard(write):
            return True
        self.setObsolete(True)
        return False

    def _rows(self, line_ids: Sequence[int]) -> list[int]:
        rows = (self.t.model.row_of_id(line_id) for line_id in line_ids)
        return [row for row in rows if row is not None]


class SetTexts(EditCommand):
    """Lines' corrected text (one line typed, or every line a Replace All touched)."""

    def __init__(self, target: EditTarget, states: Sequence[TextState], text: str) -> None:
        super().__init__(text, target)
        self.states = list(states)

    def _put(self, forward: bool) -> None:
        store = self.t.store
        if len(self.states) == 1:
            s = self.states[0]
            text, marks = (s.after, s.after_marks) if forward else (s.before, s.before_marks)
            styles = s.after_styles if forward else s.before_styles
            store.put_text_state(s.line_id, text, deepcopy(marks), styles)
            return
        store.put_text_states(
            [
                (s.line_id, *((s.after, s.after_marks) if forward else (s.before, s.before_marks)))
                for s in self.states
            ],
            {s.line_id: s.after_styles if forward else s.before_styles for s in self.states},
        )

    def store_forward(self) -> None:
        self._put(True)

    def store_back(self) -> None:
        self._put(False)

    def show(self, *, forward: bool) -> None:
        model = self.t.model
        for s in self.states:
            line = model.line_of_id(s.line_id)
            line.styles = list(s.after_styles if forward else s.before_styles)
            if forward:
                line.text, line.original_text = s.after, s.after_original
                line.highlights = deepcopy(s.after_marks)
            else:
                line.text, line.original_text = s.before, s.before_original
                line.highlights = deepcopy(s.before_marks)
        rows = self._rows([s.line_id for s in self.states])
        model.lines_changed(rows)
        self.t.changed(rows, None)


class SetTimes(EditCommand):
    """Lines' start and end (typed, set to the playhead, nudged)."""

    def __init__(self, target: EditTarget, states: Sequence[TimeState], text: str) -> None:
        super().__init__(text, target)
        self.states = list(states)

    def store_forward(self) -> None:
        for s in self.states:
            self.t.store.put_times(s.line_id, *s.after)

    def store_back(self) -> None:
        for s in reversed(self.states):
            self.t.store.put_times(s.line_id, *s.before)

    def show(self, *, forward: bool) -> None:
        model = self.t.model
        for s in self.states:
            line = model.line_of_id(s.line_id)
            start, end, inferred = s.after if forward else s.before
            _retime(line, start, end)
            line.end_inferred = inferred
        rows = self._rows([s.line_id for s in self.states])
        model.lines_changed(rows, times=True)
        self.t.changed(rows, None)


class ShiftTimes(EditCommand):
    """Every line from ``row`` on moved by ``offset_ms`` (a late or early transcript)."""

    def __init__(
        self, target: EditTarget, row: int, position: int, offset_ms: int, text: str
    ) -> None:
        super().__init__(text, target)
        self.row, self.position, self.offset = row, position, offset_ms

    def store_forward(self) -> None:
        self.t.store.shift_from(self.t.project_id, self.position, self.offset)

    def store_back(self) -> None:
        self.t.store.shift_from(self.t.project_id, self.position, -self.offset)

    def show(self, *, forward: bool) -> None:
        model = self.t.model
        offset = self.offset if forward else -self.offset
        rows = range(self.row, model.rowCount())
        for row in rows:
            line = model.line(row)
            _retime(line, line.start_ms + offset, line.end_ms + offset)
        model.lines_changed(rows, times=True)
        self.t.changed(list(rows), None)


class SetSpeakers(EditCommand):
    """Lines' speaker: set on a selection, or one name renamed everywhere."""

    def __init__(
        self, target: EditTarget, previous: dict[int, str], speaker: str, text: str
    ) -> None:
        super().__init__(text, target)
        self.previous, self.speaker = dict(previous), speaker

    def store_forward(self) -> None:
        self.t.store.set_speaker(list(self.previous), self.speaker)

    def store_back(self) -> None:
        self.t.store.restore_speakers(self.previous)

    def show(self, *, forward: bool) -> None:
        model = self.t.model
        for line_id, before in self.previous.items():
            model.line_of_id(line_id).speaker = self.speaker if forward else before
        rows = self._rows(list(self.previous))
        model.lines_changed(rows)
        self.t.changed(rows, None)


class EditMacro(QUndoCommand):
    """Several commands as one undo step, run in order and undone in reverse.

    Holds its steps itself rather than as Qt children: a child's Python side would be collected
    once the code that made it returns, leaving Qt a command without its overrides."""

    def __init__(self, text: str, steps: Sequence[QUndoCommand]) -> None:
        super().__init__(text)
        self.steps = list(steps)

    def redo(self) -> None:
        for step in self.steps:
            step.redo()
        self._drop_if_a_step_went()

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.undo()
        self._drop_if_a_step_went()

    def _drop_if_a_step_went(self) -> None:
        if any(step.isObsolete() for step in self.steps):
            self.setObsolete(True)  # a step met a conflict: the stack drops the whole step


class ReplaceRows(EditCommand):
    """Rows from ``row`` on, ``removed``, became ``inserted`` (both as stored, with ids): a
    split, a merge, an insert (nothing removed) or a delete (nothing inserted)."""

    def __init__(
        self,
        target: EditTarget,
        row: int,
        position: int,
        removed: Sequence[Line],
        inserted: Sequence[Line],
        text: str,
    ) -> None:
        super().__init__(text, target)
        self.row, self.position = row, position
        self.removed, self.inserted = deepcopy(list(removed)), deepcopy(list(inserted))

    def _swap(self, out: Sequence[Line], into: Sequence[Line]) -> None:
        ids = [line.id for line in out if line.id is not None]
        self.t.store.replace_lines(self.t.project_id, ids, self.position, deepcopy(list(into)))

    def store_forward(self) -> None:
        self._swap(self.removed, self.inserted)

    def store_back(self) -> None:
        self._swap(self.inserted, self.removed)

    def show(self, *, forward: bool) -> None:
        out, into = (self.removed, self.inserted) if forward else (self.inserted, self.removed)
        self.t.model.replace_rows(self.row, len(out), deepcopy(into))
        self.t.changed(list(range(self.row, self.row + len(into))), self.row)
