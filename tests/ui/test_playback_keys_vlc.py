"""Loop and selection play pressed as a user presses them (Ctrl+L, Ctrl+Shift+L) with the real
libVLC playing a real video: playback must come back to the line's start / stop at its end."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
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
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


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


def test_ctrl_l_loops_the_selected_line(qtbot: QtBot, vlc_window: MainWindow) -> None:
    player = vlc_window.player
    vlc_window.view.go_to_row(2)
    vlc_window.view.setFocus()
    qtbot.keyClick(vlc_window.view, Qt.Key.Key_L, CTRL)
    assert vlc_window.menus.loop.isChecked()
    qtbot.waitUntil(lambda: player.state() == PlayerState.PLAYING, timeout=5000)
    seen: list[int] = []
    for _ in range(60):  # 3 s: the line is 1 s long, so it has looped at least twice
        qtbot.wait(50)
        seen.append(player.time())
    # A loaded machine may check the clock a little late; a user would see a whole second more.
    assert max(seen) < 3500, f"playback ran past the line's end: {max(seen)} ms"
    assert min(seen[10:]) >= 1800
    assert any(later < earlier - 500 for earlier, later in pairwise(seen))
    qtbot.keyClick(vlc_window.view, Qt.Key.Key_L, CTRL)
    assert not vlc_window.menus.loop.isChecked()


def test_ctrl_shift_l_plays_the_selected_lines_then_pauses(
    qtbot: QtBot, vlc_window: MainWindow
) -> None:
    player = vlc_window.player
    vlc_window.view.select_rows([4])
    vlc_window.view.setFocus()
    qtbot.keyClick(vlc_window.view, Qt.Key.Key_L, CTRL | SHIFT)
    qtbot.waitUntil(lambda: player.state() == PlayerState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: player.state() == PlayerState.PAUSED, timeout=4000)
    assert 4800 <= player.time() <= 5600
    assert vlc_window.statusBar().currentMessage() == "End of the selected lines"
