"""Edit > Next Misspelling (F7): the spelling dialog across the whole transcript, driven by keys
on a real window over a real library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.store.review import ReviewStore
from app.ui.editing import spell_pass
from app.ui.editing.spell_highlighter import PersonalWords
from app.ui.editing.spell_pass import SpellPassDialog
from app.ui.window.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def misspell(window: MainWindow, row: int, text: str) -> None:
    assert window.editing.session.edit_text(row, text)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key where the user's focus is (the transcript, or the spelling dialog)."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def mnemonic(qtbot: QtBot, dialog: SpellPassDialog, key: Qt.Key, button: str) -> None:
    """Alt+<key> where the focus is; the button it names clicks once its press is shown."""
    press(qtbot, key, ALT)
    pushed = dialog.buttons[button]
    qtbot.waitUntil(lambda: not pushed.isDown())  # a mnemonic "animates" its click


def dialog_after_f7(qtbot: QtBot, window: MainWindow, shift: bool = False) -> SpellPassDialog:
    target = QApplication.focusWidget() or window.view  # the transcript, or the dialog
    qtbot.keyClick(target, Qt.Key.Key_F7, SHIFT if shift else Qt.KeyboardModifier.NoModifier)
    found = window.findChild(SpellPassDialog, "spellPassDialog")
    assert found is not None
    qtbot.waitUntil(lambda: found.isVisible() and not found.searching())
    found.activateWindow()
    qtbot.waitUntil(found.isActiveWindow)
    return found


def test_f7_finds_the_next_misspelling_and_change_corrects_it_undoably(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    misspell(window, 12, "Line numbr twelve")
    misspell(window, 30, "Line nmuber 30")
    window.view.go_to_row(5)
    dialog = dialog_after_f7(qtbot, window)
    assert window.view.selected_rows() == [12], "the line is selected in the list"
    assert dialog.found is not None and dialog.found.word == "numbr"
    assert "<b><u>numbr</u></b>" in dialog.context.text()
    offered = [dialog.suggestions.item(i).text() for i in range(dialog.suggestions.count())]
    assert "number" in offered
    dialog.suggestions.setCurrentRow(offered.index("number"))
    assert dialog.change_to.text() == "number"
    mnemonic(qtbot, dialog, Qt.Key.Key_C, "change")  # Change
    assert window.model.line(12).text == "Line number twelve"
    assert window.model.line(12).original_text == "Line number 12"  # imported text on record
    qtbot.waitUntil(lambda: dialog.found is not None and dialog.found.row == 30)
    assert dialog.found.word == "nmuber" and window.view.selected_rows() == [30]

    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.line(12).text == "Line numbr twelve", "Ctrl+Z undoes it"


def test_the_search_wraps_saying_so_and_shift_f7_goes_back(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    misspell(window, 3, "Line numbr 3")
    misspell(window, 40, "Line nmuber 40")
    window.view.go_to_row(45)
    dialog = dialog_after_f7(qtbot, window)
    assert dialog.found is not None and dialog.found.row == 3
    assert "from the start of the transcript" in dialog.status.text()
    mnemonic(qtbot, dialog, Qt.Key.Key_N, "next")  # Next
    qtbot.waitUntil(lambda: dialog.found is not None and dialog.found.row == 40)
    assert "from the start" not in dialog.status.text()
    press(qtbot, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    window.view.go_to_row(20)
    dialog = dialog_after_f7(qtbot, window, shift=True)
    assert dialog.found is not None and dialog.found.row == 3
    dialog = dialog_after_f7(qtbot, window, shift=True)  # Shift+F7 again, in the dialog
    assert dialog.found is not None and dialog.found.row == 40
    assert "from the end of the transcript" in dialog.status.text()


def test_change_all_is_one_undo_step(qtbot: QtBot, fake_window: MainWindow) -> None:
    window = fake_window
    for row in (7, 8, 50):
        misspell(window, row, f"Line numbr {row}")
    window.view.go_to_row(0)
    dialog = dialog_after_f7(qtbot, window)
    dialog.change_to.setFocus()
    dialog.change_to.selectAll()
    QTest.keyClicks(dialog.change_to, "number")
    mnemonic(qtbot, dialog, Qt.Key.Key_L, "change_all")  # Change All
    assert [window.model.line(r).text for r in (7, 8, 50)] == [
        "Line number 7",
        "Line number 8",
        "Line number 50",
    ]
    qtbot.waitUntil(lambda: not dialog.searching())
    assert dialog.status.text() == "No misspelt words in the transcript."
    window.undo_stack.undo()
    assert window.model.line(50).text == "Line numbr 50" and window.model.line(7).text == (
        "Line numbr 7"
    )


def test_ignore_all_lasts_the_session_and_add_keeps_the_word(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    misspell(window, 4, "Line Zorblat numbr 4")
    misspell(window, 9, "Line numbr 9")
    misspell(window, 20, "Line frobnicatr 20")
    window.view.go_to_row(0)
    dialog = dialog_after_f7(qtbot, window)
    assert dialog.found is not None and dialog.found.word == "numbr"
    mnemonic(qtbot, dialog, Qt.Key.Key_G, "ignore_all")  # Ignore All: line 9's numbr too
    qtbot.waitUntil(lambda: dialog.found is not None and dialog.found.row == 20)
    assert window.editing.spell.checker.known("numbr")
    mnemonic(qtbot, dialog, Qt.Key.Key_A, "add")  # Add to Dictionary
    qtbot.waitUntil(lambda: not dialog.searching())
    assert dialog.status.text() == "No misspelt words in the transcript."
    saved = PersonalWords(ReviewStore(window.library)).load()
    assert saved == ["frobnicatr"], "added words are kept in the library; ignored ones are not"


def test_nothing_misspelt_says_so_and_esc_returns_to_the_list(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    dialog = dialog_after_f7(qtbot, fake_window)
    assert dialog.found is None
    assert dialog.status.text() == "No misspelt words in the transcript."
    assert not dialog.buttons["change"].isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is fake_window.view)


def test_a_long_search_runs_in_slices_showing_how_far_it_got(
    qtbot: QtBot, fake_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spell_pass, "SLICE_S", 0.0)  # one step per turn of the event loop
    monkeypatch.setattr("app.core.spell_pass.STEP", 10)
    window = fake_window
    misspell(window, 58, "Line numbr 58")
    window.view.go_to_row(0)
    qtbot.keyClick(window.view, Qt.Key.Key_F7)
    dialog = window.findChild(SpellPassDialog)
    assert dialog is not None and dialog.searching(), "F7 returns before the search ends"
    seen: list[str] = []
    qtbot.waitUntil(lambda: seen.append(dialog.status.text()) or not dialog.searching())
    assert any(text.startswith("Checking line") and "of 60" in text for text in seen)
    assert dialog.found is not None and dialog.found.row == 58


def test_no_language_says_where_to_choose_one(qtbot: QtBot, fake_window: MainWindow) -> None:
    fake_window.editing.spell.set_language("")
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F7)
    dialog = fake_window.findChild(QDialog, "spellPassDialog")
    assert isinstance(dialog, QWidget) and dialog.isVisible()
    assert "Preferences > Editing" in dialog.findChild(QWidget, "spellStatus").text()


def test_keyboard_alone_enter_changes_once_and_a_deleted_line_stops_the_pass(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    misspell(window, 12, "Line numbr twelve")
    misspell(window, 13, "Line numbr thirteen")
    window.view.go_to_row(10)
    dialog = dialog_after_f7(qtbot, window)
    assert QApplication.focusWidget() is dialog.suggestions
    row = next(
        i
        for i in range(dialog.suggestions.count())
        if dialog.suggestions.item(i).text() == "number"
    )
    dialog.suggestions.setCurrentRow(0)
    for _ in range(row):
        press(qtbot, Qt.Key.Key_Down)
    assert dialog.change_to.text() == "number"
    press(qtbot, Qt.Key.Key_Return)  # Change, the default button
    assert window.model.line(12).text == "Line number twelve"
    qtbot.waitUntil(lambda: dialog.found is not None and dialog.found.row == 13)
    assert window.model.line(13).text == "Line numbr thirteen", "one Enter, one change"

    assert window.editing.session.delete_rows([20])
    assert dialog.found is None and "press F7" in dialog.status.text()
    assert not dialog.buttons["change"].isEnabled()
