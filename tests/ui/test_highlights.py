"""Highlights as a reviewer makes them: select words in the line panel, press a tag's shortcut,
see them coloured in the transcript, remove, note, undo, and keep them on their words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.review import DEFAULT_TAGS, Tag
from app.core.transcript import Highlight, Line, Transcript
from app.store.library import Library
from app.ui.review.line_panel import LinePanel
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.text_delegate import (
    HighlightDelegate,
    from_utf16,
    readable_text_colour,
    to_utf16,
)
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

TEXTS = (
    "Welcome back to the show about rivers.",
    "The Nile is the longest river in the world.",
    "Rivers carry water to the sea.",
)
QUOTE = next(t for t in DEFAULT_TAGS if t.name == "Quote")


@dataclass
class Env:
    db: Path
    project: int
    model: TranscriptModel
    undo: QUndoStack
    session: ReviewSession
    panel: LinePanel
    view: TranscriptView
    window: QWidget

    def line_id(self, row: int) -> int:
        line_id = self.model.line(row).id
        assert line_id is not None
        return line_id

    def shown(self, row: int, column: int) -> QModelIndex:
        """The view's index of a row (the view may show the model through a filter)."""
        return self.view.model().index(row, column)

    def stored(self, row: int) -> tuple[str, list[tuple[int, int, str, str, str]]]:
        """(text, highlights) of the line as a fresh Library reads it from the file."""
        with Library.open(str(self.db)) as other:
            line = other.load_transcript(self.project).lines[row]
        return line.text, [(h.start, h.end, h.tag, h.color, h.note) for h in line.highlights]


@pytest.fixture
def env(qtbot: QtBot, library: Library, tmp_path: Path) -> Env:
    lines = [Line(i * 1000, (i + 1) * 1000, text, "Ann") for i, text in enumerate(TEXTS)]
    project = library.create_project(
        Transcript(lines=lines, title="Rivers"), media_path=None, transcript_path=None
    )
    window = QWidget()
    qtbot.addWidget(window)
    model = TranscriptModel(window)
    model.set_lines(library.load_transcript(project).lines)
    undo = QUndoStack(window)
    session = ReviewSession(library, model, undo, window)
    view = TranscriptView()
    delegate = HighlightDelegate(view)
    delegate.set_tags(session.tags())
    view.setItemDelegateForColumn(TranscriptModel.TEXT, delegate)
    view.setModel(model)
    panel = LinePanel(session)
    layout = QHBoxLayout(window)
    layout.addWidget(view, 2)
    layout.addWidget(panel, 1)
    window.resize(1200, 400)
    window.show()
    window.activateWindow()  # panel shortcuts need the active window, as for a user
    qtbot.waitActive(window)
    return Env(tmp_path / "library.sqlite3", project, model, undo, session, panel, view, window)


