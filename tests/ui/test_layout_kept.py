"""The panel layout is kept whenever it changes, whichever way the app is left (issue 18, 20)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def restart(qtbot: QtBot, library: Library) -> MainWindow:
    """A new start as application.py makes it: layout restored, shown, the Projects screen,
    then the project opened from it."""
    window = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(window)
    window.restore_layout()
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    window.show_start_screen()
    project_id = library.list_projects()[0].id
    window.open_project_id(project_id)
    return window


def test_quitting_from_the_projects_screen_keeps_the_panels(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"x")
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    assert window.panels["notesDock"].isVisible() and not window.panels["checksDock"].isVisible()
    QTest.keyClick(window, Qt.Key.Key_4, CTRL_SHIFT)  # show Checks
    QTest.keyClick(window, Qt.Key.Key_2, CTRL_SHIFT)  # hide Notes
    qtbot.waitUntil(
        lambda: (
            window.panels["checksDock"].isVisible() and not window.panels["notesDock"].isVisible()
        )
    )
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)  # File > Projects
    assert window.pages.currentWidget() is window.start_screen
    window.close()  # quit from there

    again = restart(qtbot, library)
    assert again.pages.currentWidget() is again.project_page
    assert again.panels["checksDock"].isVisible(), (
        "the Checks panel shown before quitting came back"
    )
    assert not again.panels["notesDock"].isVisible(), (
        "the Notes panel hidden before quitting stayed so"
    )
    assert again.panels["lineDock"].isVisible()


def test_a_change_is_kept_even_when_the_app_never_closes_cleanly(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"x")
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    QTest.keyClick(window, Qt.Key.Key_3, CTRL_SHIFT)  # show All Notes
    qtbot.waitUntil(window.panels["allNotesDock"].isVisible)
    window.splitter.setSizes([300, 700])
    window.splitter.splitterMoved.emit(300, 1)  # what dragging the handle emits
    left = window.splitter.sizes()[0]
    # No close, no shutdown: a crash or a kill here would lose nothing already changed.
    qtbot.waitUntil(lambda: window.layout_saver.pending is False)

    again = restart(qtbot, library)
    assert again.panels["allNotesDock"].isVisible()
    assert abs(again.splitter.sizes()[0] - left) <= 2


def test_the_wide_timeline_is_kept(qtbot: QtBot, library: Library, srt_file: Path) -> None:
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, None)
    window.timeline_place.action.trigger()
    assert window.timeline_place.is_wide()
    window.close()
    again = restart(qtbot, library)
    assert again.timeline_place.is_wide(), "the timeline came back across the window"
    assert again.timeline.width() >= again.splitter.width() - 2
