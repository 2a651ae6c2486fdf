"""The "All notes" view: every note of the project in transcript order, kept up to date, and a
click or Enter on one names its line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.transcript import Line, Note
from app.ui.review.all_notes import AllNotesModel, AllNotesView
from app.ui.review.review_session import AUTHOR_KEY
from tests.ui.conftest import AUTHOR, Review

# The notes panel's fixtures: settings in a temporary ini, a session on a real library file.


@pytest.fixture
def view(qtbot: QtBot, review: Review) -> AllNotesView:
    for row, body in ((30, "Late one"), (2, "First"), (2, "Second on two"), (10, "Middle")):
        assert review.session.add_note(review.line_id(row), body) is not None
    widget = AllNotesView(review.session)
    qtbot.addWidget(widget)
    widget.resize(640, 300)
    widget.show()
    assert QTest.qWaitForWindowExposed(widget)
    return widget


def _column(model: AllNotesModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_notes_are_listed_in_transcript_order(view: AllNotesView) -> None:
    model = view.model
    assert _column(model, AllNotesModel.NOTE) == ["First", "Second on two", "Middle", "Late one"]
    assert _column(model, AllNotesModel.TIME) == ["00:02", "00:02", "00:10", "00:30"]
    assert _column(model, AllNotesModel.LINE)[0] == "Line number 2"
    assert set(_column(model, AllNotesModel.AUTHOR)) == {AUTHOR}
    assert view.count_label.text() == "4 notes"


def test_the_list_follows_adds_and_undo(qtbot: QtBot, view: AllNotesView, review: Review) -> None:
    review.session.add_note(review.line_id(0), "Very first")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=1000)
    assert _column(view.model, AllNotesModel.NOTE)[0] == "Very first"
    assert view.count_label.text() == "5 notes"
    review.undo.undo()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=1000)
    assert view.count_label.text() == "4 notes"


def test_a_hidden_view_rebuilds_when_shown(
    qtbot: QtBot, view: AllNotesView, review: Review
) -> None:
    view.hide()
    review.session.add_note(review.line_id(1), "While hidden")
    qtbot.wait(20)
    assert view.model.rowCount() == 4  # stale, and costs nothing, until shown
    view.show()
    assert view.model.rowCount() == 5 and view.count_label.text() == "5 notes"


def test_a_click_or_enter_names_the_line(qtbot: QtBot, view: AllNotesView, review: Review) -> None:
    table = view.table
    rect = table.visualRect(view.model.index(2, AllNotesModel.NOTE))
    with qtbot.waitSignal(view.noteActivated) as clicked:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args == [review.line_id(10)]
    table.setCurrentIndex(view.model.index(3, 0))
    with qtbot.waitSignal(view.noteActivated) as entered:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert entered.args == [review.line_id(30)]


def test_ten_thousand_notes_build_fast(review: Review) -> None:
    lines = [
        Line(
            i * 1000,
            i * 1000 + 900,
            f"Line {i}",
            id=i + 1,
            notes=[
                Note(f"note {i}.{k}", "ann", "2024-01-01T00:00:00+00:00", "", i * 10 + k)
                for k in range(2)
            ],
        )
        for i in range(5000)
    ]
    review.model.set_lines(lines)
    model = AllNotesModel(review.session)
    model.refresh()
    assert model.rowCount() == 10_000


def test_the_author_filter_shows_one_author_s_notes(
    qtbot: QtBot, view: AllNotesView, review: Review
) -> None:
    QSettings().setValue(AUTHOR_KEY, "Bo")
    review.session.add_note(review.line_id(5), "From Bo")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=1000)
    combo = view.author_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["All authors", AUTHOR, "Bo"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # the last author: Bo
    assert _column(view.model, AllNotesModel.NOTE) == ["From Bo"]
    assert view.count_label.text() == "1 note"
    # A new note of Bo's shows at once; one of someone else's does not.
    review.session.add_note(review.line_id(40), "Bo again")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=1000)
    QSettings().setValue(AUTHOR_KEY, AUTHOR)
    review.session.add_note(review.line_id(41), "Ada again")
    qtbot.wait(20)
    assert _column(view.model, AllNotesModel.NOTE) == ["From Bo", "Bo again"]
    assert combo.currentText() == "Bo"
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # All authors
    assert view.model.rowCount() == 7 and view.count_label.text() == "7 notes"


def test_replies_follow_their_note_and_open_notes_leaves_out_resolved_threads(
    qtbot: QtBot, view: AllNotesView, review: Review
) -> None:
    session, line = review.session, review.line_id(2)
    first = review.model.line(2).notes[0]
    assert first.id is not None
    session.reply_note(line, first.id, "An answer")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=1000)
    assert _column(view.model, AllNotesModel.NOTE)[:3] == [
        "First",
        "\u21b3 An answer",
        "Second on two",
    ]
    assert set(_column(view.model, AllNotesModel.STATE)) == {"Open"}
    session.set_resolved(line, first.id, True)
    qtbot.waitUntil(lambda: view.model.index(0, AllNotesModel.STATE).data() != "Open", timeout=1000)
    states = _column(view.model, AllNotesModel.STATE)
    assert states[0].startswith(f"Resolved by {AUTHOR}") and states[1] == states[0]
    assert states[2:] == ["Open", "Open", "Open"]
    view.open_only.click()  # the filter, as the user ticks it
    assert _column(view.model, AllNotesModel.NOTE) == ["Second on two", "Middle", "Late one"]
    assert view.count_label.text() == "3 notes"
    review.undo.undo()  # reopened: back in the filtered list
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=1000)
    view.open_only.click()
    assert view.model.rowCount() == 5 and not view.model.open_only
