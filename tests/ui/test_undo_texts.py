"""What Edit > Undo says after a command, as the user reads it in the menu: "Undo Flag line",
"Undo Flag 3 lines", never "line(s)"; and a split that cannot be made says so in the status bar
instead of stopping the user with a dialog."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
APP = Path(__file__).resolve().parents[2] / "app"


def undo_text(window: MainWindow) -> str:
    return window.menus.review.undo.text().replace("&", "")


def test_review_and_edit_commands_name_their_count(qtbot: QtBot, fake_window: MainWindow) -> None:
    w = fake_window
    w.view.select_rows([3])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    assert undo_text(w) == "Undo Flag line"
    w.view.select_rows([4, 5, 6])
    qtbot.keyClick(w.view, Qt.Key.Key_A)
    assert undo_text(w) == "Undo Approve 3 lines"
    qtbot.keyClick(w.view, Qt.Key.Key_U)
    assert undo_text(w) == "Undo Mark unreviewed 3 lines"
    w.view.select_rows([8, 9])
    qtbot.keyClick(w.view, Qt.Key.Key_Delete, CTRL)
    assert undo_text(w) == "Undo Delete 2 lines"
    w.view.select_rows([8])
    qtbot.keyClick(w.view, Qt.Key.Key_Delete, CTRL)
    assert undo_text(w) == "Undo Delete line"
    assert w.editing.session.set_speaker([1], "Ada")
    assert undo_text(w) == "Undo Set speaker of line"


def test_no_user_text_in_the_app_says_line_s() -> None:
    """Every count the window shows is worded for one and for many: grep the window's sources."""
    offenders = [
        f"{path.relative_to(APP.parent)}:{number}"
        for path in sorted((APP / "ui").rglob("*.py"))
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\w\(s\)", text) and not text.lstrip().startswith("#")
    ]
    assert offenders == []


def test_a_split_that_cannot_be_made_is_a_status_message(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    """Ctrl+Shift+S in the F2 editor with the cursor after the last word: nothing to cut off."""
    w = fake_window
    w.view.go_to_row(4)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F2)
    editor = w.view.findChild(QPlainTextEdit, "inlineTextEditor")
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    dialogs: list[str] = []

    def close_any_dialog() -> None:  # a modal box would stop the test here: note and close it
        modal = QApplication.activeModalWidget()
        if modal is not None:
            dialogs.append(modal.windowTitle())
            modal.close()

    QTimer.singleShot(300, close_any_dialog)
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(400)
    assert dialogs == []
    assert "split" in w.statusBar().currentMessage().lower()
    assert w.model.rowCount() == 60
    assert w.model.line(4).text == "Line number 4"
