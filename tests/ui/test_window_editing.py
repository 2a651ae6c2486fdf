"""Editing from the main window: the keys an editor presses, checked in the view and the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.ui.editing.find_replace import FindReplaceDialog
from app.ui.window.main_window import MainWindow


def stored(window: MainWindow) -> list[tuple[int, int, str]]:
    assert window.project_id is not None
    lines = window.library.load_transcript(window.project_id).lines
    return [(line.start_ms, line.end_ms, line.text) for line in lines]


def test_bracket_sets_the_start_to_the_playhead(qtbot: QtBot, fake_window: MainWindow) -> None:
    assert isinstance(fake_window.player, FakePlayer)
    fake_window.view.select_rows([5])
    fake_window.player.seek(5_300)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_BracketLeft)
    assert stored(fake_window)[5][:2] == (5_300, 6_000)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(fake_window)[5][:2] == (5_000, 6_000)


def test_merge_and_undo_from_the_keyboard(qtbot: QtBot, fake_window: MainWindow) -> None:
    fake_window.view.select_rows([3])
    merge = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(fake_window.view, Qt.Key.Key_J, merge)
    assert fake_window.model.rowCount() == 59
    assert stored(fake_window)[3] == (3_000, 5_000, "Line number 3 Line number 4")
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.model.rowCount() == 60
    assert stored(fake_window)[3:5] == [
        (3_000, 4_000, "Line number 3"),
        (4_000, 5_000, "Line number 4"),
    ]


def test_a_correction_is_counted_in_the_status_bar(qtbot: QtBot, fake_window: MainWindow) -> None:
    assert fake_window.editing.session.edit_text(7, "Line number seven")
    qtbot.waitUntil(lambda: fake_window.changed_label.text() == "1 line corrected")
    assert stored(fake_window)[7][2] == "Line number seven"


def test_ctrl_h_opens_find_and_replace(qtbot: QtBot, fake_window: MainWindow) -> None:
    qtbot.keyClick(fake_window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = fake_window.findChild(FindReplaceDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_checks_dock_lists_an_overlap(qtbot: QtBot, fake_window: MainWindow) -> None:
    assert fake_window.editing.session.set_times(10, 10_000, 11_500)  # runs into line 11
    fake_window.panels["checksDock"].show()
    panel = fake_window.editing.checks
    panel.refresh()
    qtbot.waitUntil(lambda: "overlap" in panel.summary.text().lower())


def test_pause_while_typing_is_a_preference(qtbot: QtBot, fake_window: MainWindow) -> None:
    from app.ui.preferences.preferences import PreferencesDialog

    dialog = PreferencesDialog(fake_window)
    qtbot.addWidget(dialog)
    page = dialog.findChild(QCheckBox, "pauseWhileTyping")
    assert page is not None and not page.isChecked()
    page.setChecked(True)
    dialog.accept()
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    player.play()
    fake_window.view.select_rows([2])
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: not player.is_playing())


def test_skip_commands_are_named_by_the_preferred_amounts(fake_window: MainWindow) -> None:
    from PySide6.QtCore import QSettings

    assert fake_window.menus.back.text() == "&Back 5 s"
    QSettings().setValue("playback/skip_long_ms", 10_000)
    QSettings().setValue("playback/skip_short_ms", 2_500)
    fake_window.menus.label_skips()
    assert fake_window.menus.back.text() == "&Back 10 s"
    assert fake_window.menus.forward_short.text() == "Forward 2.5 s"
