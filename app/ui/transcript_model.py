"""The transcript as a Qt table model: one row per line, columns time, speaker, text.

The model holds the core ``Line`` objects as they are (no per-row Qt objects), so 100k lines cost
one Python list; the view asks only for visible rows. The playing line is marked by
``set_current_row``, which repaints just the old and the new row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.core.timecode import format_clock, format_hms
from app.core.transcript import Line, LineIndex

__all__ = ["HighlightsRole", "LineIdRole", "StartMsRole", "StatusRole", "TranscriptModel"]

LineIdRole = Qt.ItemDataRole.UserRole + 1
StartMsRole = Qt.ItemDataRole.UserRole + 2
CurrentRole = Qt.ItemDataRole.UserRole + 3
HighlightsRole = Qt.ItemDataRole.UserRole + 4  # the line's highlights (TEXT column)
StatusRole = Qt.ItemDataRole.UserRole + 5

#: What the status column shows, and in which colour (colours read on light and dark bases).
STATUS_GLYPH = {"approved": ("\u2713", QColor("#2e9d44")), "flagged": ("\u2691", QColor("#d93025"))}

_Index = QModelIndex | QPersistentModelIndex


def _current_line_colour() -> QColor:
    """A tint of the palette's highlight over the base colour: reads in light and dark schemes
    and stays distinct from the (full-strength) selection colour."""
    palette = QApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    mark = palette.color(QPalette.ColorRole.Highlight)
    mix = 0.35
    return QColor(
        round(base.red() + (mark.red() - base.red()) * mix),
        round(base.green() + (mark.green() - base.green()) * mix),
        round(base.blue() + (mark.blue() - base.blue()) * mix),
    )


class TranscriptModel(QAbstractTableModel):
    STATUS, NOTES, TIME, SPEAKER, TEXT = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[Line] = []
        self._index = LineIndex(())
        self._current: int | None = None
        self._with_hours = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = ("", "", self.tr("Time"), self.tr("Speaker"), self.tr("Text"))
        self._header_tips = (self.tr("Review status"), self.tr("Notes"), "", "", "")
        self._rows_by_id: dict[int, int] | None = None

    # -- content ---------------------------------------------------------------------------
    def set_lines(self, lines: Sequence[Line]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._index = LineIndex.of(self._lines)
        self._current = None
        self._rows_by_id = None
        self._with_hours = any(line.start_ms >= 3_600_000 for line in self._lines[-1:])
        self.endResetModel()

    def line(self, row: int) -> Line:
        return self._lines[row]

    def lines(self) -> Sequence[Line]:
        return self._lines

    def row_at_time(self, ms: int) -> int | None:
        """The row playing at ``ms`` (None in a gap or before the first line)."""
        return self._index.line_at(ms)

    def last_started_row(self, ms: int) -> int | None:
        return self._index.last_started(ms)

    def row_of_id(self, line_id: int) -> int | None:
        if self._rows_by_id is None:  # built on first use: most sessions never need it
            self._rows_by_id = {line.id: row for row, line in enumerate(self._lines) if line.id}
        return self._rows_by_id.get(line_id)

    def line_of_id(self, line_id: int) -> Line:
        row = self.row_of_id(line_id)
        if row is None:
            raise LookupError(f"line {line_id} is not in this transcript")
        return self._lines[row]

    def refresh_line(self, line_id: int) -> None:
        """Repaint one line after its status, notes or highlights changed."""
        row = self.row_of_id(line_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- the playing line ------------------------------------------------------------------
    @property
    def current_row(self) -> int | None:
        return self._current

    def set_current_row(self, row: int | None) -> bool:
        """Mark ``row`` as playing; returns True when it changed (and only then repaints)."""
        old = self._current
        if row == old:
            return False
        self._current = row
        last = self.columnCount() - 1
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole, CurrentRole]
        for changed in (old, row):
            if changed is not None:
                self.dataChanged.emit(self.index(changed, 0), self.index(changed, last), roles)
        return True

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section] or None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        line = self._lines[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TEXT:
                return line.text
            if col == self.TIME:
                return format_clock(line.start_ms, with_hours=self._with_hours)
            if col == self.SPEAKER:
                return line.speaker
            if col == self.STATUS:
                glyph = STATUS_GLYPH.get(line.status)
                return glyph[0] if glyph else ""
            return f"\u270e{len(line.notes)}" if line.notes else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            glyph = STATUS_GLYPH.get(line.status)
            return glyph[1] if glyph else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NOTES and line.notes:
                return "\n\n".join(
                    f"{n.author}: {n.body}" if n.author else n.body for n in line.notes
                )
            end = format_hms(line.end_ms) + (self.tr(" (inferred)") if line.end_inferred else "")
            return f"{format_hms(line.start_ms)} \u2192 {end}\n{line.text}"
        if role == Qt.ItemDataRole.BackgroundRole and row == self._current:
            return _current_line_colour()
        if role == Qt.ItemDataRole.FontRole and row == self._current:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.TEXT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == HighlightsRole:
            return line.highlights
        if role == StatusRole:
            return line.status
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.STATUS:
            return line.status
        if role == LineIdRole:
            return line.id
        if role == StartMsRole:
            return line.start_ms
        if role == CurrentRole:
            return row == self._current
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.TIME:
            return format_hms(line.start_ms)
        return None
