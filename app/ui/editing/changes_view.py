"""Every correction in one list: a line merged from others or split from one, its text (a
word-level diff, deleted words struck through, inserted ones underlined) and its times, each
with what it was and what it is now, and "Revert" for the one picked.

Revert acts on the entry the user picked, and on nothing else: after it nothing is picked (the
focus stays at the same place in the list, on screen), so a second click on Revert, or Delete
pressed again, does nothing until the user picks the next entry (a click, an arrow key, Space).
A merge or a split is not reverted here (its notes and highlights could not be shared out
again): Revert is then off, and the panel says why and what does undo it.

The widget lives here; the list's model and diff markup in changes_model, its painting in
diff_delegate. A hidden view keeps its list stale and rebuilds it when next shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.editing.changes_model import INCREMENTAL_LIMIT as INCREMENTAL_LIMIT
from app.ui.editing.changes_model import (
    ChangesModel,
    DiffHtmlRole,
    KindRole,
    SourceRowRole,
    TimeTextRole,
    diff_colours,
    diff_html,
    text_changed,
)
from app.ui.editing.changes_model import before_after_tip as before_after_tip
from app.ui.editing.diff_delegate import DiffDelegate
from app.ui.widgets.list_table import on_row_chosen

if TYPE_CHECKING:
    from app.ui.editing.edit_session import EditSession

__all__ = [
    "ChangesModel",
    "ChangesView",
    "DiffDelegate",
    "DiffHtmlRole",
    "KindRole",
    "SourceRowRole",
    "TimeTextRole",
    "diff_colours",
    "diff_html",
    "text_changed",
]


class ChangesView(QWidget):
    """The corrections with a count and Revert; ``lineActivated(source_row)`` on click/Enter."""

    lineActivated = Signal(int)

    def __init__(self, session: EditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editable = True  # False: the login's role may not revert (app.ui.window.role_gate)
        self.setObjectName("changesView")
        self.setAccessibleName(self.tr("Changes"))
        self.model = ChangesModel(session, self)
        self.list = QListView(self)
        self.list.setObjectName("changesList")
        self.list.setAccessibleName(self.tr("Changes"))
        self.list.setModel(self.model)
        self.delegate = DiffDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)  # 10k entries cost what the visible ones cost
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        on_row_chosen(self.list, self._activate)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of changed lines"))
        # Why the picked entry cannot be reverted here (a merge, a split), under the list.
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("changesReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setAccessibleName(self.tr("Why this change is not reverted here"))
        self.reason_label.hide()
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.setAccessibleName(self.tr("Revert change"))
        self.revert_button.clicked.connect(self.revert_selected)
        self.revert_action = QAction(self.tr("Revert This Change"), self.list)
        self.revert_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.revert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.revert_action.triggered.connect(self.revert_selected)
        self.list.addAction(self.revert_action)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.countChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._after_remove)
        self.model.dataChanged.connect(self._update_buttons)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(6, 2, 6, 4)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.reason_label)
        layout.addLayout(bottom)
        self._update_count(0)
        self._update_buttons()

    # -- actions ---------------------------------------------------------------------------
    def selected_entry(self) -> int | None:
        """The list row the user picked (None: none is)."""
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return index.row()

    def selected_source_row(self) -> int | None:
        entry = self.selected_entry()
        return None if entry is None else self.model.source_row(entry)

    def select_source_row(self, source_row: int) -> bool:
        pos = self.model.position_of(source_row)
        if pos is None:
            return False
        self.list.setCurrentIndex(self.model.index(pos))
        return True

    def revert_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or self.model.why_not_revertable(entry):
            return
        row, kind = self.model.source_row(entry), self.model.kind(entry)
        # Whatever the outcome, the pick is used up: the next Revert needs a fresh one.
        self.list.selectionModel().clearSelection()
        if kind == "times":
            self.session.revert_times(row)
        else:
            self.session.revert_line(row)
        self._update_buttons()

    def _after_remove(self) -> None:
        # Nothing is picked after a revert: a second click on Revert must never revert a line
        # the user did not choose. The entry now in its place keeps the keyboard focus, on
        # screen, unselected.
        self.list.selectionModel().clearSelection()
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)
        self._update_buttons()

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.lineActivated.emit(self.model.source_row(index.row()))

    # -- showing ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_live(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_live(False)

    def _update_count(self, count: int) -> None:
        if count == 1:
            text = self.tr("1 changed line")
        else:
            text = self.tr("%1 changed lines").replace("%1", f"{count:,}")
        self.count_label.setText(text)

    def _update_buttons(self, *_args: object) -> None:
        entry = self.selected_entry()
        why = "" if entry is None else self.model.why_not_revertable(entry)
        can = self.editable and entry is not None and not why
        self.revert_button.setEnabled(can)
        self.revert_action.setEnabled(can)
        if why:
            tip = why
        elif entry is None:
            tip = self.tr("Pick a change in the list to revert it")
        elif self.model.kind(entry) == "times":
            tip = self.tr("Give the line its imported start and end back")
        else:
            tip = self.tr("Give the line its imported text back")
        self.revert_button.setToolTip(tip)
        self.reason_label.setText(why)
        self.reason_label.setVisible(bool(why))
