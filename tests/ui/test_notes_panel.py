"""The notes panel on a real library file: what the user types is on disk at once, with its
author and times, and every add, edit and delete undoes and redoes exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.review.notes_panel import NotesPanel
from app.ui.transcript.transcript_model import TranscriptModel
from tests.ui.conftest import AUTHOR, Review


@pytest.fixture
def panel(qtbot: QtBot, review: Review) -> NotesPanel:
    widget = NotesPanel(review.session)
    qtbot.addWidget(widget)
    widget.resize(360, 420)
    widget.show()
    widget.show_line(review.line_id(5))
    return widget


def _type_note(qtbot: QtBot, panel: NotesPanel, text: str) -> None:
    panel.start_new_note()
    assert panel.editor.isVisible()
    qtbot.keyClicks(panel.editor, text)
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _stamp(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def test_header_names_the_line(panel: NotesPanel) -> None:
    assert panel.header.text() == "Notes on 00:05 — Line number 5"
    assert panel.stack.currentWidget() is panel.empty


def test_a_typed_note_is_stored_with_author_and_times(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    before = datetime.now(UTC)
    _type_note(qtbot, panel, "Check the admiral's name")
    assert not panel.editor_box.isVisible()
    [stored] = review.stored_notes(5)
    assert (stored.body, stored.author) == ("Check the admiral's name", AUTHOR)
    assert stored.created_at == stored.updated_at
    assert before - timedelta(seconds=1) <= _stamp(stored.created_at) <= datetime.now(UTC)
    assert panel.list.count() == 1 and panel.selected_note_id() == stored.id
    assert review.model.data(review.model.index(5, TranscriptModel.NOTES)) == "\u270e1"


def test_edit_through_the_panel_then_undo(qtbot: QtBot, panel: NotesPanel, review: Review) -> None:
    _type_note(qtbot, panel, "Speling")
    [first] = review.stored_notes(5)
    panel.edit_selected()
    assert panel.editor.toPlainText() == "Speling"
    panel.editor.selectAll()
    qtbot.keyClicks(panel.editor, "Spelling: Nelson, not Nelsen")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    [edited] = review.stored_notes(5)
    assert (edited.id, edited.body, edited.created_at) == (
        first.id,
        "Spelling: Nelson, not Nelsen",
        first.created_at,
    )
    assert edited.updated_at > first.updated_at
    assert "edited" in panel.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    review.undo.undo()
    assert review.stored_notes(5) == [first]
    assert panel.list.item(0).text() == "Speling"
    review.undo.redo()
    assert review.stored_notes(5) == [edited]
    assert panel.list.item(0).text() == "Spelling: Nelson, not Nelsen"


def test_delete_undo_redo_twice_gives_back_the_same_note(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    _type_note(qtbot, panel, "Keep me")
    [note] = review.stored_notes(5)
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(panel.statusMessage) as said:
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "Ctrl+Z" in said.args[0]
    assert review.stored_notes(5) == [] and panel.list.count() == 0
    for _ in range(2):
        review.undo.undo()
        assert review.stored_notes(5) == [note]  # same id, body, author and times
        assert (
            panel.list.count() == 1
            and panel.list.item(0).data(Qt.ItemDataRole.UserRole + 1) == note.id
        )
        review.undo.redo()
        assert review.stored_notes(5) == []
        assert panel.stack.currentWidget() is panel.empty


def test_the_delete_key_deletes_the_selected_note(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    _type_note(qtbot, panel, "Going")
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert review.stored_notes(5) == []


def test_escape_cancels_without_writing(qtbot: QtBot, panel: NotesPanel, review: Review) -> None:
    panel.start_new_note()
    qtbot.keyClicks(panel.editor, "Never mind")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Escape)
    assert not panel.editor_box.isVisible()
    assert review.stored_notes(5) == [] and review.undo.count() == 0
    panel.start_new_note()
    assert panel.editor.toPlainText() == ""  # the cancelled draft is gone


def test_an_empty_note_is_refused(qtbot: QtBot, panel: NotesPanel, review: Review) -> None:
    _type_note(qtbot, panel, "   ")
    assert panel.editor_box.isVisible() and panel.editor_error.isVisible()
    assert review.stored_notes(5) == [] and review.undo.count() == 0


def test_the_panel_follows_undo_and_other_writers(
    qtbot: QtBot, panel: NotesPanel, review: Review
) -> None:
    _type_note(qtbot, panel, "One")
    review.session.add_note(review.line_id(5), "Two, from the window")
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == [
        "One",
        "Two, from the window",
    ]
    review.undo.undo()
    review.undo.undo()
    assert panel.list.count() == 0 and panel.stack.currentWidget() is panel.empty
    review.session.add_note(review.line_id(9), "Elsewhere")
    assert panel.list.count() == 0


def test_a_draft_stays_with_its_line(qtbot: QtBot, panel: NotesPanel, review: Review) -> None:
    panel.start_new_note()
    qtbot.keyClicks(panel.editor, "About line five")
    panel.show_line(review.line_id(8))
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [n.body for n in review.stored_notes(5)] == ["About line five"]
    assert review.stored_notes(8) == [] and panel.list.count() == 0


def test_no_line_means_nothing_to_add_to(panel: NotesPanel) -> None:
    panel.show_line(None)
    assert not panel.add_button.isEnabled()
    panel.start_new_note()
    assert not panel.editor_box.isVisible()
