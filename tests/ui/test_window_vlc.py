"""The one real end-to-end check: the main window with real libVLC playing a real video under a
real X display. Clicking a line is heard (seen) at that line; playback moves the highlight."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript
from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer
from app.store.library import Library
from app.ui.window.main_window import MainWindow
from tests.conftest import COLOR_SECONDS
from tests.ui.conftest import open_window

pytestmark = [pytest.mark.vlc, pytest.mark.gui]


@pytest.fixture
def vlc_window(
    qtbot: QtBot, library: Library, color_video: Path, tmp_path: Path
) -> Iterator[MainWindow]:
    lines = [
        Line(start_ms=i * 1000, end_ms=(i + 1) * 1000, text=f"The {colour} second")
        for i, colour in enumerate(COLOR_SECONDS)
    ]
    srt = tmp_path / "colors.srt"
    write_path(Transcript(lines=lines), srt, "srt")
    window = open_window(qtbot, library, VlcPlayer(audio=False), srt, color_video)
    qtbot.waitUntil(lambda: window.player.duration() > 9000, timeout=5000)
    yield window
    window.close()


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    rect = window.view.row_rect(row)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_line_plays_from_its_start(qtbot: QtBot, vlc_window: MainWindow) -> None:
    player = vlc_window.player
    qtbot.keyClick(vlc_window.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.state() == PlayerState.PLAYING, timeout=5000)
    for row in (5, 2, 8):
        _click_row(qtbot, vlc_window, row)
        # Playing on from anywhere else would take seconds to get there: the click took it there.
        qtbot.waitUntil(
            lambda r=row: abs(player.time() - r * 1000) < 450 and vlc_window.model.current_row == r,
            timeout=3000,
        )
        assert player.state() == PlayerState.PLAYING


def test_playback_moves_the_highlight_to_the_next_line(
    qtbot: QtBot, vlc_window: MainWindow
) -> None:
    player = vlc_window.player
    _click_row(qtbot, vlc_window, 3)  # before any Play: the click plays from the line
    qtbot.waitUntil(lambda: player.state() == PlayerState.PLAYING, timeout=5000)
    assert vlc_window.model.current_row == 3
    qtbot.waitUntil(lambda: vlc_window.model.current_row == 4, timeout=2500)
    assert 3900 <= player.time() <= 4500
    qtbot.waitUntil(lambda: vlc_window.model.current_row == 5, timeout=2500)


def test_pause_keeps_the_place_for_next_time(
    qtbot: QtBot, vlc_window: MainWindow, library: Library
) -> None:
    player = vlc_window.player
    _click_row(qtbot, vlc_window, 6)
    player.play()
    qtbot.waitUntil(lambda: player.state() == PlayerState.PLAYING, timeout=5000)
    qtbot.keyClick(vlc_window.view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.state() == PlayerState.PAUSED, timeout=5000)
    assert vlc_window.project_id is not None
    info = library.get_project(vlc_window.project_id)
    assert 6000 <= info.last_position_ms < 7500
    assert info.last_line_id == vlc_window.model.line(6).id
