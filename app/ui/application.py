"""Start the GUI: Qt platform, QApplication, library, player, window; open what argv asked for.

Everything that can go wrong before the window exists (a bad database, an unreadable transcript)
ends in a message box with a one-line reason, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core.formats.base import TranscriptFormatError
from app.player import create_player
from app.player.platform import prepare_qt_platform
from app.resources import demo_paths, resource_dir
from app.store.errors import StoreError
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.appearance import apply_appearance
from app.ui.main_window import MainWindow
from app.ui.open_dialog import OpenDialog

__all__ = ["run_gui"]


def _fail(text: str, parent: QWidget | None = None) -> None:
    QMessageBox.critical(parent, QCoreApplication.translate("app", "Proofreel"), text)


DEMO_TITLE = "Demo: talks in Moscow (news report)"


def open_into(
    window: MainWindow,
    transcript: str,
    media: str | None,
    title: str | None = None,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
) -> bool:
    """Open (or import) the pair in ``window``; a clear message and False on bad input."""
    if media is not None and not Path(media).is_file():
        _fail(window.tr("The media file was not found:\n%1").replace("%1", media), window)
        return False
    try:
        opened = open_pair(
            window.library, transcript, media, title=title, fmt=fmt, encoding=encoding
        )
    except (TranscriptFormatError, StoreError, OSError) as err:
        _fail(
            window.tr("Could not open %1:\n%2").replace("%1", transcript).replace("%2", str(err)),
            window,
        )
        return False
    window.show_project(opened.project_id, opened.transcript, opened.report)
    return True


def _ask_and_open(window: QWidget) -> None:
    assert isinstance(window, MainWindow)
    dialog = OpenDialog(window)
    if dialog.exec():
        media, transcript = dialog.paths()
        open_into(
            window,
            transcript,
            media,
            fmt=dialog.chosen_format(),
            encoding=dialog.chosen_encoding(),
        )


class _FirstPaintProbe(QObject):
    """For bench/: print a line once the transcript is first painted, then quit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {_resident_mb():.0f}", flush=True)
        QApplication.quit()


def _resident_mb() -> float:
    """Resident memory now (Linux), for the bench; 0 where /proc is not there."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_gui(
    db: str | None,
    media: str | None,
    transcript: str | None,
    *,
    demo: bool,
    quit_after_ms: int = 0,
    first_paint_probe: bool = False,
) -> int:
    prepare_qt_platform()
    QCoreApplication.setOrganizationName("Proofreel")
    QCoreApplication.setApplicationName("Proofreel")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_appearance(app)
    app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "proofreel-256.png")))
    try:
        library = Library.open(db)
    except StoreError as err:
        _fail(str(err))
        return 1
    player = create_player()
    window = MainWindow(library, player, open_files=_ask_and_open)
    app.aboutToQuit.connect(window.shutdown)
    window.restore_layout()
    if first_paint_probe:
        probe = _FirstPaintProbe(window)
        window.view.viewport().installEventFilter(probe)
    window.show()
    demo_media, demo_transcript = (str(p) for p in demo_paths())
    window.start_screen.openDemoRequested.connect(
        lambda: open_into(window, demo_transcript, demo_media, DEMO_TITLE)
    )
    if demo:
        open_into(window, demo_transcript, demo_media, DEMO_TITLE)
    elif transcript is not None:
        open_into(window, transcript, media)
    else:
        window.show_start_screen()
    if quit_after_ms:
        QTimer.singleShot(quit_after_ms, window.close)
    try:
        return app.exec()
    finally:
        library.close()
