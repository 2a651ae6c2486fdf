"""The transcript table: fixed-height rows (so 100k lines cost what the visible rows cost), a
click or Enter seeks, and it tells apart the user's own scrolling from ours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.transcript_model import TranscriptModel

__all__ = ["TranscriptView"]


class TranscriptView(QTableView):
    lineActivated = Signal(int)  # row: the user clicked a line or pressed Enter on it
    userScrolled = Signal()  # the user moved the view (wheel, scroll bar, keys), not follow mode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptView")
        self.setAccessibleName(self.tr("Transcript"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Two wrapped lines per row, the same for every row: most transcript lines show whole,
        # and fixed heights keep 100k rows as cheap as the visible ones (the tooltip has it all).
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        self._programmatic_scroll = 0
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.clicked.connect(self._on_clicked)

    def setModel(self, model: TranscriptModel) -> None:  # type: ignore[override]
        super().setModel(model)
        header = self.horizontalHeader()
        # Sized from sample text, not ResizeToContents, which would measure every row.
        metrics = self.fontMetrics()
        fixed = {
            TranscriptModel.STATUS: metrics.horizontalAdvance("\u2691") + 16,
            TranscriptModel.NOTES: metrics.horizontalAdvance("\u270e99") + 12,
            TranscriptModel.TIME: metrics.horizontalAdvance("0:00:00") + 20,
        }
        for column, width in fixed.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.setSectionResizeMode(TranscriptModel.SPEAKER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TranscriptModel.SPEAKER, 110)
        header.setSectionResizeMode(TranscriptModel.TEXT, QHeaderView.ResizeMode.Stretch)

    def show_row(self, row: int, *, center: bool = False) -> None:
        """Scroll ``row`` into view without it counting as the user's scroll."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        hint = (
            QAbstractItemView.ScrollHint.PositionAtCenter
            if center
            else QAbstractItemView.ScrollHint.EnsureVisible
        )
        self._programmatic_scroll += 1
        try:
            self.scrollTo(model.index(row, TranscriptModel.TEXT), hint)
        finally:
            self._programmatic_scroll -= 1

    def keep_in_view(self, row: int, *, force: bool = False) -> None:
        """Follow mode's scrolling: move only when ``row`` leaves a comfortable band, then put it a
        third of the way down, so the reader sees what comes next and the view does not move on
        every line (which would repaint every visible row)."""
        rect = self.visualRect(self.model().index(row, 0))
        height = self.viewport().height()
        if not force and rect.top() >= 0 and rect.bottom() <= height * 0.8:
            return
        bar = self.verticalScrollBar()
        target = bar.value() + rect.top() - height // 3
        self._programmatic_scroll += 1
        try:
            bar.setValue(max(0, min(bar.maximum(), target)))
        finally:
            self._programmatic_scroll -= 1

    def is_row_visible(self, row: int) -> bool:
        rect = self.visualRect(self.model().index(row, 0))
        return rect.isValid() and self.viewport().rect().contains(rect)

    def _on_scroll(self, _value: int) -> None:
        if not self._programmatic_scroll:
            self.userScrolled.emit()

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.lineActivated.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            index = self.currentIndex()
            if index.isValid():
                self.lineActivated.emit(index.row())
                event.accept()
                return
        super().keyPressEvent(event)
