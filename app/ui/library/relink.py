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

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from app.store.errors import ProjectExistsError, StoreError
from app.store.library import Library
from app.store.media import find_moved_media, identity_of, is_local_file_path

__all__ = ["choose_and_relink", "find_and_relink", "missing_media", "offer_relink", "relink_to"]

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


def relink_to(
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
    return relink_to(parent, library, project_id, path, tell)


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
        if relink_to(parent, library, project_id, path, lambda _text: None) is None:
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
    return relink_to(parent, library, project_id, path, tell)


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
