"""The read-only, one-row-at-a-time lists of the docks (All notes, Checks, Changes): one look and
one way to choose a row for all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

__all__ = ["configure_list_table", "on_row_chosen"]

_Chosen = Callable[[QModelIndex | QPersistentModelIndex], None]


class _EnterChooses(QObject):
    """Enter (either key) on the list chooses its current row. QAbstractItemView's own
    ``activated`` is not used: some styles also fire it on a single click, which ``clicked``
    handles already, so the row would be chosen twice."""

    def __init__(self, view: QAbstractItemView, chosen: _Chosen) -> None:
        super().__init__(view)
        self._view = view
        self._chosen = chosen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._chosen(self._view.currentIndex())
            return True
        return super().eventFilter(watched, event)


def on_row_chosen(view: QAbstractItemView, chosen: _Chosen) -> None:
    """Call ``chosen`` with the row a user picks: a click, or Enter on the current row."""
    view.clicked.connect(chosen)
    view.installEventFilter(_EnterChooses(view, chosen))


def configure_list_table(table: QTableView) -> None:
    """Rows are selected whole, never edited, one text line high (fixed, so long lists cost what
    the visible rows cost), elided on the right, without grid or row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().lineSpacing() + 8)
