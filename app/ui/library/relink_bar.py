"""The strip above the transcript when a project's media file is missing: what is missing, and
the buttons that find it (app.ui.library.relink does the finding)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from app.store.errors import StoreError
from app.store.library import Library
from app.store.media import find_moved_media, identity_of
from app.ui.library.relink import (
    DONE_HIDE_MS,
    choose_and_relink,
    find_and_relink,
    missing_media,
    relink_to,
)

__all__ = ["RelinkBar"]


class RelinkBar(QFrame):
    """A strip above the transcript: "The media file was not found: …" and the ways to fix it.

    Emits ``relinked(path)`` once the project points at a file again (the window then loads it
    into the player). Hidden until :meth:`show_missing`.
    """

    relinked = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.project_id: int | None = None
        self._prefix = ""
        self._path = ""
        self.setObjectName("relinkBar")
        self.setAccessibleName(self.tr("Media not found"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Tool-tip colours: the system's own "notice" pair, readable in light and dark schemes.
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setAutoFillBackground(True)

        self.icon = QLabel()
        self._set_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.message = QLabel()
        self.message.setObjectName("relinkMessage")
        self.message.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long paths are elided to fit (the full one is the tool tip), never widening the window.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.setWordWrap(True)  # the words of a long message wrap; the path is elided
        self.find_button = QPushButton(self.tr("Find automatically"))
        self.find_button.setObjectName("relinkFind")
        self.find_button.setToolTip(
            self.tr("Look beside the old place and the transcript for the same file")
        )
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.setObjectName("relinkChoose")
        self.close_button = QToolButton()
        self.close_button.setObjectName("relinkClose")
        self.close_button.setText("\u2715")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.setAccessibleName(self.tr("Hide this message"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.find_button)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.close_button)

        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(DONE_HIDE_MS)
        self._hide_timer.timeout.connect(self.hide)
        self.find_button.clicked.connect(self.find_automatically)
        self.choose_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    # -- showing --------------------------------------------------------------------------
    def _set_icon(self, which: QStyle.StandardPixmap) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(which).pixmap(size, size))

    def check(self, project_id: int) -> bool:
        """Show the bar if the project's media file is missing, hide it otherwise."""
        old = missing_media(self.library, project_id)
        if old is None:
            self.project_id = project_id
            self._hide_timer.stop()
            self.hide()
            return False
        self.show_missing(project_id, old)
        return True

    def show_missing(self, project_id: int, old_path: str) -> None:
        self.project_id = project_id
        self._hide_timer.stop()
        self._set_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._set_text(self.tr("The media file was not found:") + " ", old_path)
        self.find_button.show()
        self.choose_button.show()
        self.show()

    def _set_text(self, prefix: str, path: str = "") -> None:
        self._prefix, self._path = prefix, path
        self.message.setToolTip(prefix + path if path else "")
        self._fit_text()

    def _fit_text(self) -> None:
        """One line when the path fits beside the words (elided in the middle if need be), else
        the path on a line of its own: the words are never cut."""
        metrics = self.message.fontMetrics()
        width = self.message.width() - 4
        room = width - metrics.horizontalAdvance(self._prefix)
        if not self._path:
            text = self._prefix
        elif room >= min(metrics.horizontalAdvance(self._path), 240):
            text = self._prefix + metrics.elidedText(self._path, Qt.TextElideMode.ElideMiddle, room)
        else:
            path = metrics.elidedText(self._path, Qt.TextElideMode.ElideMiddle, max(width, 80))
            text = f"{self._prefix.rstrip()}\n{path}"
        self.message.setText(text)
        self.message.setAccessibleName(self._prefix + self._path)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    @property
    def text(self) -> str:
        """The message in full (not elided)."""
        return self._prefix + self._path

    # -- acting ---------------------------------------------------------------------------
    def _tell(self, text: str) -> None:
        self._set_text(text)

    def _done(self, path: str | None) -> str | None:
        if path is not None:
            self._set_icon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.find_button.hide()
            self.choose_button.hide()
            self._hide_timer.start()
            self.relinked.emit(path)
        return path

    def search_quietly(self) -> str | None:
        """While the bar shows: look for the file at once, asking nothing. One file of the
        recorded size and contents is used straight away (the bar says where it was found);
        files that only share the name are pointed out, for "Find automatically" to check."""
        if self.isHidden() or self.project_id is None:
            return None
        try:
            info = self.library.get_project(self.project_id)
            found = find_moved_media(info)
        except (StoreError, OSError):
            return None  # the bar still offers both ways; a search is only a head start
        if identity_of(info) is not None and len(found) == 1:
            path = str(found[0])
            if relink_to(self.window(), self.library, self.project_id, path, lambda _t: None):
                self._tell(
                    self.tr("Found %1 in %2 (same size and contents); the project now uses it.")
                    .replace("%1", found[0].name)
                    .replace("%2", str(found[0].parent))
                )
                return self._done(path)
            return None
        if found:
            self._set_text(
                self.text
                + " "
                + self.tr("A file of that name is in %1: Find automatically uses it.").replace(
                    "%1", str(found[0].parent)
                )
            )
        return None

    def find_automatically(self) -> str | None:
        if self.project_id is None:
            return None
        return self._done(find_and_relink(self.window(), self.library, self.project_id, self._tell))

    def choose_file(self) -> str | None:
        if self.project_id is None:
            return None
        return self._done(
            choose_and_relink(self.window(), self.library, self.project_id, self._tell)
        )
