"""Editing a line in the transcript itself, as a user does it: double-click or F2, type, Enter
(Shift+Enter for a new line, Esc to cancel). What is typed is in the library at once, the
imported text is kept, and one Ctrl+Z takes it back."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.editing.edit_session import EditSession
from app.ui.editing.text_editor_delegate import (
    PAUSE_WHILE_TYPING_KEY,
    PauseWhileTyping,
    TextEditorDelegate,
)
from app.ui.editing.time_dialog import ShiftDialog, TimesDialog, parse_offset
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow


@dataclass
class Editing:
    window: MainWindow
    session: EditSession
    delegate: TextEditorDelegate
    messages: list[str]

    def stored_line(self, row: int) -> tuple[str, str]:
        """(text, imported text) as a new connection to the same file reads them."""
        library = self.window.library
        assert self.window.project_id is not None
        with Library.open(str(library.engine.url.database)) as fresh:
            line = fresh.load_transcript(self.window.project_id).lines[row]
        return line.text, line.original

    def editor(self) -> QPlainTextEdit | None:
        return self.window.view.findChild(QPlainTextEdit, "inlineTextEditor")

    def double_click(self, qtbot: QtBot, row: int) -> QPlainTextEdit:
        view = self.window.view
        view.show_row(row)
        centre = view.row_rect(row).center()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.waitUntil(lambda: self.editor() is not None and self.editor().hasFocus())
        editor = self.editor()
        assert editor is not None
        return editor


@pytest.fixture
def editing(fake_window: MainWindow) -> Editing:
    """The window with editing wired as main_window will wire it."""
    w = fake_window
    session = EditSession(w.library, w.model, w.undo_stack, lambda: w.project_id, w)
    delegate = TextEditorDelegate(session, w.view)
    delegate.install(w.view)
    session.focusRow.connect(w.view.go_to_row)
    messages: list[str] = []
    session.failed.connect(messages.append)
    return Editing(w, session, delegate, messages)


def test_double_click_type_enter_saves_the_line(editing: Editing, qtbot: QtBot) -> None:
    editor = editing.double_click(qtbot, 3)
    assert editor.toPlainText() == "Line number 3"
    editor.selectAll()
    qtbot.keyClicks(editor, "Line number three")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editing.editor() is None)
    assert editing.stored_line(3) == ("Line number three", "Line number 3")
    model = editing.window.model
    assert model.data(model.index(3, TranscriptModel.TEXT)) == "Line number three"
    assert editing.session.changed_rows() == [3]
    editing.window.undo_stack.undo()
    assert editing.stored_line(3) == ("Line number 3", "Line number 3")


def test_escape_cancels(editing: Editing, qtbot: QtBot) -> None:
    editor = editing.double_click(qtbot, 5)
    qtbot.keyClicks(editor, " and more")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editing.editor() is None)
    assert editing.stored_line(5) == ("Line number 5", "Line number 5")
    assert editing.window.undo_stack.count() == 0


def test_f2_edits_and_shift_enter_starts_a_new_line(editing: Editing, qtbot: QtBot) -> None:
    view = editing.window.view
    view.go_to_row(2)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: editing.editor() is not None)
    editor = editing.editor()
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "second")
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: editing.editor() is None)
    assert editing.stored_line(2)[0] == "Line number 2\nsecond"


def test_enter_without_an_editor_still_seeks(editing: Editing, qtbot: QtBot) -> None:
    view = editing.window.view
    view.go_to_row(7)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert editing.window.player.time() == 7000
    assert editing.editor() is None


def test_pause_while_typing(editing: Editing, qtbot: QtBot) -> None:
    player = editing.window.player
    assert isinstance(player, FakePlayer)
    PauseWhileTyping(player, editing.delegate, editing.window)
    player.play()
    editor = editing.double_click(qtbot, 1)  # off by default: keeps playing
    assert player.is_playing()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QSettings().setValue(PAUSE_WHILE_TYPING_KEY, True)
    try:
        editor = editing.double_click(qtbot, 1)
        assert not player.is_playing()
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.waitUntil(player.is_playing)
    finally:
        QSettings().remove(PAUSE_WHILE_TYPING_KEY)


def test_insert_opens_the_editor_on_the_new_line(editing: Editing, qtbot: QtBot) -> None:
    row = editing.session.insert_at(10_500)
    assert row == 11
    qtbot.waitUntil(lambda: editing.editor() is not None)
    editor = editing.editor()
    assert editor is not None
    assert editor.textCursor().selectedText() == "(new line)"
    qtbot.keyClicks(editor, "A new line")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editing.editor() is None)
    assert editing.stored_line(11)[0] == "A new line"
    assert editing.window.model.row_at_time(10_600) == 11
    assert editing.window.view.current_source_row() == 11


def test_split_at_the_text_cursor(editing: Editing, qtbot: QtBot) -> None:
    editor = editing.double_click(qtbot, 4)
    cursor = editor.textCursor()
    cursor.setPosition(4)  # "Line| number 4"
    editor.setTextCursor(cursor)
    assert editing.delegate.split_at_cursor(None)
    model = editing.window.model
    assert [model.line(r).text for r in (4, 5)] == ["Line", "number 4"]
    assert editing.window.view.current_source_row() == 4
    assert not editing.delegate.split_at_cursor(None)  # no editor open any more


def test_time_dialogs_read_what_is_typed(editing: Editing, qtbot: QtBot) -> None:
    model = editing.window.model
    dialog = TimesDialog(model.line(6))
    qtbot.addWidget(dialog)
    assert dialog.start.text() == "0:00:06.000"
    dialog.end.setText("0:00:05.5")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "before the start" in dialog.problem.text()
    dialog.end.setText("0:00:06.750")
    assert dialog.times() == (6000, 6750)
    assert editing.session.set_times(6, *dialog.times())
    shift = ShiftDialog(model.line(6), 54)
    qtbot.addWidget(shift)
    shift.offset.setText("-7")
    assert "before the start" in shift.problem.text()
    shift.offset.setText("+1.25")
    assert shift.offset_ms() == 1250 and "0:00:07.250" in shift.preview.text()
    assert parse_offset("-0:01.200") == -1200


def test_the_edited_marker_shows_in_the_notes_column(editing: Editing, qtbot: QtBot) -> None:
    assert editing.session.edit_text(0, "Changed")
    model = editing.window.model
    assert model.data(model.index(0, TranscriptModel.NOTES)) == "\u2731"
    assert model.data(model.index(0, TranscriptModel.STATUS)) == ""
