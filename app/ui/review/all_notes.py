"""Every note of the open project in one table: time, line, author, note; a click or Enter on a
row jumps to its line (the window seeks the video on ``noteActivated``).

Built from the shown lines (all notes are in memory already), not from the database: 10k notes
take a few milliseconds. Changes only mark the table stale; it is rebuilt once per event-loop
turn while visible, or when it is next shown, so a hidden dock costs nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.timecode import format_clock, format_hms
from app.ui.review.notes_panel import excerpt, local_time
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.transcript_model import LineIdRole
from app.ui.widgets.list_table import configure_list_table

__all__ = ["AllNotesModel", "AllNotesView", "NoteIdRole"]

NoteIdRole = Qt.ItemDataRole.UserRole + 10
_Index = QModelIndex | QPersistentModelIndex


class _Row(NamedTuple):
    line_id: int
    start_ms: int
    line_text: str
    author: str
    body: str
    created_at: str
    note_id: int | None


class AllNotesModel(QAbstractTableModel):
    TIME, LINE, AUTHOR, NOTE = range(4)

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._rows: list[_Row] = []
        self._with_hours = False
        self._dirty = True
        self._live = False  # rebuild as soon as something changes (the view is shown)
        self._headers = (self.tr("Time"), self.tr("Line"), self.tr("Author"), self.tr("Note"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # many changes in one turn (undo of a macro): one rebuild
        self._timer.timeout.connect(self.refresh)
        session.lineChanged.connect(self.mark_dirty)
        session.model.modelReset.connect(self.mark_dirty)

    def mark_dirty(self) -> None:
        self._dirty = True
        if self._live:
            self._timer.start()

    def set_live(self, live: bool) -> None:
        """While live (shown), changes are applied at once; otherwise on the next refresh."""
        self._live = live
        if live:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild from the shown lines if anything changed since the last build."""
        if not self._dirty:
            return
        self.beginResetModel()
        rows: list[_Row] = []
        append = rows.append
        for line in self.session.model.lines():
            if line.notes and line.id is not None:
                for note in line.notes:
                    append(
                        _Row(
                            line.id,
                            line.start_ms,
                            line.text,
                            note.author,
                            note.body,
                            note.created_at,
                            note.id,
                        )
                    )
        self._rows = rows
        self._with_hours = bool(rows) and rows[-1].start_ms >= 3_600_000
        self._dirty = False
        self.endResetModel()

    def row(self, row: int) -> _Row:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TIME:
                return format_clock(item.start_ms, with_hours=self._with_hours)
            if col == self.LINE:
                return excerpt(item.line_text, 60)
            if col == self.AUTHOR:
                return item.author
            return " ".join(item.body.split())  # one row each: newlines would be cut off
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NOTE:
                return f"{item.author} · {local_time(item.created_at)}\n\n{item.body}"
            if col == self.LINE:
                return item.line_text
            return format_hms(item.start_ms)
        if role == LineIdRole:
            return item.line_id
        if role == NoteIdRole:
            return item.note_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.TIME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class AllNotesView(QWidget):
    """The table and a count; ``noteActivated(line_id)`` on a click or Enter."""

    noteActivated = Signal(int)

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allNotes")
        self.setAccessibleName(self.tr("All notes"))
        self.model = AllNotesModel(session, self)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of notes"))
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("All notes"))
        self.table.setModel(self.model)
        configure_list_table(self.table)
        columns = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        columns.setSectionResizeMode(AllNotesModel.TIME, QHeaderView.ResizeMode.Fixed)
        columns.resizeSection(AllNotesModel.TIME, metrics.horizontalAdvance("0:00:00") + 20)
        columns.resizeSection(AllNotesModel.LINE, metrics.horizontalAdvance("m" * 16))
        columns.resizeSection(AllNotesModel.AUTHOR, metrics.horizontalAdvance("m" * 7))
        columns.setStretchLastSection(True)
        self.table.clicked.connect(self._activate)
        self.table.installEventFilter(self)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self._kept: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.count_label.setContentsMargins(6, 2, 6, 4)
        self._update_count()

    def _activate(self, index: QModelIndex) -> None:
        line_id = index.data(LineIdRole) if index.isValid() else None
        if line_id is not None:
            self.noteActivated.emit(int(line_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter activates the row here; QTableView's own "activated" would also fire on a
        # single click in some styles, and the click is handled already.
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._activate(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_live(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_live(False)

    def _remember(self) -> None:
        current = self.table.currentIndex()
        self._kept = current.data(NoteIdRole) if current.isValid() else None

    def _restore(self) -> None:
        self._update_count()
        if self._kept is None:
            return
        for row in range(self.model.rowCount()):
            if self.model.row(row).note_id == self._kept:
                self.table.selectRow(row)
                break

    def _update_count(self) -> None:
        count = self.model.rowCount()
        text = self.tr("1 note") if count == 1 else self.tr("%1 notes").replace("%1", str(count))
        self.count_label.setText(text)
