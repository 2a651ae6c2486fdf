"""The transcript table: two-row-high lines (so 100k lines cost what the visible rows cost) but
for the current one, which grows to show its text whole; a click or Enter seeks, and it tells
apart the user's own scrolling from ours.

It shows the transcript through a FilterProxy (search and filters), but every row number in its
methods and signals is a row of the TranscriptModel (a "source row"): callers never see the
filter's numbering.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QElapsedTimer,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from app.ui.transcript.filter_model import FilterProxy
from app.ui.transcript.timing_columns import TimingColumns
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["TranscriptView"]


class TranscriptView(QTableView):
    lineActivated = Signal(int)  # source row: the user clicked a line or pressed Enter on it
    userScrolled = Signal()  # the user moved the view (wheel, scroll bar, keys), not follow mode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptView")
        self.setAccessibleName(self.tr("Transcript"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Two wrapped lines per row: most transcript lines show whole, and one height for all
        # keeps 100k rows as cheap as the visible ones; the current line's row grows to show
        # its whole text (fit_current_row), the tooltip has it too.
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
        self._tall: QPersistentModelIndex | None = None  # the row grown to show its text whole
        self._editor_height = 0  # while the row's text is edited: the editor's own height
        self._stale: list[QPersistentModelIndex] = []  # grown rows to shrink back (later)
        self._last_press = QElapsedTimer()
        self._programmatic_scroll = 0
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.clicked.connect(self._on_clicked)

    def setModel(self, model: TranscriptModel | FilterProxy) -> None:  # type: ignore[override]
        """Show a transcript; a bare TranscriptModel gets a FilterProxy of its own."""
        proxy = model if isinstance(model, FilterProxy) else FilterProxy(model, self)
        super().setModel(proxy)
        self.proxy = proxy
        header = self.horizontalHeader()
        # The fixed columns are sized from sample text, not ResizeToContents, which would
        # measure every row; End, Duration and CPS show when the user asks for them.
        source = proxy.sourceModel()
        assert isinstance(source, TranscriptModel)
        self.columns = TimingColumns(self, source)
        header.setSectionResizeMode(TranscriptModel.SPEAKER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TranscriptModel.SPEAKER, 110)
        header.setSectionResizeMode(TranscriptModel.TEXT, QHeaderView.ResizeMode.Stretch)
        # The current line's row grows to its whole text (the rest keep two rows of it).
        self.selectionModel().currentRowChanged.connect(self.fit_current_row)
        proxy.dataChanged.connect(self.fit_current_row)
        proxy.modelReset.connect(self._forget_tall)
        header.sectionResized.connect(self.fit_current_row)

    # -- source rows <-> what the view shows ------------------------------------------------
    def _index(self, row: int, column: int = TranscriptModel.TEXT) -> QModelIndex | None:
        """The view's index of source ``row``; None when the filter hides it."""
        shown = (
            self.proxy.proxy_row(row) if 0 <= row < self.proxy.sourceModel().rowCount() else None
        )
        return None if shown is None else self.proxy.index(shown, column)

    def _source(self, index: QModelIndex | QPersistentModelIndex) -> int:
        return self.proxy.source_row(index.row())

    # -- scrolling --------------------------------------------------------------------------
    def _scroll(self, action: object) -> None:
        self._programmatic_scroll += 1
        try:
            action()  # type: ignore[operator]
        finally:
            self._programmatic_scroll -= 1

    def show_row(self, row: int, *, center: bool = False) -> None:
        """Scroll source ``row`` into view without it counting as the user's scroll."""
        index = self._index(row)
        if index is None:
            return
        hint = (
            QAbstractItemView.ScrollHint.PositionAtCenter
            if center
            else QAbstractItemView.ScrollHint.EnsureVisible
        )
        self._scroll(lambda: self.scrollTo(index, hint))

    def keep_in_view(self, row: int, *, force: bool = False) -> None:
        """Follow mode's scrolling: move only when ``row`` leaves a comfortable band, then put it a
        third of the way down, so the reader sees what comes next and the view does not move on
        every line (which would repaint every visible row)."""
        index = self._index(row, 0)
        if index is None:
            return
        rect = self.visualRect(index)
        height = self.viewport().height()
        if not force and rect.top() >= 0 and rect.bottom() <= height * 0.8:
            return
        bar = self.verticalScrollBar()
        target = max(0, min(bar.maximum(), bar.value() + rect.top() - height // 3))
        self._scroll(lambda: bar.setValue(target))

    def row_rect(self, row: int, column: int = TranscriptModel.TEXT) -> QRect:
        """Where source ``row`` is drawn in the viewport (an empty rect when filtered out)."""
        index = self._index(row, column)
        return QRect() if index is None else self.visualRect(index)

    def is_row_visible(self, row: int) -> bool:
        rect = self.row_rect(row, 0)
        return rect.isValid() and self.viewport().rect().contains(rect)

    # -- the current line's row, tall enough for its text --------------------------------------
    def _forget_tall(self) -> None:
        self._tall = None
        self._editor_height = 0

    def fit_current_row(self, *_args: object) -> None:
        """Give the current line's row the height its whole text needs (at least the default;
        while it is edited, the editor's); put the row it had before back to the default."""
        rows = self.verticalHeader()
        default = rows.defaultSectionSize()
        current = self.currentIndex()
        if self._tall is not None and self._tall.isValid() and self._tall.row() != current.row():
            self._stale.append(self._tall)
            self._shrink_stale()
        self._tall = None
        if not current.isValid():
            return
        text = current.siblingAtColumn(TranscriptModel.TEXT)
        delegate = self.itemDelegateForColumn(TranscriptModel.TEXT) or self.itemDelegate()
        measure = getattr(delegate, "text_height", None)
        needed = measure(self, text) if callable(measure) else default
        height = max(default, needed, self._editor_height)
        height = min(height, max(default, self.viewport().height()))
        if rows.sectionSize(current.row()) != height:
            rows.resizeSection(current.row(), height)
        self._tall = QPersistentModelIndex(current)

    def _shrink_stale(self) -> None:
        """Rows that were the current line's go back to the default height, but not within a
        double-click's time of a click: the clicked row must stay under the mouse for the second
        click (the first made it current, and a row above shrinking would move it). The view
        keeps still as they shrink: a row above the top is scrolled for."""
        if self._clicked_lately():
            QTimer.singleShot(QApplication.doubleClickInterval() // 2 + 1, self._shrink_stale)
            return
        rows = self.verticalHeader()
        default = rows.defaultSectionSize()
        current = self.currentIndex().row()
        bar = self.verticalScrollBar()
        for index in self._stale:
            if not index.isValid() or index.row() == current:
                continue
            delta = rows.sectionSize(index.row()) - default
            above = rows.sectionViewportPosition(index.row()) < 0
            rows.resizeSection(index.row(), default)
            if above and delta > 0:
                self._scroll(lambda d=delta: bar.setValue(max(0, bar.value() - d)))
        self._stale.clear()

    def _clicked_lately(self) -> bool:
        return self._last_press.isValid() and (
            self._last_press.elapsed() < QApplication.doubleClickInterval()
        )

    def updateGeometries(self) -> None:
        # The viewport or the columns changed size (the window laid out, a scroll bar came):
        # the current row, measured for the old ones, is measured again.
        super().updateGeometries()
        if self.model() is not None:  # not while __init__ builds the view
            self.fit_current_row()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._last_press.start()
        super().mousePressEvent(event)

    def set_editor_height(self, height: int) -> None:
        """The inline editor's height for the current row (0: it closed)."""
        if height != self._editor_height:
            self._editor_height = height
            self.fit_current_row()

    # -- selection --------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The selected lines as source rows, in order (the current line when none is)."""
        selection = self.selectionModel()
        rows = {self._source(index) for index in selection.selectedRows()} if selection else set()
        if not rows and self.currentIndex().isValid():
            rows = {self._source(self.currentIndex())}
        return sorted(rows)

    def current_source_row(self) -> int | None:
        index = self.currentIndex()
        return self._source(index) if index.isValid() else None

    def go_to_row(self, row: int) -> None:
        """Make source ``row`` the current, only selected line and show it."""
        index = self._index(row)
        if index is None:
            return
        # Not setCurrentIndex/selectRow: they read the keyboard's modifiers, so a command on
        # Shift+A or Ctrl+R would extend or keep the old selection instead of replacing it.
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.show_row(row)

    def next_shown_row(self, step: int) -> int | None:
        """The source row ``step`` shown rows after the current one (wrapping round; from the
        top, or the bottom going back, when there is no current row); None when none shows."""
        count = self.proxy.rowCount()
        if not count:
            return None
        index = self.currentIndex()
        first = 0 if step > 0 else count - 1
        shown = (index.row() + step) % count if index.isValid() else first
        return self.proxy.source_row(shown)

    def enter_from_search(self) -> None:
        """Down in the search box: the focus into the list, on the current or first shown line."""
        if not self.currentIndex().isValid() and self.proxy.rowCount():
            self.go_to_row(self.proxy.source_row(0))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_rows(self, rows: list[int]) -> None:
        """Select these source rows (those the filter shows); the first becomes current."""
        shown = [index for index in (self._index(row, 0) for row in rows) if index is not None]
        if not shown:
            return
        selection = self.selectionModel()
        selection.setCurrentIndex(shown[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for index in shown:
            selection.select(index, flags)

    # -- user input -------------------------------------------------------------------------
    def _on_scroll(self, _value: int) -> None:
        if not self._programmatic_scroll:
            self.userScrolled.emit()

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.lineActivated.emit(self._source(index))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            index = self.currentIndex()
            if index.isValid():
                self.lineActivated.emit(self._source(index))
                event.accept()
                return
        super().keyPressEvent(event)
