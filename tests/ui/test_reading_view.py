"""The reading view (issue 18): the transcript as paragraphs, driven as a user drives it.

Ctrl+Shift+R swaps the table for flowing text; a click on a line's words seeks there and selects
it, so the review keys act on it; the playing line's highlight follows the clock; the choice is
kept for the next window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.transcript import Word
from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.transcript.reading_view import ReadingView
from app.ui.transcript.transcript_model import STATUS_GLYPH
from app.ui.transcript.transcript_views import READING_KEY
from app.ui.window.main_window import MainWindow


def _to_reading(window: MainWindow) -> ReadingView:
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+R"))
    reading = window.views.reading
    assert reading.isVisible() and not window.view.isVisible()
    return reading


def _click_line(qtbot: QtBot, reading: ReadingView, row: int) -> None:
    reading.keep_in_view(row)
    point = reading.word_point(row)
    assert point is not None, f"line {row} is not on screen"
    QTest.mouseClick(reading.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _pixel(reading: ReadingView, point: QPoint) -> QColor:
    return reading.viewport().grab().toImage().pixelColor(point)


def _behind_words(window: MainWindow, row: int) -> QColor:
    """The colour just above line ``row``'s first letters: the line's background there."""
    reading = window.views.reading
    point = reading.word_point(row)
    assert point is not None, f"line {row} is not on screen"
    half = window.view.fontMetrics().height() // 2
    return _pixel(reading, QPoint(point.x() + 2, point.y() - half + 1))


def _stored_status(window: MainWindow, row: int) -> str:
    with Library.open(str(window.library.engine.url.database)) as fresh:
        assert window.project_id is not None
        return fresh.load_transcript(window.project_id).lines[row].status


def test_the_shortcut_shows_the_lines_as_paragraphs_and_back(fake_window: MainWindow) -> None:
    reading = _to_reading(fake_window)
    assert fake_window.views.action.isChecked()
    assert reading.hasFocus(), "the keys go to the text the user now sees"
    # 60 lines with no speaker: paragraphs of a few lines each, every line in one of them.
    count = reading.paragraph_count()
    assert 1 < count < 60
    speaker, text = reading.paragraph_text(0)
    assert speaker == ""
    assert text.startswith("Line number 0 Line number 1 ")
    QTest.keySequence(fake_window, QKeySequence("Ctrl+Shift+R"))
    assert fake_window.view.isVisible() and not reading.isVisible()
    assert fake_window.view.hasFocus()


def test_a_click_on_a_lines_words_seeks_there_and_a_approves_that_line(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    reading = _to_reading(fake_window)
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    _click_line(qtbot, reading, 21)
    assert player.time() == 21_000, "playback moved to the line clicked"
    assert fake_window.view.current_source_row() == 21
    assert fake_window.view.selected_rows() == [21]
    QTest.keyClick(reading, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: _stored_status(fake_window, 21) == "approved")
    assert _stored_status(fake_window, 20) == "unreviewed"
    # The approval shows here as a green mark in the margin beside the line.
    point = reading.word_point(21)
    assert point is not None
    assert _pixel(reading, QPoint(6, point.y())) == STATUS_GLYPH["approved"][1]


def test_shift_a_moves_the_one_cursor_on_in_both_views(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    reading = _to_reading(fake_window)
    _click_line(qtbot, reading, 5)
    QTest.keySequence(reading, QKeySequence("Shift+A"))
    assert fake_window.view.selected_rows() == [6], "the next line, alone, is selected"
    QTest.keyClick(reading, Qt.Key.Key_Down)
    assert fake_window.view.selected_rows() == [7]
    QTest.keyClick(reading, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _stored_status(fake_window, 7) == "flagged")
    assert _stored_status(fake_window, 5) == "approved"
    # Back in the table, the same line is the one selected.
    QTest.keySequence(fake_window, QKeySequence("Ctrl+Shift+R"))
    assert fake_window.view.current_source_row() == 7


def test_the_playing_line_highlight_follows_the_clock(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    reading = _to_reading(fake_window)
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    player.play()
    fake_window.follow.tick()
    assert fake_window.model.current_row == 0
    assert not reading.is_row_visible(50), "the line played later starts off screen"
    player.advance(50_500)
    fake_window.follow.tick()
    assert fake_window.model.current_row == 50
    assert reading.is_row_visible(50), "following playback keeps the playing line in view"
    base = reading.palette().base().color()
    assert _behind_words(fake_window, 50) != base, "the playing line is tinted"
    assert _behind_words(fake_window, 49) == base
    player.advance(1000)
    fake_window.follow.tick()
    assert fake_window.model.current_row == 51
    assert _behind_words(fake_window, 51) != base, "the tint moved on with the clock"
    assert _behind_words(fake_window, 50) == base


def test_edits_and_speakers_show_in_the_paragraphs(fake_window: MainWindow) -> None:
    reading = _to_reading(fake_window)
    edits = fake_window.editing.session
    assert edits.edit_text(2, "A corrected line")
    _speaker, text = reading.paragraph_text(reading.paragraph_of(2) or 0)
    assert "Line number 1 A corrected line Line number 3" in text
    assert edits.set_speaker([3, 4], "Bob")
    at = reading.paragraph_of(3)
    assert at is not None and reading.paragraph_of(2) != at
    assert reading.paragraph_text(at) == ("Bob", "Line number 3 Line number 4")
    assert reading.paragraph_of(5) not in (at, reading.paragraph_of(2))


def test_the_reading_view_is_kept_for_the_next_window(
    qtbot: QtBot, fake_window: MainWindow, library: Library, tmp_path: Path
) -> None:
    _to_reading(fake_window)
    assert QSettings().value(READING_KEY, False, type=bool)
    later = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(later)
    assert later.views.is_reading() and later.views.action.isChecked()
    later.views.action.trigger()
    again = MainWindow(library, FakePlayer())
    qtbot.addWidget(again)
    assert not again.views.is_reading()


def test_f2_in_the_reading_view_edits_in_the_table_and_comes_back(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    reading = _to_reading(fake_window)
    _click_line(qtbot, reading, 3)
    QTest.keyClick(reading, Qt.Key.Key_F2)
    assert fake_window.view.isVisible(), "the line's editor shows, in the table"
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not reading
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Corrected three")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(reading.isVisible)
    assert reading.hasFocus()
    assert "Line number 2 Corrected three Line number 4" in reading.paragraph_text(0)[1]
    assert fake_window.model.line(3).text == "Corrected three"


def test_with_word_timings_the_spoken_word_is_marked(fake_window: MainWindow) -> None:
    reading = _to_reading(fake_window)
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    line = fake_window.model.line(4)  # "Line number 4", 4.0 s to 5.0 s, as a recogniser timed it
    line.words = [Word(4000, 4300, " Line"), Word(4300, 4600, " number"), Word(4600, 5000, " 4")]
    player.play()
    player.advance(4100)
    fake_window.follow.tick()
    assert reading.spoken_word() == "Line"
    player.advance(400)
    fake_window.follow.tick()
    assert reading.spoken_word() == "number"
    player.advance(600)
    fake_window.follow.tick()
    assert fake_window.model.current_row == 5 and reading.spoken_word() is None


def test_scrolled_away_the_back_button_brings_the_playing_line_back(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    reading = _to_reading(fake_window)
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    player.play()
    player.advance(10_500)
    fake_window.follow.tick()
    assert reading.is_row_visible(10)
    for _ in range(6):
        QTest.keyClick(reading, Qt.Key.Key_PageDown)
    assert not reading.is_row_visible(10)
    assert not fake_window.follow.following, "scrolling away stops following"
    qtbot.waitUntil(fake_window.back_button.isVisible)
    QTest.mouseClick(fake_window.back_button, Qt.MouseButton.LeftButton)
    assert reading.is_row_visible(10)
    assert not fake_window.back_button.isVisible()
