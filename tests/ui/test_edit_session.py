"""Every editing action, done, undone and redone twice: a fresh read of the library holds exactly
the lines the window shows after each step, and the model's indexes (follow mode's time index,
ids to rows, the filter) keep up with lines coming and going."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.core.review import Tag
from app.core.search import LineFilter
from app.core.transcript import Line
from app.store.library import Library
from app.ui.editing.edit_session import EditSession, split_char
from app.ui.transcript.filter_model import FilterProxy
from app.ui.transcript.transcript_model import EDITED_MARK, EditedRole, TranscriptModel
from tests.ui.conftest import Review


@dataclass
class Edit:
    review: Review
    session: EditSession
    messages: list[str]

    @property
    def model(self) -> TranscriptModel:
        return self.review.model

    def stored(self) -> list[Line]:
        """The project as a new connection to the same file reads it."""
        with Library.open(str(self.review.library.engine.url.database)) as fresh:
            return fresh.load_transcript(self.review.project_id).lines

    def shown(self) -> list[Line]:
        return list(self.model.lines())


@pytest.fixture
def edit(review: Review) -> Iterator[Edit]:
    session = EditSession(
        review.library, review.model, review.undo, lambda: review.project_id, review.owner
    )
    messages: list[str] = []
    session.failed.connect(messages.append)
    review.session.failed.connect(messages.append)
    yield Edit(review, session, messages)


def same_index(model: TranscriptModel, *, times: bool = True) -> None:
    """The model's lookups agree with its rows (by time too, where no lines overlap)."""
    for row, line in enumerate(model.lines()):
        assert line.id is not None
        assert model.row_of_id(line.id) == row
        if not times:
            continue
        middle = (line.start_ms + line.end_ms) // 2
        assert model.row_at_time(middle) == row, (row, line)


def do_undo_redo_twice(edit: Edit, action: Callable[[], object]) -> list[Line]:
    before = edit.stored()
    assert before == edit.shown()
    steps = edit.review.undo.index()
    assert action()
    assert not edit.messages
    assert edit.review.undo.index() == steps + 1, "one action, one undo step"
    after = edit.stored()
    assert after == edit.shown()
    assert after != before
    for _ in range(2):
        edit.review.undo.undo()
        assert edit.stored() == before == edit.shown()
        same_index(edit.model)
        edit.review.undo.redo()
        assert edit.stored() == after == edit.shown()
        same_index(edit.model)
    return after


# -- text ----------------------------------------------------------------------------------------


def test_edit_text_keeps_the_original_and_marks_the_line(edit: Edit, qtbot: QtBot) -> None:
    counts: list[int] = []
    edit.session.changedCountChanged.connect(counts.append)
    after = do_undo_redo_twice(edit, lambda: edit.session.edit_text(3, "Line number three"))
    assert after[3].text == "Line number three"
    assert after[3].original == "Line number 3"
    notes = edit.model.index(3, TranscriptModel.NOTES)
    assert edit.model.data(notes) == EDITED_MARK
    assert "Line number 3" in edit.model.data(notes, role=3)  # the tooltip has the imported text
    assert edit.model.data(notes, EditedRole) is True
    assert edit.session.changed_rows() == [3]
    assert counts[-1] == 1 and 0 in counts  # undone and redone


def test_a_highlight_moves_with_its_words(edit: Edit) -> None:
    tag = Tag("Name", "#ffcc00")
    line_id = edit.review.line_id(2)
    assert edit.review.session.add_highlight(line_id, 5, 11, tag)  # "number"
    after = do_undo_redo_twice(edit, lambda: edit.session.edit_text(2, "The line number 2"))
    mark = after[2].highlights[0]
    assert after[2].text[mark.start : mark.end] == "number"


def test_empty_text_is_refused_with_a_message(edit: Edit) -> None:
    assert not edit.session.edit_text(1, "   ")
    assert edit.messages and edit.review.undo.count() == 0
    assert edit.stored()[1].text == "Line number 1"


