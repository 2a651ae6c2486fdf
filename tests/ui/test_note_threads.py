"""Threads in the Notes panel on a real library file: replies show under their note, a resolved
thread folds to one row that says who resolved it, every step undoes exactly, and the window's
R / Shift+R keys (rebindable) reply and resolve."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.review.note_cards import FoldedRole, IndentRole, MetaRole
from app.ui.review.notes_panel import NotesPanel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import AUTHOR, Review


@pytest.fixture
def panel(qtbot: QtBot, review: Review) -> NotesPanel:
    widget = NotesPanel(review.session)
    qtbot.addWidget(widget)
    widget.resize(420, 480)
    widget.show()
    widget.show_line(review.line_id(5))
    return widget


def _rows(panel: NotesPanel) -> list[tuple[str, int, bool]]:
    """(text, indent, folded) of each row the user sees."""
    return [
        (
            panel.list.item(i).text(),
            int(panel.list.item(i).data(IndentRole) or 0),
            bool(panel.list.item(i).data(FoldedRole)),
        )
        for i in range(panel.list.count())
    ]


def _write(qtbot: QtBot, panel: NotesPanel, text: str) -> None:
    assert panel.editor.isVisible()
    qtbot.keyClicks(panel.editor, text)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _thread_of_two(qtbot: QtBot, panel: NotesPanel) -> None:
    panel.start_new_note()
    _write(qtbot, panel, "Is it Nelson?")
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.threads.reply_button, Qt.MouseButton.LeftButton)
    assert panel.editor_label.text().startswith(f"Reply to {AUTHOR}")
    _write(qtbot, panel, "Yes, checked")


def test_a_reply_shows_under_its_note_is_stored_and_undoes(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    _thread_of_two(qtbot, panel)
    assert _rows(panel) == [("Is it Nelson?", 0, False), ("Yes, checked", 1, False)]
    first, reply = review.stored_notes(5)
    assert reply.parent_id == first.id and reply.author == AUTHOR
    assert "reply by" in panel.list.item(1).data(Qt.ItemDataRole.AccessibleTextRole)
    review.undo.undo()
    assert review.stored_notes(5) == [first] and _rows(panel) == [("Is it Nelson?", 0, False)]
    review.undo.redo()
    assert review.stored_notes(5) == [first, reply] and len(_rows(panel)) == 2
    # Replying to the reply joins the same thread, under the first note.
    panel.list.setCurrentRow(1)
    panel.start_reply()
    _write(qtbot, panel, "Thanks")
    assert _rows(panel)[-1] == ("Thanks", 1, False)
    assert review.stored_notes(5)[-1].parent_id == first.id


def test_resolving_folds_the_thread_showing_who_and_show_unfolds_it(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    _thread_of_two(qtbot, panel)
    panel.list.setCurrentRow(1)  # from the reply: the whole thread is resolved
    assert panel.threads.resolve_button.text().replace("&", "") == "Resolve"
    with qtbot.waitSignal(panel.statusMessage) as said:
        qtbot.mouseClick(panel.threads.resolve_button, Qt.MouseButton.LeftButton)
    assert "resolved" in said.args[0]
    first = review.stored_notes(5)[0]
    assert first.resolved_by == AUTHOR and first.resolved_at is not None
    assert _rows(panel) == [("Is it Nelson?", 0, True)]
    _author, meta = panel.list.item(0).data(MetaRole)
    assert meta.startswith(f"Resolved by {AUTHOR} ") and "1 reply" in meta and "show" in meta
    assert panel.threads.resolve_button.text().replace("&", "") == "Reopen"
    # Enter on the folded row shows the thread again, still resolved.
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert _rows(panel) == [("Is it Nelson?", 0, False), ("Yes, checked", 1, False)]
    assert not panel.editor_box.isVisible()
    assert "Resolved by" in panel.list.item(0).data(MetaRole)[1]
    review.undo.undo()  # the resolve
    assert review.stored_notes(5)[0].resolved_at is None
    assert panel.list.item(0).data(MetaRole)[1].count("Resolved") == 0
    review.undo.redo()
    assert review.stored_notes(5)[0] == first
    # Reopen through the button, then undo gives the resolved thread back exactly.
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.threads.resolve_button, Qt.MouseButton.LeftButton)
    assert review.stored_notes(5)[0].resolved_at is None
    review.undo.undo()
    assert review.stored_notes(5)[0] == first


def test_deleting_the_first_note_takes_its_replies_and_one_undo_brings_them_back(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    _thread_of_two(qtbot, panel)
    before = review.stored_notes(5)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert review.stored_notes(5) == [] and panel.stack.currentWidget() is panel.empty
    assert review.undo.undoText() == "Delete thread of 2 notes"
    for _ in range(2):
        review.undo.undo()
        assert review.stored_notes(5) == before
        assert _rows(panel) == [("Is it Nelson?", 0, False), ("Yes, checked", 1, False)]
        review.undo.redo()
        assert review.stored_notes(5) == []


def test_reply_with_nothing_to_reply_to_says_so(qtbot: QtBot, panel: NotesPanel) -> None:
    assert not panel.threads.reply_button.isEnabled()
    with qtbot.waitSignal(panel.statusMessage) as said:
        panel.start_reply()
    assert said.args[0] == "Select a note to reply to"
    assert not panel.editor_box.isVisible()


def test_the_window_keys_reply_and_resolve_and_can_be_rebound(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    window.view.go_to_row(3)
    window.view.setFocus()
    line = window.model.line(3)
    assert line.id is not None
    window.session.add_note(line.id, "Check this")
    panel = window.notes_panel
    QTest.keyClick(window.view, Qt.Key.Key_R)  # the line's only thread
    assert panel.editor.hasFocus()
    _write(qtbot, panel, "Done")
    assert [n.body for n in window.model.line(3).notes] == ["Check this", "Done"]
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert window.model.line(3).notes[0].resolved_at is not None
    assert panel.list.item(0).data(FoldedRole)
    keymap = window.keymap
    assert "review.reply_note" in keymap.ids() and "review.resolve_thread" in keymap.ids()
    assert keymap.label("review.resolve_thread") == "Resolve or Reopen Thread"
    assert keymap.clashes("review.resolve_thread", "Ctrl+Alt+R") == []
    keymap.set_shortcut("review.resolve_thread", "Ctrl+Alt+R")
    try:
        assert panel.threads.resolve_action.shortcut() == QKeySequence("Ctrl+Alt+R")
        window.view.setFocus()
        QTest.keyClick(
            window.view,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
        assert window.model.line(3).notes[0].resolved_at is None  # reopened
    finally:
        keymap.reset("review.resolve_thread")


def test_a_reply_to_a_note_deleted_elsewhere_is_refused_in_words_and_the_draft_kept(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    panel.start_new_note()
    _write(qtbot, panel, "Is it Nelson?")
    [first] = review.stored_notes(5)
    panel.list.setCurrentRow(0)
    panel.start_reply()
    qtbot.keyClicks(panel.editor, "Yes")
    # Another reviewer deletes the note meanwhile, through their own connection.
    with Library.open(str(review.library.engine.url.database)) as other:
        ReviewStore(other).delete_thread(first.id or 0)
    with qtbot.waitSignal(review.session.failed) as failed:
        qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert failed.args[0].startswith(f"No note with id {first.id}")
    assert panel.editor_box.isVisible() and panel.editor.toPlainText() == "Yes"
    assert review.stored_notes(5) == [] and review.undo.count() == 1  # only the note's add


def test_a_reply_is_edited_like_any_note(qtbot: QtBot, panel: NotesPanel, review: Review) -> None:
    _thread_of_two(qtbot, panel)
    panel.list.setCurrentRow(1)
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert panel.editor.toPlainText() == "Yes, checked"
    panel.editor.selectAll()
    qtbot.keyClicks(panel.editor, "Yes, checked twice")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    first, reply = review.stored_notes(5)
    assert (reply.body, reply.parent_id) == ("Yes, checked twice", first.id)
    assert _rows(panel)[1] == ("Yes, checked twice", 1, False)
    review.undo.undo()
    assert review.stored_notes(5)[1].body == "Yes, checked"
