"""Every corrected line in one list: its time and a word-level diff of the imported text against
the corrected one (deleted words struck through, inserted ones underlined), with "Revert".

The widget lives here; the list's model and diff markup in changes_model, its painting in
diff_delegate. A hidden view keeps its list stale and rebuilds it when next shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeyEvent, QKeySequence, QShowEvent
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
    SourceRowRole,
    TimeTextRole,
    diff_colours,
    diff_html,
    text_changed,
)
from app.ui.editing.changes_model import before_after_tip as before_after_tip
from app.ui.editing.diff_delegate import DiffDelegate

if TYPE_CHECKING:
    from app.ui.editing.edit_session import EditSession

__all__ = [
    "ChangesModel",
    "ChangesView",
    "DiffDelegate",
    "DiffHtmlRole",
    "SourceRowRole",
    "TimeTextRole",
    "diff_colours",
    "diff_html",
    "text_changed",
]


class ChangesView(QWidget):
    """The changed lines with a count and Revert; ``lineActivated(source_row)`` on click/Enter."""

    lineActivated = Signal(int)

    def __init__(self, session: EditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("changesView")
        self.setAccessibleName(self.tr("Changes"))
        self.model = ChangesModel(session, self)
        self.list = QListView(self)
        self.list.setObjectName("changesList")
        self.list.setAccessibleName(self.tr("Changed lines"))
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
        self.list.clicked.connect(self._activate)
        self.list.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of changed lines"))
        self.revert_button = QPushButton(self.tr("&Revert Line"), self)
        self.revert_button.setAccessibleName(self.tr("Revert line"))
        self.revert_button.setToolTip(self.tr("Give the selected line its imported text back"))
        self.revert_button.clicked.connect(self.revert_selected)
        self.revert_action = QAction(self.tr("Revert This Line"), self.list)
        self.revert_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.revert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.revert_action.triggered.connect(self.revert_selected)
        self.list.addAction(self.revert_action)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.countChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._after_remove)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(6, 2, 6, 4)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self._update_count(0)
        self._update_buttons()

    # -- actions ---------------------------------------------------------------------------
    def selected_source_row(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return self.model.source_row(index.row())

    def select_source_row(self, source_row: int) -> bool:
        pos = self.model.position_of(source_row)
        if pos is None:
            return False
        self.list.setCurrentIndex(self.model.index(pos))
        return True

    def revert_selected(self) -> None:
        row = self.selected_source_row()
        if row is None:
            return
        self.session.revert_line(row)

    def _after_remove(self) -> None:
        # Nothing is picked after a revert: a second click on Revert must never revert a line
        # the user did not choose. The next entry keeps the keyboard place, unselected.
        self.list.selectionModel().clearSelection()
        self._update_buttons()

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.lineActivated.emit(self.model.source_row(index.row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._activate(self.list.currentIndex())
            return True
        return super().eventFilter(watched, event)

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

    def _update_buttons(self) -> None:
        has = self.selected_source_row() is not None
        self.revert_button.setEnabled(has)
        self.revert_action.setEnabled(has)