def test_revert_line_is_one_step(edit: Edit) -> None:
    assert edit.session.edit_text(4, "Changed")
    edit.messages.clear()
    after = do_undo_redo_twice(edit, lambda: edit.session.revert_line(4))
    assert after[4].text == "Line number 4" and after[4].original_text is None
    assert edit.session.changed_rows() == []


def test_replace_all_then_one_undo_restores_every_line(edit: Edit) -> None:
    before = edit.stored()
    count = edit.session.replace_all("number", "No.", regex=False, whole_words=True, case=False)
    assert count == 60
    assert all(line.text.startswith("Line No. ") for line in edit.stored())
    assert edit.session.changed_count == 60
    assert edit.review.undo.count() == 1
    edit.review.undo.undo()
    assert edit.stored() == before == edit.shown()
    assert edit.session.changed_count == 0
    edit.review.undo.redo()
    assert edit.stored() == edit.shown()


def test_replace_all_with_a_bad_pattern_says_why(edit: Edit) -> None:
    assert edit.session.replace_all("(", "x", regex=True, whole_words=False, case=True) == 0
    assert "regular expression" in edit.messages[0]
    assert edit.review.undo.count() == 0


# -- times ---------------------------------------------------------------------------------------


def test_set_times_and_the_playhead(edit: Edit) -> None:
    after = do_undo_redo_twice(edit, lambda: edit.session.set_times(5, 5100, 5900))
    assert (after[5].start_ms, after[5].end_ms) == (5100, 5900)
    assert edit.model.row_at_time(5050) is None  # the gap the edit opened
    do_undo_redo_twice(edit, lambda: edit.session.set_start_here(6, 6250))
    do_undo_redo_twice(edit, lambda: edit.session.set_end_here(6, 6800))
    assert (edit.model.line(6).start_ms, edit.model.line(6).end_ms) == (6250, 6800)


@pytest.mark.parametrize(
    ("action", "words"),
    [
        (lambda s: s.set_times(2, 3000, 2500), "before the start"),
        (lambda s: s.set_times(2, -5, 2500), "negative"),
        (lambda s: s.set_start_here(2, 3000), "start"),
        (lambda s: s.set_end_here(2, 2000), "end"),
        (lambda s: s.shift_from(2, -10_000), "before the start of the media"),
    ],
)
def test_invalid_times_are_refused_with_a_message(
    edit: Edit, action: Callable[[EditSession], bool], words: str
) -> None:
    before = edit.stored()
    assert not action(edit.session)
    assert edit.messages and words in edit.messages[0]
    assert edit.review.undo.count() == 0
    assert edit.stored() == before == edit.shown()


def test_nudge_start_and_end(edit: Edit) -> None:
    after = do_undo_redo_twice(edit, lambda: edit.session.nudge(7, "start", 100))
    assert after[7].start_ms == 7100
    after = do_undo_redo_twice(edit, lambda: edit.session.nudge(7, "end", -100))
    assert after[7].end_ms == 7900


def test_shift_from_here_moves_the_rest(edit: Edit) -> None:
    after = do_undo_redo_twice(edit, lambda: edit.session.shift_from(10, 1500))
    assert after[9].start_ms == 9000
    assert [line.start_ms for line in after[10:12]] == [11_500, 12_500]
    assert edit.model.row_at_time(10_700) is None
    assert edit.model.row_at_time(11_600) == 10


# -- speakers ------------------------------------------------------------------------------------


def test_set_and_rename_speakers(edit: Edit) -> None:
    after = do_undo_redo_twice(edit, lambda: edit.session.set_speaker([1, 2, 5], "Ada"))
    assert [line.speaker for line in after[:6]] == ["", "Ada", "Ada", "", "", "Ada"]
    assert edit.session.speakers() == [("Ada", 3)]
    after = do_undo_redo_twice(edit, lambda: edit.session.rename_speaker("Ada", "Grace"))
    assert edit.session.speakers() == [("Grace", 3)]


# -- structure -----------------------------------------------------------------------------------


