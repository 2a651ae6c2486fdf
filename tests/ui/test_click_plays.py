"""Clicking a line, or Enter on it: by default it plays from there (as README says); with
Preferences > Playback > "Clicking a line: Only go there" it goes there and stays paused."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.fake import FakePlayer
from app.ui.preferences.preferences import PreferencesDialog
from app.ui.window.main_window import MainWindow


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    rect = window.view.row_rect(row)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _choose_in_preferences(qtbot: QtBot, window: MainWindow, choice: str) -> None:
    """Edit > Preferences as the user opens it (its shortcut), pick ``choice``, press OK."""

    found: list[str] = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            return
        combo = dialog.findChild(QComboBox, "clickLine")
        index = -1 if combo is None else combo.findText(choice)
        if combo is None or index < 0:
            dialog.reject()  # never leave a test waiting on a modal dialog
            return
        combo.setCurrentIndex(index)
        found.append(combo.currentText())
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        qtbot.mouseClick(
            buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(200, pick)
    window.menus.preferences.trigger()
    assert found == [choice], "the Playback tab has no such choice"
    window.view.setFocus()


def test_click_and_enter_play_from_the_line_by_default(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    _click_row(qtbot, fake_window, 4)
    assert player.state() == PlayerState.PLAYING
    assert player.time() == 4_000
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Down)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Return)
    assert player.time() == 5_000
    assert player.state() == PlayerState.PLAYING


def test_only_go_there_leaves_playback_paused(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    _choose_in_preferences(qtbot, fake_window, "Only go there")
    _click_row(qtbot, fake_window, 4)
    assert player.time() == 4_000
    assert player.state() != PlayerState.PLAYING
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Down)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Return)
    assert player.time() == 5_000
    assert player.state() != PlayerState.PLAYING
    _choose_in_preferences(qtbot, fake_window, "Play from it")
    _click_row(qtbot, fake_window, 7)
    assert player.state() == PlayerState.PLAYING
    assert player.time() == 7_000