def select_with_keys(qtbot: QtBot, panel: LinePanel, skip: int, length: int) -> None:
    panel.text.setFocus()
    qtbot.keyClick(panel.text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(skip):
        qtbot.keyClick(panel.text, Qt.Key.Key_Right)
    for _ in range(length):
        qtbot.keyClick(panel.text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def highlight_nile(qtbot: QtBot, env: Env) -> None:
    env.panel.show_line(env.line_id(1))
    select_with_keys(qtbot, env.panel, 4, 4)  # "The |Nile|"
    assert env.panel.text.textCursor().selectedText() == "Nile"
    qtbot.keyClick(env.panel.text, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)


def near(a: QColor, b: QColor, tolerance: int = 10) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def tinted_columns(image: QImage, env: Env, row: int, colour: QColor) -> list[int]:
    """x (relative to the cell) of every column of the row's text cell with that colour."""
    rect = env.view.visualRect(env.shown(row, TranscriptModel.TEXT))
    rect.translate(env.view.viewport().pos())
    return [
        x - rect.left()
        for x in range(rect.left(), rect.right())
        if any(near(image.pixelColor(x, y), colour) for y in range(rect.top(), rect.bottom()))
    ]


def test_keyboard_span_and_shortcut_make_a_highlight_drawn_in_its_colour(
    qtbot: QtBot, env: Env
) -> None:
    highlight_nile(qtbot, env)

    text, marks = env.stored(1)
    assert marks == [(4, 8, "Quote", QUOTE.color, "")]
    assert text[4:8] == "Nile"
    assert [(h.start, h.end, h.tag) for h in env.model.line(1).highlights] == [(4, 8, "Quote")]
    assert env.panel.selected_highlight() is not None  # the new highlight is the selected one

    qtbot.wait(50)
    image = env.view.grab().toImage()
    colour = QColor(QUOTE.color)
    tinted = tinted_columns(image, env, 1, colour)
    metrics = QFontMetrics(env.view.font())
    assert tinted, "the highlighted words are not drawn in the tag colour"
    assert abs(len(tinted) - metrics.horizontalAdvance("Nile")) <= 3
    assert tinted == list(range(tinted[0], tinted[-1] + 1))  # one span, nothing else tinted
    assert abs(tinted[0] - metrics.horizontalAdvance("The ")) <= 8  # after "The ", cell margin
    assert tinted_columns(image, env, 0, colour) == []  # words of other lines stay plain
    assert tinted_columns(image, env, 2, colour) == []


def test_selected_row_still_shows_its_highlight(qtbot: QtBot, env: Env) -> None:
    highlight_nile(qtbot, env)
    env.model.set_current_row(0)  # bold, tinted
    env.view.selectionModel().select(
        env.shown(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.wait(50)
    tinted = tinted_columns(env.view.grab().toImage(), env, 1, QColor(QUOTE.color))
    assert abs(len(tinted) - QFontMetrics(env.view.font()).horizontalAdvance("Nile")) <= 3


def test_remove_with_delete_then_undo_redo_twice(qtbot: QtBot, env: Env) -> None:
    highlight_nile(qtbot, env)
    with_mark = env.stored(1)
    env.panel.text.setFocus()
    assert env.panel.remove_action.isEnabled()
    qtbot.keyClick(env.panel.text, Qt.Key.Key_Delete)
    without = env.stored(1)
    assert without[1] == []
    assert env.model.line(1).highlights == []
    for _ in range(2):
        env.undo.undo()
        assert env.stored(1) == with_mark
        assert len(env.model.line(1).highlights) == 1
        env.undo.redo()
        assert env.stored(1) == without
        assert env.model.line(1).highlights == []
    env.undo.undo()
    env.undo.undo()  # the highlight itself goes
    assert env.stored(1)[1] == []
    assert env.panel.text.extraSelections() == []


def test_highlight_note_set_shown_and_undone(
    qtbot: QtBot, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    highlight_nile(qtbot, env)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("Check the atlas", True)
    )
    env.panel.note_action.trigger()
    assert env.stored(1)[1][0][4] == "Check the atlas"
    assert "Check the atlas" in env.panel.note_label.text()
    assert env.panel.note_label.isVisible()
    env.undo.undo()
    assert env.stored(1)[1][0][4] == ""
    assert "Check the atlas" not in env.panel.note_label.text()
    env.undo.redo()
    assert env.stored(1)[1][0][4] == "Check the atlas"


def test_click_outside_a_highlight_disables_remove(qtbot: QtBot, env: Env) -> None:
    highlight_nile(qtbot, env)
    cursor = env.panel.text.textCursor()
    cursor.setPosition(20)
    env.panel.text.setTextCursor(cursor)
    assert not env.panel.remove_action.isEnabled()
    assert not env.panel.note_label.isVisible()
    assert not env.panel.actions_for_menu()[0].isEnabled()  # no span selected: no tagging


def test_highlight_stays_on_its_words_when_the_line_is_edited_elsewhere(
    qtbot: QtBot, env: Env
) -> None:
    highlight_nile(qtbot, env)
    env.session.store.set_line_text(
        env.line_id(1), "Indeed the Nile is the longest river on Earth!"
    )
    text, marks = env.stored(1)
    assert len(marks) == 1
    assert text[marks[0][0] : marks[0][1]] == "Nile"


def test_text_offsets_survive_characters_outside_the_bmp() -> None:
    text = "Emoji \U0001f600 then words"
    assert to_utf16(text, 8) == 9
    assert from_utf16(text, 9) == 8
    assert from_utf16("plain", 3) == 3


@pytest.mark.parametrize(
    ("background", "ink"),
    [
        ("#f9d65c", "#000000"),
        ("#203070", "#ffffff"),
        ("#ffffff", "#000000"),
        ("#000000", "#ffffff"),
    ],
)
def test_text_on_a_tag_colour_is_black_or_white(background: str, ink: str) -> None:
    assert readable_text_colour(QColor(background)).name() == ink


def test_long_line_is_elided_and_a_hidden_highlight_colours_the_ellipsis(qtbot: QtBot) -> None:
    text = "words " * 60 + "the end"
    line = Line(0, 1000, text, id=1, highlights=[Highlight(len(text) - 7, len(text), "Error")])
    model = TranscriptModel()
    model.set_lines([line])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = HighlightDelegate(view)
    delegate.set_tags([Tag("Error", "#f28b82")])  # stored without its own colour: the tag's
    image = QImage(400, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 400, 40)
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, TranscriptModel.TEXT))
    painter.end()
    red = [
        x
        for x in range(400)
        if any(near(image.pixelColor(x, y), QColor("#f28b82")) for y in range(40))
    ]
    assert red, "the hidden highlight is not signalled"
    assert min(red) > 300  # only the ellipsis at the end of the second line
