"""The library's tag set edited in its dialog: kept in the file, offered by the line panel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QColorDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.core.review import DEFAULT_TAGS, Tag
from app.core.transcript import Line, Transcript
from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.review.line_panel import LinePanel
from app.ui.review.review_session import ReviewSession
from app.ui.review.tags_dialog import TagsDialog
from app.ui.transcript.transcript_model import TranscriptModel


def stored_tags(db: Path) -> list[Tag]:
    with Library.open(str(db)) as other:
        return ReviewStore(other).list_tags()


@pytest.fixture
def session(qtbot: QtBot, library: Library) -> Iterator[ReviewSession]:
    project = library.create_project(
        Transcript(lines=[Line(0, 1000, "The Nile is long.")]),
        media_path=None,
        transcript_path=None,
    )
    host = QWidget()
    qtbot.addWidget(host)
    model = TranscriptModel(host)
    model.set_lines(library.load_transcript(project).lines)
    yield ReviewSession(library, model, QUndoStack(host), host)  # host stays alive till the end


def test_add_rename_recolour_delete_are_kept_and_offered(
    qtbot: QtBot, session: ReviewSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "library.sqlite3"
    panel = LinePanel(session)
    qtbot.addWidget(panel)
    dialog = TagsDialog(session.store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.tags() == list(DEFAULT_TAGS)

    with qtbot.waitSignal(dialog.tagsChanged):
        dialog.add_button.click()
    assert [t.name for t in stored_tags(db)][-1] == "New tag"
    # Add opens the name for editing in place: type the real one, as a user would.
    editor = dialog.list.indexWidget(dialog.list.currentIndex())
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Sources")
    with qtbot.waitSignal(dialog.tagsChanged):  # the view commits the edit on its next turn
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [t.name for t in stored_tags(db)][-1] == "Sources"

    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor("#336699"))
    dialog.colour_button.click()
    assert stored_tags(db)[-1] == Tag("Sources", "#336699")

    dialog.list.setCurrentRow(3)
    assert dialog.current_tag() == Tag("Unclear", "#c7a4f5")
    asked: list[str] = []

    def confirm(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    dialog.delete_button.click()
    assert "keep their colour" in asked[0]
    assert [t.name for t in stored_tags(db)] == ["Quote", "Fact-check", "Error", "Sources"]

    assert "Sources" not in [a.data() for a in panel.actions_for_menu()]
    with qtbot.waitSignal(panel.actionsChanged):
        panel.refresh_tags()
    tags = [a for a in panel.actions_for_menu() if a.data()]
    assert [a.data() for a in tags] == ["Quote", "Fact-check", "Error", "Sources"]
    assert tags[3].shortcut().toString() == "Ctrl+4"
    assert any(b.defaultAction() is tags[3] for b in panel._tag_buttons)


def test_a_refused_name_goes_back_and_says_why(
    qtbot: QtBot, session: ReviewSession, tmp_path: Path
) -> None:
    dialog = TagsDialog(session.store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.rename("Quote", "error")  # names differ only in case: refused
    assert dialog.list.item(0).text() == "Quote"
    assert dialog.error.isVisibleTo(dialog)
    assert stored_tags(tmp_path / "library.sqlite3") == list(DEFAULT_TAGS)


def test_recolouring_a_tag_recolours_its_highlights(
    qtbot: QtBot, session: ReviewSession, tmp_path: Path
) -> None:
    line_id = session.model.line(0).id
    assert line_id is not None
    session.add_highlight(line_id, 4, 8, DEFAULT_TAGS[0])
    dialog = TagsDialog(session.store, model=session.model)
    qtbot.addWidget(dialog)
    assert dialog.recolour("Quote", "#00ff00")
    assert dialog.rename("Quote", "Citation")
    [shown] = session.model.line(0).highlights  # what the transcript view draws follows too
    assert (shown.tag, shown.color) == ("Citation", "#00ff00")
    with Library.open(str(tmp_path / "library.sqlite3")) as other:
        [mark] = other.load_transcript(1).lines[0].highlights
    assert (mark.tag, mark.color) == ("Citation", "#00ff00")
