"""The Changes panel lists every kind of correction a line has (merged from lines, split from one,
its text, its times), each with what it was and what it is now; the transcript marks every
corrected line with ✱; Revert reverts the entry picked, and only that one.

Driven in the real window with the keys and clicks a user makes, on a real SQLite library
(60 one-second lines "Line number N", N s to N s + 1 s: tests/ui/conftest.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from app.store.library import Library
from app.ui.editing.changes_view import ChangesView, DiffHtmlRole, KindRole
from app.ui.transcript.transcript_model import EDITED_MARK, TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.test_panels_follow_line import edit_with_f2

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def changes(qtbot: QtBot, w: MainWindow) -> ChangesView:
    w.panels["changesDock"].show()
    w.panels["changesDock"].raise_()
    view = w.editing.changes
    qtbot.waitExposed(view)
    return view


def marked(w: MainWindow, row: int) -> bool:
    """The ✱ a user sees in the transcript's notes column."""
    text = w.model.index(row, TranscriptModel.NOTES).data() or ""
    return str(text).startswith(EDITED_MARK)


def shown(view: ChangesView, row: int) -> str:
    """Entry ``row`` as the user reads it (its rich text, as painted)."""
    doc = QTextDocument()
    doc.setHtml(view.model.index(row).data(DiffHtmlRole))
    return doc.toPlainText()


def kinds(view: ChangesView) -> list[tuple[int, str]]:
    return [
        (view.model.source_row(r), view.model.index(r).data(KindRole))
        for r in range(view.model.rowCount())
    ]


def press(qtbot: QtBot, w: MainWindow, row: int, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    w.view.go_to_row(row)
    w.view.setFocus()
    qtbot.keyClick(w.view, key, mods)


def click_entry(qtbot: QtBot, view: ChangesView, row: int) -> None:
    rect = view.list.visualRect(view.model.index(row))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def reopened(library: Library, w: MainWindow) -> TranscriptModel:
    """The project as the library has it now (what the next start shows)."""
    project = w.projects.project_id
    assert project is not None
    model = TranscriptModel()
    model.set_lines(library.load_transcript(project).lines)
    return model


def test_a_merge_is_listed_with_the_lines_it_was_and_marked(
    qtbot: QtBot, fake_window: MainWindow, library: Library
) -> None:
    w = fake_window
    view = changes(qtbot, w)
    assert not marked(w, 4)
    press(qtbot, w, 4, Qt.Key.Key_J, CTRL_SHIFT)  # Merge With Next Line
    assert w.model.line(4).text == "Line number 4 Line number 5"
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert kinds(view) == [(4, "merged")]
    assert shown(view, 0) == (
        "Merged from 2 lines: “Line number 4” + “Line number 5” → “Line number 4 Line number 5”"
    )
    assert marked(w, 4)
    notes_tip = w.model.index(4, TranscriptModel.NOTES).data(Qt.ItemDataRole.ToolTipRole)
    assert notes_tip.startswith("Merged from 2 lines")
    assert view.count_label.text() == "1 changed line"

    # A merge cannot be reverted here: Revert stays off and the panel says what undoes it.
    click_entry(qtbot, view, 0)
    assert view.selected_source_row() == 4
    assert not view.revert_button.isEnabled()
    assert view.reason_label.isVisible() and "Ctrl+Z" in view.reason_label.text()
    assert "Ctrl+Z" in view.revert_button.toolTip()
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)  # the panel's Revert key: nothing happens
    assert w.model.line(4).text == "Line number 4 Line number 5"
    tip = view.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "00:04.000–00:05.000" in tip and "00:05.000–00:06.000" in tip

    # The library keeps it: the next start lists and marks it too.
    again = reopened(library, w)
    assert str(again.index(4, TranscriptModel.NOTES).data()).startswith(EDITED_MARK)
    origin = again.line(4).origin
    assert origin is not None and origin.kind == "merged"
    assert [text for _s, _e, text in origin.lines] == ["Line number 4", "Line number 5"]

    # Undo (what the panel points to) takes the merge back, and the entry and the ✱ go.
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert not marked(w, 4) and not marked(w, 5)


