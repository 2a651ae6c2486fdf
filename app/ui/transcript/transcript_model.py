"""The transcript as a Qt table model: one row per line, columns start, end, duration, CPS,
speaker, text (the view hides those the user has not asked for; timing_cells fills the times).

The model holds the core ``Line`` objects as they are (no per-row Qt objects), so 100k lines cost
one Python list; the view asks only for visible rows. The playing line is marked by
``set_current_row``, which repaints just the old and the new row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.core.timecode import format_hms
from app.core.transcript import Line, LineIndex
from app.ui.transcript.line_texts import (
    EDITED_MARK,
    is_edited,
    line_tooltip,
    notes_spoken,
    notes_tooltip,
)
from app.ui.transcript.timing_cells import TimingCells, TimingKind

__all__ = [
    "EDITED_MARK",
    "PRESENCE_ROLES",
    "EditedRole",
    "HighlightsRole",
    "LineIdRole",
    "StartMsRole",
    "StatusRole",
    "StylesRole",
    "TranscriptModel",
    "is_edited",
]

LineIdRole = Qt.ItemDataRole.UserRole + 1
StartMsRole = Qt.ItemDataRole.UserRole + 2
CurrentRole = Qt.ItemDataRole.UserRole + 3
HighlightsRole = Qt.ItemDataRole.UserRole + 4  # the line's highlights (TEXT column)
StatusRole = Qt.ItemDataRole.UserRole + 5
EditedRole = Qt.ItemDataRole.UserRole + 6  # True when the line was corrected (is_edited)
StylesRole = Qt.ItemDataRole.UserRole + 7  # the line's inline styling runs (TEXT column)

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


#: The roles of the Start cell that carry another reviewer's presence.
PRESENCE_ROLES = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)


def _presence_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Link)


class TranscriptModel(QAbstractTableModel):
    STATUS, NOTES, TIME, END, DURATION, CPS, SPEAKER, TEXT = range(8)
    TIMING: ClassVar[Mapping[int, TimingKind]] = {END: "end", DURATION: "duration", CPS: "cps"}
    lookChanged = Signal()  # how times read or the reading-speed limit: views repaint

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[Line] = []
        self._index = LineIndex(())
        self._current: int | None = None
        self.timing = TimingCells(self)  # how times read, the reading-speed limit
        #: the team's review state of a line in words, for the status cell ("" says nothing),
        #: and the glyph of a line approved but not done yet (None: the status's own glyph)
        self.status_tip: Callable[[Line], str] = lambda _line: ""
        self.pending_glyph: Callable[[Line], tuple[str, QColor] | None] = lambda _line: None
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = (
            *("", "", self.tr("Start"), self.tr("End"), self.tr("Duration"), self.tr("CPS")),
            *(self.tr("Speaker"), self.tr("Text")),
        )
        self._header_tips = (
            *(self.tr("Review status"), self.tr("Notes"), self.tr("When the line starts")),
            self.tr("When the line ends"),
            self.tr("How long the line is shown, in seconds"),
            self.tr("Reading speed: characters per second"),
            *("", ""),
        )
        self._rows_by_id: dict[int, int] | None = None
        self._speaker_colors: dict[str, tuple[QColor, QColor]] = {}  # background, text
        #: Another reviewer's lease on the line, in words ("" for none): the Start cell's
        #: marker and tooltip (app.ui.transcript.presence_marks sets it).
        self.presence_of: Callable[[Line], str] = lambda _line: ""

    # -- content ---------------------------------------------------------------------------
    def set_lines(self, lines: Sequence[Line]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._index = LineIndex.of(self._lines)
        self._current = None
        self._rows_by_id = None
        self.timing.with_hours = any(line.end_ms >= 3_600_000 for line in self._lines[-1:])
        self.endResetModel()

    def set_speaker_colors(self, colors: Mapping[str, tuple[QColor, QColor]]) -> None:
        """Colour the speaker column: name -> (background, readable text colour)."""
        self._speaker_colors = dict(colors)
        if self._lines:
            roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
            last = len(self._lines) - 1
            self.dataChanged.emit(
                self.index(0, self.SPEAKER), self.index(last, self.SPEAKER), roles
            )

    # How times read is a way of showing the lines, not a change of them: no dataChanged over
    # every row (each listener would take it for an edit of 100k lines), a repaint instead.
    def set_time_format(self, *, millis: bool) -> None:
        """Times to the millisecond (``00:01:02.345``) or in whole seconds (``01:02``)."""
        if millis != self.timing.millis:
            self.timing.millis = millis
            self.lookChanged.emit()

    def set_reading_limit(self, max_cps: float) -> None:
        """The reading speed over which the CPS column warns (the checks' limit; 0: none)."""
        if max_cps != self.timing.max_cps:
            self.timing.max_cps = max_cps
            self.lookChanged.emit()

    def line(self, row: int) -> Line:
        return self._lines[row]

    # -- edits: rows in place, rows coming and going ---------------------------------------------
    def lines_changed(self, rows: Iterable[int], *, times: bool = False) -> None:
        """Repaint ``rows`` after their text, speaker or times changed (one dataChanged per run
        of adjacent rows); a timing change also rebuilds the index follow mode bisects."""
        if times:
            self._reindex()
        last = self.columnCount() - 1
        for first, end in _runs(sorted(set(rows))):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def insert_lines(self, row: int, lines: Sequence[Line]) -> None:
        """Put ``lines`` before ``row`` (``rowCount()`` appends), as rows inserted: no reset."""
        if not lines:
            return
        self.beginInsertRows(QModelIndex(), row, row + len(lines) - 1)
        self._lines[row:row] = list(lines)
        if self._current is not None and self._current >= row:
            self._current += len(lines)
        self._reindex()
        self.endInsertRows()

    def remove_rows(self, row: int, count: int) -> list[Line]:
        """Take ``count`` rows out from ``row``; returns the lines taken."""
        if count <= 0:
            return []
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        taken = self._lines[row : row + count]
        del self._lines[row : row + count]
        if self._current is not None and self._current >= row:
            self._current = None if self._current < row + count else self._current - count
        self._reindex()
        self.endRemoveRows()
        return taken

    def replace_rows(self, row: int, count: int, lines: Sequence[Line]) -> list[Line]:
        """``count`` rows from ``row`` become ``lines`` (a split, a merge, a delete, an insert)."""
        taken = self.remove_rows(row, count)
        self.insert_lines(row, lines)
        return taken

    def _reindex(self) -> None:
        self._index = LineIndex.of(self._lines)
        self._rows_by_id = None
        self.timing.with_hours = any(line.end_ms >= 3_600_000 for line in self._lines[-1:])

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
    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.TEXT:
            # Editable for the inline editor; views start editing only with edit triggers set.
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

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
        if col == self.TIME and role in PRESENCE_ROLES and (hint := self.presence_of(line)):
            return hint if role != Qt.ItemDataRole.DecorationRole else _presence_colour()
        if col in self.TIMING:
            value = self.timing.data(self.TIMING[col], line, role)
            if value is not None:
                return value
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TEXT:
                return line.text
            if col == self.TIME:
                return self.timing.clock(line.start_ms)
            if col == self.SPEAKER:
                return line.speaker
            if col == self.STATUS:
                glyph = STATUS_GLYPH.get(line.status) or self.pending_glyph(line)
                return glyph[0] if glyph else ""
            mark = EDITED_MARK if is_edited(line) else ""
            return mark + (f"\u270e{len(line.notes)}" if line.notes else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            glyph = STATUS_GLYPH.get(line.status) or self.pending_glyph(line)
            return glyph[1] if glyph else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.STATUS and (team := self.status_tip(line)):
                return f"{team}\n{line_tooltip(line)}"
            return (col == self.NOTES and notes_tooltip(line)) or line_tooltip(line)
        if (
            col == self.SPEAKER
            and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)
            and line.speaker in self._speaker_colors
        ):
            background, text = self._speaker_colors[line.speaker]
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.BackgroundRole and row == self._current:
            return _current_line_colour()
        if role == Qt.ItemDataRole.FontRole and row == self._current:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.TEXT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == HighlightsRole:
            return line.highlights
        if role == StylesRole:
            return line.styles
        if role == StatusRole:
            return line.status
        if role == EditedRole:
            return is_edited(line)
        if role == Qt.ItemDataRole.EditRole and col == self.TEXT:
            return line.text
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.NOTES:
            return notes_spoken(line)
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


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of adjacent rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
