"""A line retimed by dragging its block's edge on the timeline: the list, the timeline and
follow-playback show the new times while the edge moves, and the drop is one undoable step
stored like any other timing edit (the original times stay on record). Esc, or a drop where
it started, leaves the line as it was."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject

from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["DragRetime"]


class TimeEdits(Protocol):
    def set_times(self, row: int, start_ms: int, end_ms: int, label: str = "") -> bool: ...


class DragRetime(QObject):
    def __init__(
        self, model: TranscriptModel, edits: TimeEdits, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._edits = edits
        # (row, start, end, end inferred) of the line being dragged, as it was before
        self._was: tuple[int, int, int, bool] | None = None

    def preview(self, row: int, start_ms: int, end_ms: int) -> None:
        """Show the line at its dragged times; nothing is stored yet."""
        line = self._model.line(row)
        if self._was is None or self._was[0] != row:
            self._was = (row, line.start_ms, line.end_ms, line.end_inferred)
        line.start_ms, line.end_ms = start_ms, end_ms
        self._model.lines_changed([row], times=True)

    def drop(self, row: int, start_ms: int, end_ms: int) -> bool:
        """Store the line's new times as one undoable step; True when they changed."""
        line = self._model.line(row)
        before = (line.start_ms, line.end_ms)
        if self._was is not None and self._was[0] == row:
            _row, line.start_ms, line.end_ms, line.end_inferred = self._was
            before = (line.start_ms, line.end_ms)
        self._was = None
        label = self.tr("Drag Line Start") if start_ms != before[0] else self.tr("Drag Line End")
        changed = (start_ms, end_ms) != before and self._edits.set_times(
            row, start_ms, end_ms, label
        )
        if not changed:  # as it was: show that (the preview may have moved it)
            self._model.lines_changed([row], times=True)
        return changed
