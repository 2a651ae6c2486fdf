"""The start screen: the library's projects, most recently opened first, to open, rename or delete.

Each row shows what a user recognises a project by: its title, the media file (marked when it is
missing), the number of lines, how far the review got and when it was last opened. Deleting keeps
a copy of the library first, so the status line can offer "Undo" for a while.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import StoreError
from app.store.library import Library
from app.ui.library.projects_model import (
    ProjectsModel,
    opened_text,
    project_title,
    recent_menu_entries,
    reviewed_text,
)

__all__ = ["ProjectsModel", "StartScreen", "opened_text", "recent_menu_entries", "reviewed_text"]

#: How long "Deleted … Undo" stays offered.
UNDO_MS = 60_000


class _ProjectTable(QTableView):
    """Enter opens the current project, Delete deletes it (F2 renames, as everywhere)."""

    openRequested = Signal()
    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.openRequested.emit()
                return
            if key == Qt.Key.Key_Delete:
                self.deleteRequested.emit()
                return
        super().keyPressEvent(event)


class StartScreen(QWidget):
    """What the window shows with no project open: the projects, and ways to start."""

    openProject = Signal(int)
    openFilesRequested = Signal()
    openDemoRequested = Signal()
    #: Esc or "Back to …": return to the project that was open before the list was shown.
    backRequested = Signal()
    #: "Try again" after the library could not be opened.
    retryRequested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startScreen")
        self.library = library
        self.model = ProjectsModel(library, self)
        self._undo: tuple[Path, int, str] | None = None
        #: Why the library could not be opened at all (the window then works on an empty
        #: stand-in that keeps nothing, so nothing may be opened); None when it is open.
        self.library_problem: str | None = None

        heading = QLabel(self.tr("Projects"))
        heading.setObjectName("startHeading")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(self.tr("Projects"))

        self.view = _ProjectTable()
        self.view.setObjectName("projectsTable")
        self.view.setAccessibleName(self.tr("Projects in the library"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ProjectsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.empty = QLabel(
            self.tr("No projects yet. Open a media file with its transcript, or try the demo.")
        )
        self.empty.setObjectName("startEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.open_files_button = self._button(self.tr("Open…"), "startOpenFiles")
        self.open_files_button.setToolTip(self.tr("Open a media file and its transcript"))
        self.demo_button = self._button(self.tr("Open demo"), "startDemo")
        self.open_button = self._button(self.tr("Open"), "startOpen")
        self.open_button.setDefault(True)
        self.rename_button = self._button(self.tr("Rename"), "startRename")
        self.delete_button = self._button(self.tr("Delete…"), "startDelete")
        self.back_button = self._button(self.tr("Back"), "startBack")
        self.back_button.hide()

        self.status = QFrame()
        self.status.setObjectName("startStatus")
        self.status.setFrameShape(QFrame.Shape.StyledPanel)
        self.status.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.status.setAutoFillBackground(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("startStatusText")
        self.status_label.setWordWrap(True)
        self.status_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = self._button(self.tr("Undo"), "startUndo")
        self.retry_button = self._button(self.tr("Try again"), "startRetry")
        self.retry_button.setToolTip(self.tr("Open the library again"))
        self.retry_button.hide()
        status_layout = QHBoxLayout(self.status)
        status_layout.setContentsMargins(8, 4, 4, 4)
        status_layout.addWidget(self.status_label, 1)
        status_layout.addWidget(self.undo_button)
        status_layout.addWidget(self.retry_button)
        self.status.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.open_files_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self._forget_undo)

        self.view.doubleClicked.connect(lambda _index: self.open_current())
        self.view.openRequested.connect(self.open_current)
        self.view.deleteRequested.connect(self.delete_current)
        self.open_files_button.clicked.connect(self.openFilesRequested)
        self.demo_button.clicked.connect(self.openDemoRequested)
        self.open_button.clicked.connect(self.open_current)
        self.rename_button.clicked.connect(self.rename_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        self.back_button.clicked.connect(self.backRequested)
        self.retry_button.clicked.connect(self.retryRequested)
        self.model.modelReset.connect(self._update_state)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_state())
        self.refresh()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)
        return button

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.back_button.isVisible():
            self.backRequested.emit()
            return
        super().keyPressEvent(event)

    def set_back_to(self, title: str | None) -> None:
        """Offer "Back to “title”" (and Esc) while a project waits behind the list."""
        self.back_button.setVisible(title is not None)
        if title is not None:
            text = self.tr("Back to “%1”").replace("%1", title)
            self.back_button.setText(text.replace("&", "&&"))
            self.back_button.setAccessibleName(text)
            self.back_button.setToolTip(self.tr("Return to the project (Esc)"))

    # -- state --------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Read the projects again, keeping (or moving to) a selected project; when the library
        cannot be read, the list is empty and the reason shows above the buttons."""
        keep = select if select is not None else self.current_project_id()
        try:
            self.model.refresh()
        except StoreError as err:
            self.show_problem(self.tr("The projects could not be read: %1").replace("%1", str(err)))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, ProjectsModel.TITLE))
        self._update_state()

    def _update_state(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        chosen = self.current_project_id() is not None
        may = self.library.permissions  # a team role (app.core.roles), or a read-only file
        self.open_button.setEnabled(chosen)
        self.rename_button.setEnabled(chosen and may.edit)
        # Deleting a project is its owner's: no team role is granted it (app.store.team_roles).
        self.delete_button.setEnabled(chosen and may.edit and self.library.role is None)

    def current_project_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.data(index, ProjectsModel.ProjectIdRole))

    def select_project(self, project_id: int) -> None:
        row = self.model.row_of(project_id)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, ProjectsModel.TITLE))

    def _show_status(self, text: str, *, undo: bool) -> None:
        self.status_label.setText(text)
        self.undo_button.setVisible(undo)
        self.status.show()

    def show_problem(self, text: str) -> None:
        """Say why something could not be opened or read, where the user is looking."""
        self._forget_undo()
        self._show_status(text, undo=False)

    def clear_problem(self) -> None:
        """Forget an old failure's message (not the library's own, nor a pending Undo)."""
        if self.library_problem is None and self._undo is None:
            self.status.hide()

    @property
    def status_text(self) -> str:
        """The message shown above the buttons ("" when none shows)."""
        return self.status_label.text() if not self.status.isHidden() else ""

    def set_library_problem(self, text: str) -> None:
        """The library could not be opened: say why, and offer nothing that would need it."""
        self.library_problem = text
        self.empty.setText(self.tr("The library could not be opened."))
        for button in (self.open_files_button, self.demo_button):
            button.setEnabled(False)
        self.show_problem(text)
        self.retry_button.show()

    # -- actions ------------------------------------------------------------------------------
    def open_current(self) -> None:
        project_id = self.current_project_id()
        if project_id is not None:
            self.openProject.emit(project_id)

    def rename_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.setFocus()
            self.view.edit(self.model.index(index.row(), ProjectsModel.TITLE))

    def delete_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        summary = self.model.summary(index.row())
        title = project_title(summary)
        answer = QMessageBox.question(
            self,
            self.tr("Delete project"),
            self.tr(
                "Delete “%1” and its %2 lines, notes and highlights from the library?\n\n"
                "The media and transcript files are not touched. A copy of the library is kept "
                "first, so the delete can be undone."
            )
            .replace("%1", title)
            .replace("%2", QLocale().toString(summary.line_count)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            copy = self.library.delete_project_with_backup(summary.id)
        except (StoreError, OSError) as err:
            QMessageBox.warning(
                self,
                self.tr("Not deleted"),
                self.tr("The project was not deleted:\n%1").replace("%1", str(err)),
            )
            return
        self.refresh()
        if copy is None:
            self._show_status(self.tr("Deleted “%1”.").replace("%1", title), undo=False)
            return
        self._undo = (copy, summary.id, title)
        self._show_status(
            self.tr("Deleted “%1”. A copy of the library was kept: %2")
            .replace("%1", title)
            .replace("%2", str(copy)),
            undo=True,
        )
        self._undo_timer.start()

    def undo_delete(self) -> None:
        if self._undo is None:
            return
        copy, project_id, title = self._undo
        try:
            restored = self.library.restore_project_from(copy, project_id)
        except (StoreError, OSError, ValueError) as err:
            QMessageBox.warning(
                self,
                self.tr("Not restored"),
                self.tr("“%1” could not be restored:\n%2")
                .replace("%1", title)
                .replace("%2", str(err)),
            )
            return
        self._forget_undo()
        self.refresh(select=restored)
        self._show_status(self.tr("Restored “%1”.").replace("%1", title), undo=False)

    def _forget_undo(self) -> None:
        self._undo = None
        self._undo_timer.stop()
        self.undo_button.hide()
