"""The Quotes panel (View > Quotes): every quote copied this session with its review state,
redone against the transcript as it changes (a line approved since loses its warning, a
correction shows the new words, a deleted line is said to be gone), and exported as a quote
sheet (HTML, Word, Markdown) for the editor who signs it off. A click goes to the quote's line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.asr_opinion import LineOpinion
from app.core.quotes import Quote, QuoteList
from app.core.transcript import Transcript
from app.export import ExportError
from app.export.quote_sheet import write_quote_sheet
from app.ui.quotes.quote_copier import put_on_clipboard
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.widgets.list_model import ListModel, RefreshWhenShown
from app.ui.widgets.list_table import configure_list_table, on_row_chosen

__all__ = ["QuotesModel", "QuotesPanel"]

_STATE = {"approved": "\u2713", "check": "\u26a0", "flagged": "\u2691"}


class QuotesModel(ListModel[Quote]):
    STATE, QUOTE, WHO, WHEN = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("State"), self.tr("Quote"), self.tr("Who"), self.tr("When")],
            parent,
            alignments={self.STATE: Qt.AlignmentFlag.AlignCenter},
        )
        self._names = {
            "approved": self.tr("Approved"),
            "check": self.tr("Check before quoting"),
            "flagged": self.tr("Flagged"),
        }

    def display(self, item: Quote, column: int) -> Any:
        if column == self.STATE:
            return _STATE[item.review_state]
        if column == self.QUOTE:
            return f"\u201c{item.text}\u201d"
        if column == self.WHO:
            return " and ".join(s for s in item.speakers if s)  # the tooltip says "unknown"
        return item.time_range()

    def tooltip(self, item: Quote, column: int) -> Any:
        state = self._names[item.review_state]
        return f"{state}\n\n{item.plain()}"

    def role_data(self, item: Quote, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.STATE:
            return self._names[item.review_state]
        return None


class QuotesPanel(QWidget):
    """``lineActivated(row)``: a quote chosen, to go to its first line; ``removed(item)``: a
    QuoteItem taken off the list with Remove."""

    lineActivated = Signal(int)
    removed = Signal(object)

    def __init__(
        self,
        quotes: QuoteList,
        model: TranscriptModel,
        transcript: Callable[[], Transcript | None],
        opinions: Callable[[], Sequence[LineOpinion]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quotesPanel")
        self.setAccessibleName(self.tr("Quotes"))
        self._quotes = quotes
        self._model = model
        self._transcript = transcript
        self._opinions = opinions
        self.model = QuotesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("quotesTable")
        self.table.setModel(self.model)
        configure_list_table(self.table)
        columns = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        columns.setSectionResizeMode(QuotesModel.STATE, QHeaderView.ResizeMode.Fixed)
        columns.resizeSection(QuotesModel.STATE, metrics.horizontalAdvance("State") + 16)
        columns.setSectionResizeMode(QuotesModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        columns.resizeSection(QuotesModel.WHO, metrics.horizontalAdvance("m" * 7))
        columns.resizeSection(QuotesModel.WHEN, metrics.horizontalAdvance("00:00:00–00:00:00"))
        on_row_chosen(self.table, self._activate)
        self.empty = QLabel(self.tr("No quotes yet: select words or lines and press Ctrl+Shift+C."))
        self.empty.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy Again"))
        self.copy_button.clicked.connect(self.copy_again)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button = QPushButton(self.tr("Export Quote Sheet…"))
        self.export_button.setObjectName("exportQuoteSheet")
        self.export_button.clicked.connect(self.export_sheet)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        for button in (self.copy_button, self.remove_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresher = RefreshWhenShown(self.refresh, 200, self)
        model.dataChanged.connect(self.refresher.mark_stale)
        model.rowsInserted.connect(self.refresher.mark_stale)
        model.rowsRemoved.connect(self.refresher.mark_stale)
        model.modelReset.connect(self.refresher.mark_stale)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- the list ------------------------------------------------------------------------------
    def list_replaced(self) -> None:
        """Another project's list came in: show it, redone against the lines as they are."""
        self.model.set_rows(self._quotes.quotes)
        self.refresher.mark_stale()
        self._update_buttons()

    def quote_added(self, *_item: object) -> None:
        """A quote was copied: list it (and select it) even while the panel is hidden."""
        self.model.set_rows(self._quotes.quotes)
        self.table.selectRow(len(self._quotes) - 1)
        self._update_buttons()

    def refresh(self) -> None:
        """Redo every quote against the transcript as it is now."""
        if not self.refresher.take() or not len(self._quotes):
            return
        transcript = self._transcript()
        if transcript is not None:
            self._quotes.refresh(transcript, self._opinions())
        chosen = self._chosen()
        self.model.set_rows(self._quotes.quotes)
        if chosen is not None and chosen < len(self._quotes):
            self.table.selectRow(chosen)
        self._update_buttons()

    def _chosen(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self._chosen() is not None
        self.copy_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.export_button.setEnabled(bool(len(self._quotes)))
        self.empty.setVisible(not len(self._quotes))

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        for line in self.model.row(index.row()).lines:
            row = None if line.line_id is None else self._model.row_of_id(line.line_id)
            if row is not None:
                self.lineActivated.emit(row)
                return

    # -- the buttons -------------------------------------------------------------------------
    def copy_again(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            put_on_clipboard(self.model.row(chosen))

    def remove_selected(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.removed.emit(self._quotes.remove(chosen))
            self.model.set_rows(self._quotes.quotes)
            self._update_buttons()

    def export_sheet(self, path: str | None = None) -> bool:
        """Write the quote sheet (asks where, unless ``path`` is given); True when written."""
        if path is None:
            path, kind = QFileDialog.getSaveFileName(
                self,
                self.tr("Export Quote Sheet"),
                str(Path.home() / "quotes.html"),
                self.tr("Web page (*.html);;Word document (*.docx);;Markdown (*.md)"),
            )
            if not path:
                return False
            if not Path(path).suffix:  # the kind chosen in the dialog names the file
                path += kind[kind.rfind("*.") + 1 : -1] if "*." in kind else ".html"
        self.refresher.mark_stale()  # the states as they are now, even while hidden
        self.refresh()
        transcript = self._transcript()
        title = transcript.title if transcript is not None else ""
        try:
            write_quote_sheet(self._quotes.quotes, path, title=title)
        except (ExportError, OSError) as err:
            QMessageBox.warning(self, self.tr("Not exported"), str(err))
            return False
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresher.set_shown(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.refresher.set_shown(False)
