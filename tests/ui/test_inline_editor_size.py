"""The F2 editor fits its line: it grows with its text instead of covering the next row or
showing a tiny scroll bar (issue 18, 15)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow

WORDS = " and then the envoys said they would meet again before the end of the month"


def _editor(window: MainWindow) -> QPlainTextEdit:
    focus = QApplication.focusWidget()
    assert isinstance(focus, QPlainTextEdit) and focus.objectName() == "inlineTextEditor"
    return focus


def _check_fits(window: MainWindow, editor: QPlainTextEdit, row: int) -> None:
    view = window.view
    below = view.row_rect(row + 1)
    bottom = editor.geometry().bottom()
    assert bottom < below.top(), f"the editor (bottom {bottom}) covers the next row ({below})"
    assert not editor.verticalScrollBar().isVisible(), "no scroll bar: the editor shows it all"


def test_the_editor_grows_with_its_text_and_keeps_off_the_next_row(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    window.resize(1280, 720)
    view = window.view
    view.go_to_row(3)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = _editor(window)
    _check_fits(window, editor, 3)
    start_height = editor.height()
    QTest.keyClick(editor, Qt.Key.Key_End)
    for _ in range(3):  # three more sentences: the text wraps to several more rows
        QTest.keyClicks(editor, WORDS)
    qtbot.waitUntil(lambda: editor.height() > start_height + 2 * editor.fontMetrics().height())
    _check_fits(window, editor, 3)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.model.line(3).text.endswith("end of the month")
    # Closed: the row keeps the height its (longer) text needs, the next row sits below it.
    assert not window.delegate.is_editing()
    assert not window.delegate.is_elided(view, view.proxy.index(3, TranscriptModel.TEXT))
