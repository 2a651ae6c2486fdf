"""The conflict dialog on its own: a row per differing field, drawn by the Changes panel's
delegate; "Edit both" only for one line's text; an emptied merge is refused in words; Escape
keeps theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.editing.conflict_dialog import ConflictDialog
from app.ui.editing.conflicts import Choice, ConflictRow
from app.ui.editing.diff_delegate import DiffDelegate


def _dialog(qtbot: QtBot, *rows: ConflictRow) -> ConflictDialog:
    dialog = ConflictDialog(rows)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_emptied_merge_is_refused_in_words_and_escape_keeps_theirs(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, ConflictRow(1, 0, "text", "their words", "my words"))
    assert isinstance(dialog.list.itemDelegate(), DiffDelegate)
    qtbot.mouseClick(dialog.edit_both, Qt.MouseButton.LeftButton)
    assert dialog.editor.toPlainText() == "their words\nmy words"
    dialog.editor.selectAll()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Delete)
    qtbot.mouseClick(dialog.save_merged, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "needs some text" in dialog.problem.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.resolution.choice is Choice.THEIRS


def test_edit_both_is_for_one_lines_text_only(qtbot: QtBot) -> None:
    timing = ConflictRow(
        1, 0, "times", "0:00:01.000 \u2013 0:00:02.000", "0:00:01.100 \u2013 0:00:02.000"
    )
    two_texts = (ConflictRow(1, 0, "text", "a", "b"), ConflictRow(2, 5, "text", "c", "d"))
    assert not _dialog(qtbot, timing).edit_both.isEnabled()
    dialog = _dialog(qtbot, *two_texts)
    assert not dialog.edit_both.isEnabled()
    assert dialog.list.model().rowCount() == 2
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    assert dialog.resolution.choice is Choice.MINE
