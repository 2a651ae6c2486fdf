"""Start the GUI: Qt platform, QApplication, library, player, window; open what argv asked for.

Whatever goes wrong on the way to the first paint (a library that is locked, read-only or damaged,
an unreadable transcript, a reader's bug) ends in a one-line reason shown in the window, with the
start screen and whatever else still works, never a traceback and never a window that is not there.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core.formats.base import TranscriptFormatError
from app.player import create_player
from app.player.base import Player
from app.player.platform import prepare_qt_platform
from app.resources import demo_paths, resource_dir
from app.store.errors import StoreError
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.library.open_dialog import OpenDialog
from app.ui.preferences.appearance import apply_appearance
from app.ui.window.main_window import MainWindow

__all__ = ["Started", "open_into", "run_gui", "start_window"]

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def _tell_failure(window: MainWindow, text: str, *, keep_project: bool) -> None:
    """Say why an open failed, in the window: over the start screen when no project stays open
    (a dead end such as an empty "0 lines" window helps nobody), else in a box over the project."""
    if keep_project and window.project_id is not None:
        window.statusBar().showMessage(text.replace("\n", " "), 10_000)
        QMessageBox.warning(window, _tr("Not opened"), text)
        return
    window.show_start_screen()
    window.start_screen.show_problem(text)


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
    """Open (or import) the pair in ``window``; a clear message and False on bad input.

    A media file that is not there does not stop the transcript: it opens with the relink bar,
    which has already looked for the file beside the old place and the transcript.
    """
    if window.start_screen.library_problem is not None:  # nothing could be kept anywhere
        _tell_failure(window, window.start_screen.library_problem, keep_project=True)
        return False
    had_project = window.project_id is not None
    showing = False
    try:
        existing = window.library.find_project(media, transcript)
        if existing is not None:  # reopened: a big one's notes come after the first paint
            window.library.ensure_media_identity(existing)
            lines, later = window.read_project(existing)
            showing = True
            window.show_project(existing, lines, annotations_later=later)
        else:
            opened = open_pair(
                window.library, transcript, media, title=title, fmt=fmt, encoding=encoding
            )
            showing = True
            window.show_project(opened.project_id, opened.transcript, opened.report)
    except (TranscriptFormatError, StoreError, OSError) as err:
        reason = str(err)
    except Exception as err:  # a reader's bug must cost the file, not the window
        log.exception("Opening %s failed", transcript)
        reason = _tr("Proofreel could not read it (%1). The details are in the log.").replace(
            "%1", type(err).__name__
        )
    else:
        window.relink_bar.search_quietly()
        return True
    text = _tr("Could not open %1:\n%2").replace("%1", transcript).replace("%2", reason)
    # A project half shown is no project: back to the start screen with the reason.
    _tell_failure(window, text, keep_project=had_project and not showing)
    return False


def _ask_and_open(window: QWidget) -> None:
    assert isinstance(window, MainWindow)
    dialog = OpenDialog(window)
    # A failed open brings the dialog back with both paths and the choices, to correct them.
    while dialog.exec():
        media, transcript = dialog.paths()
        if open_into(
            window,
            transcript,
            media,
            fmt=dialog.chosen_format(),
            encoding=dialog.chosen_encoding(),
        ):
            return


class _FirstPaintProbe(QObject):
    """For bench/: print a line once the transcript is first painted, then quit."""

    _painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True  # the transcript, or the start screen when the open failed
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


@dataclass
class Started:
    """What start-up made: the window (shown) and the library it works on."""

    window: MainWindow
    library: Library


def _open_library(db: str | None) -> tuple[Library, str | None]:
    """The library, or, when it cannot be opened at all (locked by another program, damaged
    past reading, not a database), an empty one in memory and the reason: the window still
    opens and says what is wrong, and nothing can be imported into a library that keeps nothing.
    """
    try:
        return Library.open(db), None
    except StoreError as err:
        log.warning("The library could not be opened: %s", err)
        return Library.open("sqlite://"), str(err)


def _problem_text(reason: str) -> str:
    return _tr("%1\n\nNothing can be opened or saved until the library can be read.").replace(
        "%1", reason
    )


def start_window(
    db: str | None,
    media: str | None,
    transcript: str | None,
    *,
    demo: bool,
    first_paint_probe: bool = False,
    player_factory: Callable[[], Player] = create_player,
) -> Started:
    """Everything up to the first paint: library, player, window, and what argv asked to open.

    Needs the QApplication. Never raises for a bad library or file: the window shows why. When
    the library could not be opened at all, "Try again" opens it and starts over in a new window.
    """
    library, problem = _open_library(db)
    started = _build(library, problem, media, transcript, demo, first_paint_probe, player_factory)
    if problem is not None:
        started.window.start_screen.retryRequested.connect(
            lambda: _retry(started, db, media, transcript, demo, player_factory)
        )
    return started


def _build(
    library: Library,
    problem: str | None,
    media: str | None,
    transcript: str | None,
    demo: bool,
    first_paint_probe: bool,
    player_factory: Callable[[], Player],
) -> Started:
    window = MainWindow(library, player_factory(), open_files=_ask_and_open)
    window.restore_layout()
    if first_paint_probe:
        probe = _FirstPaintProbe(window)
        window.view.viewport().installEventFilter(probe)
        for shown in (window.start_screen.view.viewport(), window.start_screen.empty):
            shown.installEventFilter(probe)  # where a failed open leaves the user
    window.show()
    if problem is not None:  # before any open: nothing goes into the stand-in library
        window.start_screen.set_library_problem(_problem_text(problem))
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
    return Started(window, library)


def _retry(
    started: Started,
    db: str | None,
    media: str | None,
    transcript: str | None,
    demo: bool,
    player_factory: Callable[[], Player],
) -> None:
    """The library could not be opened at start-up: try again (the other program may be done),
    and on success carry on in a new window, as a fresh start would."""
    try:
        library = Library.open(db)
    except StoreError as err:
        started.window.start_screen.set_library_problem(_problem_text(str(err)))
        return
    stand_in = started.window, started.library
    fresh = _build(library, None, media, transcript, demo, False, player_factory)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.aboutToQuit.connect(fresh.window.shutdown)
    started.window, started.library = fresh.window, fresh.library  # what run_gui closes
    stand_in[0].close()
    stand_in[0].deleteLater()
    stand_in[1].close()


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
    from app.ui.window.exception_hook import install_exception_hook

    install_exception_hook()  # an exception in a slot is logged and shown, never only printed
    apply_appearance(app)
    app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "proofreel-256.png")))
    started = start_window(db, media, transcript, demo=demo, first_paint_probe=first_paint_probe)
    app.aboutToQuit.connect(started.window.shutdown)
    if quit_after_ms:
        QTimer.singleShot(quit_after_ms, started.window.close)
    try:
        return app.exec()
    finally:
        started.library.close()
