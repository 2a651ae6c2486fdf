"""Every edit path meets the conflict dialog, not only typing: a nudge of times, a merge, a split,
a speaker set with the picker, Replace All, and an undone split; each after another reviewer
changed the line, each driven by the window's own keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.store import EditStore
from app.ui.editing.find_replace import FindReplaceDialog
from app.ui.editing.speakers import SpeakerPicker
from tests.ui.team_pair import Pair, pair

__all__ = ["pair"]  # the fixture, for pytest

ALT, CTRL_SHIFT = (
    Qt.KeyboardModifier.AltModifier,
    (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
)


def _key(pair: Pair, qtbot: QtBot, row: int, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    window = pair.window
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.view.go_to_row(row)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, mods)


def test_a_stale_nudge_shows_both_times_and_keep_theirs_keeps_their_times(
    pair: Pair, qtbot: QtBot
) -> None:
    EditStore(pair.ben).set_times(pair.line_id(4), 4200, 4900)
    pair.answer(qtbot, "keepTheirs")
    _key(pair, qtbot, 4, Qt.Key.Key_BracketRight, ALT)  # Alt+]: start 100 ms later
    qtbot.waitUntil(lambda: bool(pair.seen))
    assert "Times:" in pair.seen[0][0]
    assert pair.both == [("0:00:04.200 \u2013 0:00:04.900", "0:00:04.100 \u2013 0:00:05.000")]
    stored = pair.stored(4)
    assert (stored.start_ms, stored.end_ms) == (4200, 4900)
    shown = pair.window.model.line(4)
    assert (shown.start_ms, shown.end_ms) == (4200, 4900)


def test_a_merge_with_a_line_changed_by_someone_else_asks_and_keep_mine_merges(
    pair: Pair, qtbot: QtBot
) -> None:
    EditStore(pair.ben).set_text(pair.line_id(7), "Line number seven")
    pair.answer(qtbot, "keepMine")
    _key(pair, qtbot, 6, Qt.Key.Key_J, CTRL_SHIFT)  # merge with the next line
    qtbot.waitUntil(lambda: pair.window.model.rowCount() == 59)
    assert pair.both == [
        ("Line number seven", "Line number 7")
    ]  # theirs, and the line as Ana saw it
    assert pair.stored(6).text == "Line number 6 Line number 7"  # Ana's view of the pair


def test_a_split_of_a_line_changed_by_someone_else_keeps_theirs_whole(
    pair: Pair, qtbot: QtBot
) -> None:
    EditStore(pair.ben).set_text(pair.line_id(8), "Line eight, fixed by Ben")
    pair.answer(qtbot, "keepTheirs")
    _key(pair, qtbot, 8, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(pair.seen))
    qtbot.waitUntil(lambda: pair.shown(8) == "Line eight, fixed by Ben")
    assert pair.window.model.rowCount() == 60
    assert pair.stored(8).text == "Line eight, fixed by Ben"
    assert pair.stored(9).text == "Line number 9"


def test_a_speaker_set_over_someone_elses_shows_both_names(pair: Pair, qtbot: QtBot) -> None:
    EditStore(pair.ben).set_speaker([pair.line_id(2)], "BEN")
    _key(pair, qtbot, 2, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SpeakerPicker))
    picker = QApplication.activeModalWidget()
    edit = picker.findChild(QLineEdit, "speakerName")
    assert edit is not None
    edit.clear()
    qtbot.keyClicks(edit, "ANA")
    pair.answer(qtbot, "keepMine")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pair.stored(2).speaker == "ANA")
    assert "Speaker:" in pair.seen[0][0] and pair.both == [("BEN", "ANA")]
    assert pair.window.model.line(2).speaker == "ANA"


def test_replace_all_over_a_line_changed_by_someone_else_asks_first(
    pair: Pair, qtbot: QtBot
) -> None:
    EditStore(pair.ben).set_text(pair.line_id(1), "Line number one")
    pair.window.activateWindow()
    assert QTest.qWaitForWindowActive(pair.window)
    qtbot.keyClick(pair.window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = pair.window.findChild(FindReplaceDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.find_edit.clear()
    qtbot.keyClicks(dialog.find_edit, "number")
    qtbot.keyClicks(dialog.replace_edit, "no.")
    qtbot.waitUntil(dialog.replace_all_button.isEnabled)
    pair.answer(qtbot, "keepMine")
    qtbot.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pair.stored(1).text == "Line no. 1")  # Ana's replace, over Ben's
    assert pair.both == [("Line number one", "Line no. 1")]
    assert pair.stored(30).text == "Line no. 30"


def test_undo_of_a_split_after_someone_edited_a_half_keeps_theirs_and_the_stack(
    pair: Pair, qtbot: QtBot
) -> None:
    _key(pair, qtbot, 10, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: pair.window.model.rowCount() == 61)
    pair.ben.load_transcript(pair.project)  # Ben sees the halves and corrects one
    EditStore(pair.ben).set_text(pair.line_id(11), "number ten, by Ben")
    pair.answer(qtbot, "keepTheirs")
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: bool(pair.seen))
    assert pair.window.model.rowCount() == 61  # not joined over Ben's words
    assert pair.stored(11).text == "number ten, by Ben"
    assert pair.window.undo_stack.count() == 0


def test_redo_after_someone_elses_edit_asks_and_keep_mine_redoes(pair: Pair, qtbot: QtBot) -> None:
    pair.type_into(qtbot, 15, "Ana's fifteen")
    qtbot.waitUntil(lambda: pair.stored(15).text == "Ana's fifteen")
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: pair.stored(15).text == "Line number 15")
    pair.ben.load_transcript(pair.project)
    EditStore(pair.ben).set_text(pair.line_id(15), "Ben's fifteen")
    pair.answer(qtbot, "keepMine")
    _key(pair, qtbot, 15, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo
    qtbot.waitUntil(lambda: pair.stored(15).text == "Ana's fifteen")
    assert pair.both == [("Ben's fifteen", "Ana's fifteen")]
    assert pair.shown(15) == "Ana's fifteen"
    # Kept on the stack: Ana chose her words over Ben's, having seen them, so her own step
    # back is hers to take again without a second question.
    assert pair.window.undo_stack.canUndo()
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: pair.stored(15).text == "Line number 15")
