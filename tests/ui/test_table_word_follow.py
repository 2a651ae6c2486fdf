"""Word follow in the transcript table (issue 16, 4): the playing line's row underlines the word
being spoken as the clock passes word starts, where the line has word timings; with the fake
player's clock and with libVLC playing real media."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript, Word
from app.player.fake import FakePlayer
from app.player.vlc_player import VlcPlayer
from app.store.library import Library
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.conftest import COLOR_SECONDS
from tests.ui.conftest import open_window


def _cell(window: MainWindow, row: int) -> QImage:
    view = window.view
    index = view.proxy.mapFromSource(window.model.index(row, TranscriptModel.TEXT))
    return view.viewport().grab(view.visualRect(index)).toImage()


def _at(qtbot: QtBot, window: MainWindow, ms: int) -> None:
    """The clock at ``ms``, as the follow timer reads it."""
    player = window.player
    assert isinstance(player, FakePlayer)
    player.seek(ms)
    window.follow.tick()
    qtbot.wait(20)  # the repaint


def test_the_spoken_word_is_underlined_in_the_playing_row(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    line = window.model.line(4)  # "Line number 4", 4–5 s, as a recogniser times it
    line.words = [Word(4000, 4300, " Line"), Word(4300, 4600, " number"), Word(4600, 5000, " 4")]
    words = window.views.words
    _at(qtbot, window, 4100)
    assert window.model.current_row == 4
    assert words.spoken_word() == "Line"
    first = _cell(window, 4)
    _at(qtbot, window, 4450)
    assert words.spoken_word() == "number"
    second = _cell(window, 4)
    assert second != first, "the underline moved in the row"
    _at(qtbot, window, 4620)
    assert words.spoken_word() == "4"
    _at(qtbot, window, 4450)
    assert _cell(window, 4) == second, "the same word: the same row"
    # A line without word timings is left as it is.
    _at(qtbot, window, 3200)
    assert window.model.current_row == 3 and words.spoken_word() is None


@pytest.mark.vlc
@pytest.mark.gui
def test_with_the_real_player_the_table_s_word_moves_with_the_clock(
    qtbot: QtBot, library: Library, color_video: Path, tmp_path: Path
) -> None:
    srt = tmp_path / "colors.srt"
    lines = [Line(i * 1000, (i + 1) * 1000, f"Second {i}") for i in range(len(COLOR_SECONDS))]
    write_path(Transcript(lines=lines), srt, "srt")
    window = open_window(qtbot, library, VlcPlayer(audio=False), srt, color_video)
    try:
        line = window.model.line(2)  # "Second 2", 2–3 s
        line.words = [Word(2000, 2500, " Second"), Word(2500, 3000, " 2")]
        seen: list[str] = []
        words = window.views.words
        window.follow.ticked.connect(lambda _ms: seen.append(words.spoken_word() or ""))
        window.player.seek(1500)
        window.player.play()
        qtbot.waitUntil(lambda: "2" in seen, timeout=15_000)
        assert "Second" in seen and seen.index("Second") < seen.index("2"), seen
    finally:
        window.close()
