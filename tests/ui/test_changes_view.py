"""The Changes view: each corrected line as a word diff, Revert, a count; built lazily."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QTextDocument, QUndoStack
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.transcript import Line, Transcript
from app.store.library import Library
from app.ui.editing.changes_view import ChangesView, DiffHtmlRole, TimeTextRole, diff_html
from app.ui.editing.edit_session import EditSession
from app.ui.transcript.transcript_model import TranscriptModel

LINES = [
    ("Alice", "The cat sat on the mat."),
    ("Bob", "A dog <b>barked</b> at the cat."),
    ("Alice", "Cats and the cat's toys."),
    ("", "THE END"),
]


@dataclass
class Editing:
    """A project open for editing without a window, on a real library file."""

    library: Library
    project_id: int
    model: TranscriptModel
    undo: QUndoStack
    session: EditSession
    owner: QObject


def make_editing(library: Library, lines: Sequence[tuple[str, str]] = LINES) -> Editing:
    transcript = Transcript(
        lines=[
            Line(i * 2000, i * 2000 + 1500, text, speaker=speaker)
            for i, (speaker, text) in enumerate(lines)
        ]
    )
    project = library.create_project(transcript, media_path=None, transcript_path=None)
    owner = QObject()
    model = TranscriptModel(owner)
    model.set_lines(library.load_transcript(project).lines)
    undo = QUndoStack(owner)
    session = EditSession(library, model, undo, lambda: project, owner)
    return Editing(library, project, model, undo, session, owner)


@pytest.fixture
def editing(library: Library) -> Iterator[Editing]:
    made = make_editing(library)
    yield made
    made.owner.deleteLater()


class FakeEditSession(QObject):
    """The EditSession's face, for widget logic that needs no library (and for big data)."""

    failed = Signal(str)
    changedCountChanged = Signal(int)
    structureChanged = Signal()

    def __init__(self, model: TranscriptModel) -> None:
        super().__init__()
        self.model = model
        self.calls: list[tuple[object, ...]] = []

    def revert_line(self, row: int) -> bool:
        self.calls.append(("revert_line", row))
        return True

    def revert_times(self, row: int) -> bool:
        self.calls.append(("revert_times", row))
        return True

    def replace_all(
        self, pattern: str, replacement: str, *, regex: bool, whole_words: bool, case: bool
    ) -> int:
        self.calls.append(("replace_all", pattern, replacement, regex, whole_words, case))
        return 7

    def set_speaker(self, rows: Sequence[int], name: str) -> bool:
        self.calls.append(("set_speaker", list(rows), name))
        return True

    def rename_speaker(self, old: str, new: str) -> bool:
        self.calls.append(("rename_speaker", old, new))
        return True

    def changed_rows(self) -> list[int]:
        return []


def runs(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html)


