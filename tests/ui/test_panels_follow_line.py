"""The Line panel and the Notes header follow every change of the line they show, made with the
keys a user presses (F2, `]`, Revert, undo/redo, split, merge): no stale text, and a highlight
made in the panel lands on the words of the new text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def panel_text(window: MainWindow) -> str:
    return window.line_panel.text.toPlainText()


def edit_with_f2(qtbot: QtBot, window: MainWindow, row: int, text: str) -> None:
    window.view.go_to_row(row)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.view.findChild(QPlainTextEdit, "inlineTextEditor")
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view.findChild(QPlainTextEdit, "inlineTextEditor") is None)
    window.view.setFocus()


def select_in_panel(qtbot: QtBot, window: MainWindow, start: int, length: int) -> None:
    """Put the panel's cursor at ``start`` and Shift+Right ``length`` times, as a user does."""
    text = window.line_panel.text
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Home, CTRL)
    for _ in range(start):
        qtbot.keyClick(text, Qt.Key.Key_Right)
    for _ in range(length):
        qtbot.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_f2_edit_and_undo_redo_show_in_both_panels(qtbot: QtBot, fake_window: MainWindow) -> None:
    w = fake_window
    w.view.go_to_row(3)
    assert panel_text(w) == "Line number 3"
    edit_with_f2(qtbot, w, 3, "Three")
    assert panel_text(w) == "Three"
    assert "Three" in w.notes_panel.header.text()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert panel_text(w) == "Line number 3"
    assert "Line number 3" in w.notes_panel.header.text()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert panel_text(w) == "Three"
    assert "Three" in w.notes_panel.header.text()


def test_a_highlight_after_a_shorter_edit_lands_on_the_new_words(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    w = fake_window
    w.view.go_to_row(3)
    select_in_panel(qtbot, w, 5, 8)  # "number 3" of the old text, still selected in the panel
    edit_with_f2(qtbot, w, 3, "Tiny bit")
    assert panel_text(w) == "Tiny bit"
    select_in_panel(qtbot, w, 5, 3)  # "bit"
    assert w.line_panel.text.textCursor().selectedText() == "bit"
    qtbot.keyClick(w.line_panel.text, Qt.Key.Key_2, CTRL)
    assert w.project_id is not None
    stored = w.library.load_transcript(w.project_id).lines[3]
    assert stored.text == "Tiny bit"
    assert [stored.text[h.start : h.end] for h in stored.highlights] == ["bit"]


def test_ctrl_2_on_a_stale_span_longer_than_the_text_does_not_raise(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    """The span the user had selected is beyond the end of the new, shorter text."""
    w = fake_window
    w.view.go_to_row(3)
    select_in_panel(qtbot, w, 9, 4)  # "er 3"
    assert w.session.model.line(3).id is not None
    w.editing.session.edit_text(3, "Ok")  # e.g. Find and Replace, or another window's edit
    cursor = w.line_panel.text.textCursor()
    assert cursor.selectionEnd() <= len("Ok")
    qtbot.keyClick(w.line_panel.text, Qt.Key.Key_2, CTRL)  # pytest-qt fails on an exception
    assert panel_text(w) == "Ok"
    assert all(h.end <= 2 for h in w.model.line(3).highlights)


def test_bracket_and_revert_show_in_the_panel(qtbot: QtBot, fake_window: MainWindow) -> None:
    w = fake_window
    assert isinstance(w.player, FakePlayer)
    w.view.go_to_row(5)
    w.view.setFocus()
    w.player.seek(5_700)
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight)
    assert "0:00:05.700" in w.line_panel.header.text()
    edit_with_f2(qtbot, w, 5, "Five")
    assert panel_text(w) == "Five"
    revert = next(a for a in w.editing.actions if a.objectName() == "edit.revert")
    revert.trigger()
    assert panel_text(w) == "Line number 5"
    assert "Line number 5" in w.notes_panel.header.text()


def test_merge_and_split_show_the_new_line(qtbot: QtBot, fake_window: MainWindow) -> None:
    w = fake_window
    w.view.go_to_row(3)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_J, CTRL_SHIFT)
    assert panel_text(w) == "Line number 3 Line number 4"
    assert "Line number 3 Line number 4"[:20] in w.notes_panel.header.text()
    assert w.line_panel.line_id == w.model.line(3).id
    qtbot.keyClick(w.view, Qt.Key.Key_S, CTRL_SHIFT)
    assert w.model.rowCount() == 60
    current = w.view.current_source_row()
    assert current is not None
    assert panel_text(w) == w.model.line(current).text
    assert w.line_panel.line_id == w.model.line(current).id
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)  # the split undone: the merged line again
    assert panel_text(w) == w.model.line(w.view.current_source_row() or 0).text
    select_in_panel(qtbot, w, 0, 4)
    qtbot.keyClick(w.line_panel.text, Qt.Key.Key_1, CTRL)
    line = w.model.line(w.view.current_source_row() or 0)
    assert [line.text[h.start : h.end] for h in line.highlights] == ["Line"]


def test_the_panel_cursor_is_clamped_not_left_past_the_end(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    w = fake_window
    w.view.go_to_row(2)
    text = w.line_panel.text
    text.moveCursor(QTextCursor.MoveOperation.End)
    w.editing.session.edit_text(2, "Two")
    assert text.textCursor().position() <= 3


def test_revert_in_the_changes_panel_leaves_the_next_change_unpicked(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    """A second click on Revert must not revert a line the user did not pick."""
    w = fake_window
    edit_with_f2(qtbot, w, 2, "Two edited")
    edit_with_f2(qtbot, w, 6, "Six edited")
    w.panels["changesDock"].show()
    view = w.editing.changes
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    rect = view.list.visualRect(view.model.index(0))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert w.model.line(2).text == "Line number 2"
    assert view.selected_source_row() is None
    assert not view.revert_button.isEnabled()
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)  # the second click
    assert w.model.line(6).text == "Six edited"
    assert view.model.rowCount() == 1
