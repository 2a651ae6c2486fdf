"""The video in its own window and full screen, and back; the player is told where to draw after
every move, and the layout is kept for the next start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.playback.video_window import DETACHED_KEY, GEOMETRY_KEY, VideoDetacher
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window


class RecordingPlayer(FakePlayer):
    def __init__(self) -> None:
        super().__init__(duration=60_000)
        self.windows: list[int] = []

    def set_video_window(self, win_id: int) -> None:
        super().set_video_window(win_id)
        self.windows.append(win_id)


@pytest.fixture(autouse=True)
def clean_layout() -> Iterator[None]:
    for key in (DETACHED_KEY, GEOMETRY_KEY):
        QSettings().remove(key)
    yield
    for key in (DETACHED_KEY, GEOMETRY_KEY):
        QSettings().remove(key)


@pytest.fixture
def window(qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path) -> MainWindow:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"x")
    return open_window(qtbot, library, RecordingPlayer(), srt_file, media)


def detacher_for(window: MainWindow) -> VideoDetacher:
    return window.video_detacher


def is_home(window: MainWindow) -> bool:
    return window.video.window() is window and window.splitter.isAncestorOf(window.video)


def test_detach_moves_the_video_to_its_own_window_and_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    detacher = detacher_for(window)
    player = window.player
    assert isinstance(player, RecordingPlayer)
    player.windows.clear()
    with qtbot.waitSignal(detacher.detachedChanged):
        detacher.detach()
    own = detacher.video_window
    assert own is not None and own.isWindow() and own.isVisible()
    assert window.video.window() is own
    assert not is_home(window)
    assert detacher.placeholder.isVisible()
    assert player.windows == [window.video.win_id()]  # told where to draw again
    assert detacher.detach_action.isChecked()
    assert QSettings().value(DETACHED_KEY) in (True, "true")

    own.close()  # closing the video window docks the video back
    assert is_home(window)
    assert not own.isVisible()
    assert not detacher.placeholder.isVisible()
    assert player.windows == [window.video.win_id()] * 2
    assert not detacher.detach_action.isChecked()
    assert QSettings().value(GEOMETRY_KEY) is not None


def test_full_screen_and_escape_leaves_it(qtbot: QtBot, window: MainWindow) -> None:
    detacher = detacher_for(window)
    player = window.player
    assert isinstance(player, RecordingPlayer)
    player.windows.clear()
    detacher.full_screen_action.trigger()
    own = detacher.video_window
    assert own is not None
    qtbot.waitUntil(own.isFullScreen)
    assert own.windowState() & Qt.WindowState.WindowFullScreen
    assert window.video.window() is own
    assert player.windows == [window.video.win_id()]
    assert not detacher.is_detached()  # only for the time of full screen

    QTest.keyClick(own, Qt.Key.Key_Escape)
    assert not own.isFullScreen()
    assert is_home(window)
    assert not detacher.full_screen_action.isChecked()
    assert len(player.windows) == 2
    assert QSettings().value(DETACHED_KEY) in (False, "false")


def test_double_click_on_the_picture_toggles_full_screen(qtbot: QtBot, window: MainWindow) -> None:
    detacher = detacher_for(window)
    detacher.detach()
    own = detacher.video_window
    assert own is not None
    QTest.mouseDClick(window.video.surface, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(own.isFullScreen)
    QTest.mouseDClick(window.video.surface, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not own.isFullScreen())
    assert window.video.window() is own  # it was detached before: it stays so
    assert detacher.is_detached()


def test_window_keys_work_from_the_video_window(qtbot: QtBot, window: MainWindow) -> None:
    detacher = detacher_for(window)
    detacher.detach()
    own = detacher.video_window
    assert own is not None
    own.activateWindow()
    assert QTest.qWaitForWindowActive(own)
    QTest.keyClick(own, Qt.Key.Key_Space)
    assert window.player.is_playing()
    QTest.keyClick(own, Qt.Key.Key_F11)  # the full screen key, from where the video is
    qtbot.waitUntil(own.isFullScreen)
    QTest.keyClick(own, Qt.Key.Key_Escape)
    assert not own.isFullScreen()


def test_detached_video_is_remembered_across_a_restart(
    qtbot: QtBot, window: MainWindow, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    detacher = detacher_for(window)
    detacher.detach()
    own = detacher.video_window
    assert own is not None
    own.setGeometry(200, 150, 640, 360)
    window.close()
    assert QSettings().value(DETACHED_KEY) in (True, "true")
    assert QSettings().value(GEOMETRY_KEY) is not None

    media = tmp_path / "again.mp4"
    media.write_bytes(b"x")
    later = MainWindow(library, RecordingPlayer())
    qtbot.addWidget(later)
    restored = detacher_for(later)
    later.show()
    qtbot.waitUntil(restored.is_detached)
    again = restored.video_window
    assert again is not None and again.isVisible()
    assert later.video.window() is again
    qtbot.waitUntil(lambda: again.size().width() == 640)
    later.close()
    assert QSettings().value(DETACHED_KEY) in (True, "true")
    del media, srt_file
