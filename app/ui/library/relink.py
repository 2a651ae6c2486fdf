"""When a project's media file moved or was renamed: say so, and find it again.

The transcript opens either way; the :class:`RelinkBar` sits above it with "Find automatically"
(same name, or same size and first-MiB hash, in the old folder and the transcript's) and "Choose
file…". A file that is not the recorded one is only used after "Use it anyway?". When a project
opens from the command line, :meth:`RelinkBar.search_quietly` has looked already.
:func:`offer_relink` runs the same flow from a message box, for callers without a bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from app.store.errors import ProjectExistsError, StoreError
from app.store.library import Library
from app.store.media import find_moved_media, identity_of, is_local_file_path

__all__ = ["RelinkBar", "choose_and_relink", "find_and_relink", "missing_media", "offer_relink"]

MEDIA_FILTER = "*.mp4 *.m4v *.mkv *.mov *.webm *.avi *.mpg *.mpeg *.ts *.mxf *.wmv *.flv *.ogv"
AUDIO_FILTER = "*.mp3 *.m4a *.wav *.flac *.ogg *.opus *.aac *.wma"
#: How long the "found it" message stays before the bar goes away by itself.
DONE_HIDE_MS = 8000

Tell = Callable[[str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("relink", text)


def missing_media(library: Library, project_id: int) -> str | None:
    """The stored media path when it is a local file that is not there; else None.

    When the file is there, a project from before media identities gets its identity now.
    """
    info = library.get_project(project_id)
    path = info.media_path
    if path is None or not is_local_file_path(path):
        return None
    if not Path(path).is_file():
        return path
    if identity_of(info) is None:
        library.ensure_media_identity(project_id)
    return None


def _relink(
    parent: QWidget | None, library: Library, project_id: int, path: str, tell: Tell
) -> str | None:
    """Relink to ``path``, asking before a file that is not the recorded one is used."""
    try:
        try:
            library.relink_media(project_id, path)
        except ProjectExistsError:
            raise
        except ValueError:
            answer = QMessageBox.question(
                parent,
                _tr("Not the same file"),
                _tr(
                    "%1 is not the media this transcript was made with: its size or contents "
                    "differ.\n\nUse it anyway?"
                ).replace("%1", path),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            library.relink_media(project_id, path, force=True)
    except (StoreError, OSError) as err:
        QMessageBox.warning(
            parent,
            _tr("Not relinked"),
            _tr("The media could not be relinked:\n%1").replace("%1", str(err)),
        )
        return None
    tell(_tr("Relinked to %1.").replace("%1", path))
    return path


def _start_folder(old_path: str, transcript_path: str | None) -> str:
    for candidate in (old_path, transcript_path):
        if candidate and is_local_file_path(candidate) and Path(candidate).parent.is_dir():
            return str(Path(candidate).parent)
    return str(Path.home())


def choose_and_relink(
    parent: QWidget | None, library: Library, project_id: int, tell: Tell
) -> str | None:
    """The file dialog, then relink (with "Use it anyway?" for a different file)."""
    info = library.get_project(project_id)
    old = info.media_path or ""
    filters = ";;".join(
        (
            _tr("Media files (%1)").replace("%1", f"{MEDIA_FILTER} {AUDIO_FILTER}"),
            _tr("All files (*)"),
        )
    )
    path, _chosen = QFileDialog.getOpenFileName(
        parent,
        _tr("Where is %1?").replace("%1", Path(old).name or _tr("the media file")),
        _start_folder(old, info.transcript_path),
        filters,
    )
    if not path:
        return None
    return _relink(parent, library, project_id, path, tell)


def find_and_relink(
    parent: QWidget | None, library: Library, project_id: int, tell: Tell
) -> str | None:
    """Search beside the old place and the transcript; one verified match is used at once,
    several are offered to pick from, none leads to the file dialog."""
    info = library.get_project(project_id)
    found = [str(path) for path in find_moved_media(info)]
    verified = identity_of(info) is not None
    if verified and len(found) == 1:
        path = found[0]
        if _relink(parent, library, project_id, path, lambda _text: None) is None:
            return None
        tell(
            _tr("Found %1 in %2 (same size and contents); the project now uses it.")
            .replace("%1", Path(path).name)
            .replace("%2", str(Path(path).parent))
        )
        return path
    if not found:
        answer = QMessageBox.question(
            parent,
            _tr("Media not found"),
            _tr(
                "No file with the same name, size and contents was found next to the old place "
                "or the transcript.\n\nChoose the file yourself?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            tell(_tr("The media file was not found automatically."))
            return None
        return choose_and_relink(parent, library, project_id, tell)
    prompt = (
        _tr("These files have the same size and contents. Which one is the media?")
        if verified
        else _tr("Files with the same name (their contents could not be checked):")
    )
    path, ok = QInputDialog.getItem(parent, _tr("Choose the media file"), prompt, found, 0, False)
    if not ok or not path:
        return None
    return _relink(parent, library, project_id, path, tell)


def offer_relink(parent: QWidget | None, library: Library, project_id: int) -> str | None:
    """Ask, in a message box, how to find a missing media file; the new path if relinked."""
    old = missing_media(library, project_id)
    if old is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Media not found"),
        _tr("The media file was not found:\n%1\n\nIt may have been moved or renamed.").replace(
            "%1", old
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("relinkBox")
    find = box.addButton(_tr("Find automatically"), QMessageBox.ButtonRole.AcceptRole)
    choose = box.addButton(_tr("Choose file…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_tr("Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(find)
    box.exec()

    def tell(text: str) -> None:
        QMessageBox.information(parent, _tr("Media relinked"), text)

    if box.clickedButton() is find:
        return find_and_relink(parent, library, project_id, tell)
    if box.clickedButton() is choose:
        return choose_and_relink(parent, library, project_id, tell)
    return None


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
            if _relink(self.window(), self.library, self.project_id, path, lambda _t: None):
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