def test_both_parts_of_a_split_are_listed_and_marked(qtbot: QtBot, fake_window: MainWindow) -> None:
    w = fake_window
    view = changes(qtbot, w)
    press(qtbot, w, 7, Qt.Key.Key_S, CTRL_SHIFT)  # Split Line
    assert [w.model.line(7).text, w.model.line(8).text] == ["Line", "number 7"]
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert kinds(view) == [(7, "split"), (8, "split")]
    assert shown(view, 1) == "Split from a line: “Line number 7” → “number 7”"
    assert marked(w, 7) and marked(w, 8) and not marked(w, 9)
    assert view.count_label.text() == "2 changed lines"
    click_entry(qtbot, view, 1)
    assert not view.revert_button.isEnabled() and "merge" in view.reason_label.text()

    # Merged again, the parts are the line as imported: no entry, no ✱.
    press(qtbot, w, 7, Qt.Key.Key_J, CTRL_SHIFT)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert w.model.line(7).text == "Line number 7" and not marked(w, 7)


def test_a_retimed_line_is_listed_to_the_millisecond_and_revert_gives_its_times_back(
    qtbot: QtBot, fake_window: MainWindow, library: Library
) -> None:
    w = fake_window
    view = changes(qtbot, w)
    for _ in range(5):
        press(qtbot, w, 12, Qt.Key.Key_BracketRight, ALT)  # Nudge Start Later, 100 ms each
    assert w.model.line(12).start_ms == 12_500
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert kinds(view) == [(12, "times")]
    assert shown(view, 0) == "Start 00:12.000 → 00:12.500"
    assert marked(w, 12)
    assert reopened(library, w).line(12).original_start_ms == 12_000

    click_entry(qtbot, view, 0)
    assert view.revert_button.isEnabled() and not view.reason_label.isVisible()
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert (w.model.line(12).start_ms, w.model.line(12).end_ms) == (12_000, 13_000)
    assert not marked(w, 12)
    back = reopened(library, w).line(12)
    assert (back.start_ms, back.original_start_ms) == (12_000, None)  # as imported again


def test_revert_takes_back_the_entry_picked_and_leaves_the_next_unpicked(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    """A line with its text and its times corrected has two entries: reverting the text keeps
    the times; nothing is picked after it, so neither a second click nor Delete reverts more."""
    w = fake_window
    edit_with_f2(qtbot, w, 20, "Twenty")
    press(qtbot, w, 20, Qt.Key.Key_BracketRight, ALT | Qt.KeyboardModifier.ControlModifier)
    edit_with_f2(qtbot, w, 30, "Thirty")
    view = changes(qtbot, w)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert kinds(view) == [(20, "text"), (20, "times"), (30, "text")]
    assert shown(view, 1) == "End 00:21.000 → 00:21.100"
    assert view.count_label.text() == "2 changed lines"

    click_entry(qtbot, view, 0)
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert w.model.line(20).text == "Line number 20"
    assert w.model.line(20).end_ms == 21_100  # its times entry is another change
    assert marked(w, 20)  # still re-timed
    assert view.selected_source_row() is None and not view.revert_button.isEnabled()
    current = view.list.currentIndex()
    assert current.row() == 0  # the focus stays where the user was, on screen
    assert view.list.viewport().rect().intersects(view.list.visualRect(current))

    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)  # the second click
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)  # and the panel's Revert key
    assert w.model.line(20).end_ms == 21_100 and w.model.line(30).text == "Thirty"
    assert view.model.rowCount() == 2

    # Picking it afresh (the arrow keys, as a click would) makes Revert act on it.
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    qtbot.keyClick(view.list, Qt.Key.Key_Up)
    assert view.selected_source_row() == 20 and view.revert_button.isEnabled()
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert w.model.line(20).end_ms == 21_000 and not marked(w, 20)
    assert w.model.line(30).text == "Thirty"
