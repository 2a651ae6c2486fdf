"""The transcript follows playback, and the user's clicks and keys drive the player (fake player:
this is the logic; tests/ui/test_window_vlc.py does it with real libVLC)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.fake import FakePlayer
from app.ui.window.main_window import MainWindow


def _fake(window: MainWindow) -> FakePlayer:
    assert isinstance(window.player, FakePlayer)
    return window.player


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    view = window.view
    view.show_row(row)
    rect = view.row_rect(row)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_click_on_a_line_seeks_to_its_start(qtbot: QtBot, fake_window: MainWindow) -> None:
    _click_row(qtbot, fake_window, 7)
    assert _fake(fake_window).seeks[-1] == 7000
    assert fake_window.model.current_row == 7


def test_enter_on_a_line_seeks_to_its_start(qtbot: QtBot, fake_window: MainWindow) -> None:
    fake_window.view.setFocus()
    fake_window.view.selectRow(12)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Return)
    assert _fake(fake_window).seeks[-1] == 12_000


def test_playing_across_a_boundary_moves_the_highlight(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    player = _fake(fake_window)
    _click_row(qtbot, fake_window, 3)
    player.play()
    assert fake_window.model.current_row == 3
    player.advance(999)
    qtbot.wait(60)
    assert fake_window.model.current_row == 3
    player.advance(2)
    qtbot.waitUntil(lambda: fake_window.model.current_row == 4, timeout=1000)


def test_the_playing_line_is_kept_in_view(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = _fake(fake_window)
    player.play()
    player.seek(50_500)
    qtbot.waitUntil(lambda: fake_window.model.current_row == 50, timeout=1000)
    assert fake_window.view.is_row_visible(50)


def test_scrolling_away_pauses_following_and_back_restores_it(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    player = _fake(window)
    player.play()
    player.seek(40_200)
    qtbot.waitUntil(lambda: window.model.current_row == 40, timeout=1000)
    assert not window.back_button.isVisible()

    window.view.verticalScrollBar().setValue(0)  # the user scrolls to the top
    assert not window.follow.following
    assert window.back_button.isVisible()
    assert not window.view.is_row_visible(40)
    player.advance(1000)  # playback goes on: the view must not jump back by itself
    qtbot.waitUntil(lambda: window.model.current_row == 41, timeout=1000)
    assert not window.view.is_row_visible(41)

    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.follow.following
    assert not window.back_button.isVisible()
    assert window.view.is_row_visible(41)


def test_space_plays_and_pauses_from_the_transcript(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = _fake(fake_window)
    fake_window.view.setFocus()
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Space)
    assert player.state() == PlayerState.PLAYING
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Space)
    assert player.state() == PlayerState.PAUSED


def test_space_in_a_text_field_types_a_space(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = _fake(fake_window)
    field = QLineEdit(fake_window)
    field.show()
    field.setFocus()
    qtbot.keyClicks(field, "a b")
    assert field.text() == "a b"
    assert player.state() != PlayerState.PLAYING


def test_skip_buttons_move_five_seconds(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = _fake(fake_window)
    player.seek(20_000)
    qtbot.mouseClick(fake_window.transport.forward_button, Qt.MouseButton.LeftButton)
    assert player.time() == 25_000
    qtbot.mouseClick(fake_window.transport.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(fake_window.transport.back_button, Qt.MouseButton.LeftButton)
    assert player.time() == 15_000
    assert fake_window.transport.time_label.text() == "00:15 / 01:00"


def test_a_click_low_in_the_list_does_not_scroll_so_double_click_edits_that_line(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    view = fake_window.view
    bottom = max(r for r in range(60) if view.is_row_visible(r))  # the last whole row shown
    rect = view.row_rect(bottom)
    bar = view.verticalScrollBar().value()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _fake(fake_window).seeks[-1] == bottom * 1000
    assert view.verticalScrollBar().value() == bar, "the click moved the row under the mouse"
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = view.focusWidget()
    assert editor is not None and editor is not view
    assert view.current_source_row() == bottom
    assert f"Line number {bottom}" in (
        editor.property("plainText") or editor.property("text") or ""
    )


def test_back_to_current_line_hides_while_the_line_is_on_screen(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    player = _fake(window)
    player.seek(20_200)
    qtbot.waitUntil(lambda: window.model.current_row == 20, timeout=1000)
    window.view.keep_in_view(20, force=True)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.value() + window.view.rowHeight(0))  # a small scroll: line 20 still shown
    assert window.view.is_row_visible(20)
    assert not window.back_button.isVisible()
    bar.setValue(bar.maximum())  # scrolled away: now the way back is offered
    assert window.back_button.isVisible()
    bar.setValue(0)
    qtbot.keyClick(window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.view.is_row_visible(20)
    assert not window.back_button.isVisible()
