"""Find & Replace: live counts with every option, problems said inline, a preview, and one Replace
All that one undo takes back."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.store.library import Library
from app.ui.editing.changes_view import DiffHtmlRole
from app.ui.editing.find_replace import FindReplaceDialog
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.test_changes_view import Editing, FakeEditSession, make_editing, runs

# The lines (see test_changes_view.LINES):
# 0 "The cat sat on the mat."   1 "A dog <b>barked</b> at the cat."
# 2 "Cats and the cat's toys."  3 "THE END"


@pytest.fixture
def editing(library: Library) -> Iterator[Editing]:
    made = make_editing(library)
    yield made
    made.owner.deleteLater()


def dialog_for(qtbot: QtBot, session: object) -> FindReplaceDialog:
    dialog = FindReplaceDialog(session)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def search(
    dialog: FindReplaceDialog,
    text: str,
    replacement: str = "",
    *,
    regex: bool = False,
    words: bool = False,
    case: bool = False,
) -> str:
    dialog.regex_box.setChecked(regex)
    dialog.words_box.setChecked(words)
    dialog.case_box.setChecked(case)
    dialog.replace_edit.setText(replacement)
    dialog.set_find_text(text)
    dialog.recount()
    return dialog.count_label.text()


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("the", {}, "5 matches in 4 lines"),
        ("the", {"case": True}, "3 matches in 3 lines"),
        ("cat", {}, "4 matches in 3 lines"),
        ("cat", {"words": True}, "3 matches in 3 lines"),
        (r"\b(cat|dog)\b", {"regex": True}, "4 matches in 3 lines"),
        (r"\b(cat|dog)\b", {}, "No matches"),  # plain text: the backslashes are just characters
        ("<b>", {}, "1 match in 1 line"),
        ("zebra", {}, "No matches"),
    ],
)
def test_counts_follow_every_option(
    qtbot: QtBot, editing: Editing, text: str, options: dict[str, bool], expected: str
) -> None:
    dialog = dialog_for(qtbot, editing.session)
    assert search(dialog, text, **options) == expected
    assert dialog.replace_all_button.isEnabled() == (expected != "No matches")


def test_the_count_follows_typing_after_a_pause(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    QTest.keyClicks(dialog.find_edit, "cat")
    assert dialog.count_label.text() == ""  # not on every keystroke
    qtbot.waitUntil(lambda: dialog.count_label.text() == "4 matches in 3 lines", timeout=2000)
    QTest.mouseClick(dialog.words_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.count_label.text() == "3 matches in 3 lines", timeout=2000)


def test_playback_moving_on_does_not_recount(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "cat")
    editing.model.set_current_row(2)  # dataChanged for colours and fonts only
    assert not dialog._timer.isActive()
    editing.session.edit_text(3, "The cat is back.")  # text: counted again, once
    assert dialog._timer.isActive()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "5 matches in 4 lines", timeout=2000)


def test_a_bad_regex_is_said_and_replace_all_is_off(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "(cat", regex=True)
    assert dialog.error_label.isVisible()
    assert "regular expression" in dialog.error_label.text()
    assert not dialog.replace_all_button.isEnabled()
    assert not dialog.find_next_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0
    assert dialog.replace_all() == 0

    search(dialog, "(cat)", "\\2", regex=True)  # a group the pattern does not have
    assert dialog.error_label.isVisible()
    assert "replacement" in dialog.error_label.text()
    assert not dialog.replace_all_button.isEnabled()

    search(dialog, "(cat)", "\\1s", regex=True)
    assert not dialog.error_label.isVisible()
    assert dialog.replace_all_button.isEnabled()


def test_the_preview_shows_each_line_before_and_after(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "cat", "cow", words=True)
    assert dialog.preview_rows() == [
        (0, "The cat sat on the mat.", "The cow sat on the mat."),
        (1, "A dog <b>barked</b> at the cat.", "A dog <b>barked</b> at the cow."),
        (2, "Cats and the cat's toys.", "Cats and the cow's toys."),
    ]
    html = dialog.preview_model.item(1).data(DiffHtmlRole)
    assert runs(html, "s") == ["cat"] and runs(html, "u") == ["cow"]
    assert "<b>" not in html  # the line's own markup is text
    # A regex replacement with a group, as re.sub reads it.
    search(dialog, r"(\w+) (cat)", r"\2 \1", regex=True)
    assert dialog.preview_rows()[0] == (0, "The cat sat on the mat.", "cat The sat on the mat.")


def test_replace_all_passes_the_options_to_the_session(qtbot: QtBot) -> None:
    from app.core.transcript import Line

    model = TranscriptModel()
    model.set_lines([Line(0, 1000, "The cat."), Line(1000, 2000, "A cat, a CAT.")])
    fake = FakeEditSession(model)
    dialog = dialog_for(qtbot, fake)
    search(dialog, "cat", "dog", words=True, case=True)
    assert dialog.count_label.text() == "2 matches in 2 lines"
    dialog.replace_all_button.click()
    assert fake.calls == [("replace_all", "cat", "dog", False, True, True)]
    search(dialog, "c.t", "dog", regex=True)
    dialog.replace_all_button.click()
    assert fake.calls[-1] == ("replace_all", "c.t", "dog", True, False, False)


def test_replace_all_is_one_undo_step(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "the", "a", words=True)
    assert dialog.count_label.text() == "5 matches in 4 lines"
    with qtbot.waitSignal(dialog.replaced) as signal:
        dialog.replace_all_button.click()
    assert signal.args == [5, 4]
    assert re.fullmatch(r"Replaced 5 in 4 lines \u2014 .+Z to undo", dialog.result_label.text())
    assert dialog.result_label.isVisible()
    assert [line.text for line in editing.model.lines()] == [
        "a cat sat on a mat.",
        "A dog <b>barked</b> at a cat.",
        "Cats and a cat's toys.",
        "a END",
    ]
    qtbot.waitUntil(lambda: dialog.count_label.text() == "No matches")
    with Library.open(str(editing.library.engine.url.database)) as fresh:
        stored = fresh.load_transcript(editing.project_id).lines
    assert stored[3].text == "a END" and stored[3].original == "THE END"

    assert editing.undo.count() == 1
    editing.undo.undo()
    assert editing.model.line(0).text == "The cat sat on the mat."
    assert editing.model.line(3).text == "THE END"
    qtbot.waitUntil(lambda: dialog.count_label.text() == "5 matches in 4 lines")


def test_find_next_walks_the_matching_lines_and_wraps(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "cat", words=True)
    found = []
    dialog.findNext.connect(found.append)
    for _ in range(4):
        dialog.find_next_button.click()
    assert found == [0, 1, 2, 0]

    # From the window's current line when it says which one that is.
    current = {"row": 1}
    dialog = FindReplaceDialog(editing.session, current_row=lambda: current["row"])
    qtbot.addWidget(dialog)
    search(dialog, "cat", words=True)
    assert dialog.find_next() == 2
    current["row"] = 3
    assert dialog.find_next() == 0


def test_a_click_in_the_preview_goes_to_that_line(qtbot: QtBot, editing: Editing) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "cat", "cow", words=True)
    rect = dialog.preview.visualRect(dialog.preview_model.index(2, 0))
    with qtbot.waitSignal(dialog.findNext) as signal:
        QTest.mouseClick(dialog.preview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [2]


def test_a_hundred_thousand_lines_count_quickly(qtbot: QtBot) -> None:

    from app.core.transcript import Line

    model = TranscriptModel()
    model.set_lines([Line(i, i + 1, f"Line number {i} of the long one") for i in range(100_000)])
    dialog = dialog_for(qtbot, FakeEditSession(model))
    assert search(dialog, "number 9", words=False) == "11,111 matches in 11,111 lines"
    assert dialog.preview_model.rowCount() == 200
    assert "200" in dialog.preview_label.text()


def test_after_replace_all_the_same_replacement_is_not_offered_again(
    qtbot: QtBot, editing: Editing
) -> None:
    dialog = dialog_for(qtbot, editing.session)
    search(dialog, "mat", "matt")  # "matt" contains "mat": the same offer would come back
    dialog.replace_all_button.click()
    assert editing.model.line(0).text == "The cat sat on the matt."
    qtbot.wait(300)  # the debounced recount after the change
    assert dialog.count_label.text() == "1 match in 1 line"
    assert not dialog.replace_all_button.isEnabled()
    assert not dialog.replace_button.isEnabled()
    editing.undo.undo()  # the transcript is as it was: the replacement makes sense again
    qtbot.waitUntil(lambda: dialog.replace_all_button.isEnabled())
    dialog.replace_edit.setText("rug")
    dialog.replace_edit.textEdited.emit("rug")
    qtbot.waitUntil(lambda: dialog.replace_all_button.isEnabled())


def test_replace_changes_one_line_and_finds_the_next(qtbot: QtBot, editing: Editing) -> None:
    current = {"row": None}
    dialog = FindReplaceDialog(editing.session, current_row=lambda: current["row"])
    qtbot.addWidget(dialog)
    dialog.findNext.connect(lambda row: current.update(row=row))
    dialog.show()
    search(dialog, "cat", "cow", words=True)
    dialog.replace_button.click()  # nothing chosen yet: goes to the first hit
    assert current["row"] == 0
    assert editing.model.line(0).text == "The cat sat on the mat."
    dialog.replace_button.click()
    assert editing.model.line(0).text == "The cow sat on the mat."
    assert editing.model.line(1).text == "A dog <b>barked</b> at the cat."
    assert current["row"] == 1  # and on to the next hit
    assert editing.undo.count() == 1
    editing.undo.undo()
    assert editing.model.line(0).text == "The cat sat on the mat."


def test_closing_find_replace_gives_ctrl_z_back_to_the_transcript(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_bar.search, "number")  # a search, typed: it has an undo
    qtbot.keyClick(window.search_bar.search, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(FindReplaceDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_find_text("number 5")
    dialog.replace_edit.setText("no. 5")
    dialog.recount()
    dialog.replace_all_button.click()
    assert window.model.line(5).text == "Line no. 5"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    focused = QApplication.focusWidget()
    assert focused is window.view
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.line(5).text == "Line number 5"
    assert window.search_bar.search.text() == "number"
