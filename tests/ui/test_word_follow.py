"""Word-level follow in the Line panel (issue 16, 4): the spoken word is underlined as the clock
passes word starts, on a line with word timings; a click on a word plays from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript, Word
from app.player.vlc_player import VlcPlayer
from app.store.library import Library
from app.ui.window.main_window import MainWindow
from tests.conftest import COLOR_SECONDS
from tests.ui.conftest import open_window


def _with_words(window: MainWindow, row: int) -> None:
    """Line 4 ("Line number 4", 4–5 s) as a recogniser would time it."""
    line = window.model.line(row)
    line.words = [Word(4000, 4300, " Line"), Word(4300, 4600, " number"), Word(4600, 5000, " 4")]
    window.view.go_to_row(row)
    assert window.line_panel.line_id == line.id


def _underlined(window: MainWindow) -> list[str]:
    text = window.line_panel.text
    return [
        s.cursor.selectedText()
        for s in text.extraSelections()
        if s.format.fontUnderline() and s.cursor.hasSelection()
    ]


def test_the_spoken_word_is_underlined_as_the_clock_moves(fake_window: MainWindow) -> None:
    window = fake_window
    _with_words(window, 4)
    window.follow.ticked.emit(4100)
    assert _underlined(window) == ["Line"]
    window.follow.ticked.emit(4450)
    assert _underlined(window) == ["number"]
    window.follow.ticked.emit(5200)
    assert _underlined(window) == [], "past the line's words: nothing marked"


def test_a_click_on_a_word_plays_from_it(qtbot: QtBot, fake_window: MainWindow) -> None:
    window = fake_window
    _with_words(window, 4)
    text = window.line_panel.text
    cursor = QTextCursor(text.document())
    cursor.setPosition(7)  # inside "number"
    point: QPoint = text.cursorRect(cursor).center()
    with qtbot.waitSignal(window.word_marks.seekRequested) as seek:
        QTest.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert seek.args == [4300]
    assert window.player.seeks[-1] == 4300, "the player went to the word"


def test_a_line_without_word_timings_is_left_alone(fake_window: MainWindow) -> None:
    window = fake_window
    window.view.go_to_row(3)
    window.follow.ticked.emit(3200)
    assert _underlined(window) == []


@pytest.mark.vlc
@pytest.mark.gui
def test_with_the_real_player_the_marked_word_moves_with_the_clock(
    qtbot: QtBot, library: Library, color_video: Path, tmp_path: Path
) -> None:
    """Real libVLC playing real media: the underline goes from word to word as it plays."""
    srt = tmp_path / "colors.srt"
    lines = [Line(i * 1000, (i + 1) * 1000, f"Second {i}") for i in range(len(COLOR_SECONDS))]
    write_path(Transcript(lines=lines), srt, "srt")
    window = open_window(qtbot, library, VlcPlayer(audio=False), srt, color_video)
    try:
        line = window.model.line(2)  # "Second 2", 2–3 s
        line.words = [Word(2000, 2500, " Second"), Word(2500, 3000, " 2")]
        window.view.go_to_row(2)
        seen: list[str] = []
        window.follow.ticked.connect(lambda _ms: seen.extend(_underlined(window)[:1]))
        window.player.seek(1500)
        window.player.play()
        qtbot.waitUntil(lambda: "2" in seen, timeout=15_000)
        assert "Second" in seen and seen.index("Second") < seen.index("2"), seen
    finally:
        window.close()