def shown_view(qtbot: QtBot, session: object) -> ChangesView:
    view = ChangesView(session)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(520, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_corrected_line_shows_as_a_word_diff_with_its_markup_escaped(
    qtbot: QtBot, editing: Editing
) -> None:
    view = shown_view(qtbot, editing.session)
    assert view.count_label.text() == "0 changed lines"
    assert editing.session.edit_text(0, "The dog sat on the mat.")
    assert editing.session.edit_text(1, "A dog <i>barked</i> at the cat.")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.count_label.text() == "2 changed lines"

    first = view.model.index(0)
    html = first.data(DiffHtmlRole)
    assert runs(html, "s") == ["cat"]
    assert runs(html, "u") == ["dog"]
    assert '</s> <u style="' in html  # "cat dog", never "catdog"
    assert first.data(TimeTextRole) == "00:00"

    second = view.model.index(1).data(DiffHtmlRole)
    assert "<b>" not in second and "<i>" not in second
    assert "&lt;" in second
    assert runs(second, "s") == ["b", "b"]
    assert runs(second, "u") == ["i", "i"]
    doc = QTextDocument()
    doc.setHtml(second)
    assert "barked" in doc.toPlainText() and "<" in doc.toPlainText()


def test_diff_html_escapes_every_run() -> None:
    html = diff_html("<b>bold</b> & more", "<u>bold</u> & less")
    assert "<b>" not in html and "&amp;" in html and "&lt;/" in html
    assert runs(html, "s") == ["b", "b", "more"]
    assert runs(html, "u") == ["u", "u", "less"]


def test_revert_asks_the_session_and_the_entry_goes(qtbot: QtBot, editing: Editing) -> None:
    view = shown_view(qtbot, editing.session)
    editing.session.edit_text(0, "The dog sat on the mat.")
    editing.session.edit_text(2, "Cats and the dog's toys.")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert not view.revert_button.isEnabled()  # nothing selected yet

    asked: list[int] = []
    real = editing.session.revert_line
    editing.session.revert_line = lambda row: asked.append(row) or real(row)  # type: ignore[method-assign]
    view.list.setCurrentIndex(view.model.index(0))
    assert view.revert_button.isEnabled()
    view.revert_button.click()
    assert asked == [0]
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert editing.model.line(0).text == "The cat sat on the mat."
    assert view.model.source_row(0) == 2
    assert view.selected_source_row() is None  # the next change waits to be picked
    assert not view.revert_button.isEnabled()
    assert view.count_label.text() == "1 changed line"

    editing.undo.undo()  # the revert is one undo step: the change comes back
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert editing.model.line(0).text == "The dog sat on the mat."


def test_a_click_on_an_entry_names_its_line(qtbot: QtBot, editing: Editing) -> None:
    view = shown_view(qtbot, editing.session)
    editing.session.edit_text(2, "Cats and the dog's toys.")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    rect = view.list.visualRect(view.model.index(0))
    with qtbot.waitSignal(view.lineActivated) as signal:
        QTest.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [2]
    with qtbot.waitSignal(view.lineActivated) as signal:
        QTest.keyClick(view.list, Qt.Key.Key_Return)
    assert signal.args == [2]


def test_a_hidden_view_waits_until_it_is_shown(qtbot: QtBot, editing: Editing) -> None:
    view = ChangesView(editing.session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.hide()
    editing.session.edit_text(3, "The end.")
    qtbot.wait(20)
    assert view.model.rowCount() == 0  # nothing rebuilt while hidden
    view.show()
    assert view.model.rowCount() == 1


def test_split_and_merge_rebuild_the_list(qtbot: QtBot, editing: Editing) -> None:
    view = shown_view(qtbot, editing.session)
    editing.session.edit_text(3, "The very end.")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert editing.session.delete_rows([0])
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.source_row(0) == 2)


def test_ten_thousand_changes_in_a_hundred_thousand_lines(qtbot: QtBot) -> None:
    lines = [
        Line(i * 1000, i * 1000 + 900, f"Line number {i} says <hello>") for i in range(100_000)
    ]
    for line in lines[::10]:
        line.original_text, line.text = line.text, line.text.replace("number", "numero")
    model = TranscriptModel()
    model.set_lines(lines)
    session = FakeEditSession(model)
    view = shown_view(qtbot, session)
    qtbot.wait(50)  # paint
    assert view.model.rowCount() == 10_000
    assert view.count_label.text() == "10,000 changed lines"
    # Diffs are made for the rows painted, not for all 10k.
    assert 0 < len(view.model._html) < 100

    # A few lines changed: handled in place, no rebuild.
    lines[5].original_text, lines[5].text = lines[5].text, "Changed"
    model.lines_changed([5])
    qtbot.waitUntil(lambda: view.model.rowCount() == 10_001)
    assert view.model.source_row(1) == 5


def test_the_fake_session_has_the_real_ones_methods() -> None:
    for name in (
        "revert_line",
        "revert_times",
        "replace_all",
        "set_speaker",
        "rename_speaker",
        "changed_rows",
    ):
        assert callable(getattr(EditSession, name)), name
    for name in ("failed", "changedCountChanged", "structureChanged"):
        assert hasattr(EditSession, name), name