def test_split_then_merge_gives_back_the_line(edit: Edit) -> None:
    line_id = edit.review.line_id(8)
    assert edit.review.session.add_note(line_id, "check the name")
    assert edit.review.session.add_highlight(line_id, 0, 11, Tag("Name", "#ffcc00"))
    original = edit.stored()[8]
    after = do_undo_redo_twice(edit, lambda: edit.session.split(8, 11, 8400))
    assert [(ln.text, ln.start_ms, ln.end_ms) for ln in after[8:10]] == [
        ("Line number", 8000, 8400),
        ("8", 8400, 9000),
    ]
    assert after[8].id == line_id and after[8].notes[0].body == "check the name"
    assert len(after) == 61 and edit.model.row_at_time(8500) == 9
    after = do_undo_redo_twice(edit, lambda: edit.session.merge_with_next(8))
    assert after[8] == original
    assert len(after) == 60


def test_split_at_the_playhead_without_a_cursor(edit: Edit) -> None:
    assert split_char("Line number 4", 0.9) == 11
    after = do_undo_redo_twice(edit, lambda: edit.session.split(4, None, 4900))
    assert after[4].text == "Line number" and after[5].text == "4"
    assert after[4].end_ms == 4900


def test_insert_at_the_playhead_asks_for_words(edit: Edit, qtbot: QtBot) -> None:
    assert edit.session.set_times(20, 20_000, 20_500)
    with qtbot.waitSignal(edit.session.editRequested) as asked:
        row = edit.session.insert_at(20_600)
    assert row == 21 and asked.args == [21]
    line = edit.model.line(21)
    assert (line.start_ms, line.end_ms) == (20_600, 21_000)  # up to the next line
    assert edit.model.row_at_time(20_700) == 21
    same_index(edit.model)
    edit.review.undo.undo()
    after = do_undo_redo_twice(edit, lambda: edit.session.insert_at(20_600))
    assert len(after) == 61 and after[21].text == "(new line)"


def test_delete_lines_apart_is_one_step(edit: Edit) -> None:
    line_id = edit.review.line_id(3)
    assert edit.review.session.add_note(line_id, "gone with its line")
    after = do_undo_redo_twice(edit, lambda: edit.session.delete_rows([3, 4, 9]))
    assert len(after) == 57
    assert [line.text for line in after[2:5]] == ["Line number 2", "Line number 5", "Line number 6"]
    edit.review.undo.undo()
    assert edit.model.line(3).notes[0].body == "gone with its line"


def test_review_commands_survive_rows_moving(edit: Edit) -> None:
    line_id = edit.review.line_id(30)
    assert edit.review.session.set_status([line_id], "flagged")
    assert edit.session.split(10, 11)
    assert edit.model.line(31).status == "flagged"
    edit.review.undo.undo()  # the split
    edit.review.undo.undo()  # the flag, found by id
    assert edit.model.line(30).status == "unreviewed"
    assert edit.stored() == edit.shown()


def test_structure_keeps_the_filter_and_follow_mode_in_step(edit: Edit, qtbot: QtBot) -> None:
    proxy = FilterProxy(edit.model)
    proxy.set_filter(LineFilter(text="number 1"))  # 1, 10..19
    assert proxy.rowCount() == 11
    focus: list[int] = []
    edit.session.focusRow.connect(focus.append)
    assert edit.session.delete_rows([12])
    assert proxy.rowCount() == 10 and focus == [12]
    assert [proxy.line(r).text for r in range(3)] == [
        "Line number 1",
        "Line number 10",
        "Line number 11",
    ]
    edit.model.set_current_row(40)
    assert edit.session.insert_at(500)
    assert edit.model.current_row == 41  # the playing line moved down with its row
    assert edit.model.row_at_time(600) == 1  # the new line, started last, over line 0
    same_index(edit.model, times=False)


def test_no_project_no_edit(edit: Edit) -> None:
    owner = QObject()
    lonely = EditSession(edit.review.library, edit.model, edit.review.undo, lambda: None, owner)
    messages: list[str] = []
    lonely.failed.connect(messages.append)
    assert not lonely.edit_text(0, "x")
    assert messages
