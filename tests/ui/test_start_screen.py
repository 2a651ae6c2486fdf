"""The start screen lists the library's projects with their progress; opens, renames, deletes
(after asking, with a copy kept) and undoes a delete with the notes back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from app.core.transcript import Line, Note, Transcript
from app.store.library import Library
from app.ui.library.start_screen import (
    ProjectsModel,
    StartScreen,
    opened_text,
    recent_menu_entries,
    reviewed_text,
)

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def _add(library: Library, title: str, n: int, reviewed: int, media: str | None) -> int:
    lines = [
        Line(
            i * 1000,
            i * 1000 + 900,
            f"Line {i}",
            status="approved" if i < reviewed else "unreviewed",
        )
        for i in range(n)
    ]
    lines[0].notes.append(Note("Check this name", author="ed"))
    transcript = Transcript(lines=lines, title=title)
    return library.create_project(transcript, media_path=media, transcript_path=f"/t/{title}.srt")


@pytest.fixture
def projects(library: Library, tmp_path: Path) -> dict[str, int]:
    there = tmp_path / "news.mp4"
    there.write_bytes(b"video")
    ids = {
        "news": _add(library, "Evening news", 1204, 312, str(there)),
        "talk": _add(library, "Talk", 10, 10, str(tmp_path / "gone" / "talk.mov")),
    }
    library.touch_opened(ids["talk"])  # the most recently opened comes first
    return ids


@pytest.fixture
def screen(qtbot: QtBot, library: Library, projects: dict[str, int]) -> StartScreen:
    widget = StartScreen(library)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    assert QTest.qWaitForWindowExposed(widget)
    return widget


def _row(screen: StartScreen, title: str) -> list[str]:
    model = screen.model
    for row in range(model.rowCount()):
        cells = [model.index(row, c).data() for c in range(model.columnCount())]
        if cells[0] == title:
            return cells
    raise AssertionError(f"{title} not listed")


def test_lists_projects_with_counts_progress_and_missing_media(screen: StartScreen) -> None:
    model = screen.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Talk", "Evening news"]
    _title, transcript, media, lines, review, opened = _row(screen, "Evening news")
    assert transcript == "Evening news.srt"
    assert (media, lines, review) == ("news.mp4", "1,204", "312 / 1,204 reviewed (26%)")
    assert opened.startswith("today ")
    assert _row(screen, "Talk")[2:5] == ["talk.mov (missing)", "10", "10 / 10 reviewed (100%)"]
    talk_media = model.index(0, ProjectsModel.MEDIA)
    assert talk_media.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "gone" in talk_media.data(Qt.ItemDataRole.ToolTipRole)


def test_enter_and_double_click_open_the_project(
    qtbot: QtBot, screen: StartScreen, projects: dict[str, int]
) -> None:
    screen.select_project(projects["news"])
    with qtbot.waitSignal(screen.openProject) as opened:
        QTest.keyClick(screen.view, Qt.Key.Key_Return)
    assert opened.args == [projects["news"]]
    index = screen.model.index(0, ProjectsModel.LINES)
    with qtbot.waitSignal(screen.openProject) as opened:
        rect = screen.view.visualRect(index)
        # A real double-click starts with a press: the view opens only the row that was pressed.
        QTest.mouseClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [projects["talk"]]


def test_rename_inline_persists(
    qtbot: QtBot, screen: StartScreen, projects: dict[str, int], library: Library
) -> None:
    screen.select_project(projects["news"])
    qtbot.mouseClick(screen.rename_button, Qt.MouseButton.LeftButton)
    editor = screen.view.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Evening news"
    editor.selectAll()
    QTest.keyClicks(editor, "Late news")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _row(screen, "Late news") is not None)
    with Library.open(str(library.engine.url.database)) as fresh:
        assert fresh.get_project(projects["news"]).title == "Late news"


def test_delete_asks_then_removes_and_undo_restores_with_notes(
    qtbot: QtBot,
    screen: StartScreen,
    projects: dict[str, int],
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = library.load_transcript(projects["news"])
    answers = [No, Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    screen.select_project(projects["news"])
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert "Evening news" in asked[0] and "1,204 lines" in asked[0] and "copy" in asked[0]
    assert len(library.list_projects()) == 2  # "No": kept

    screen.select_project(projects["news"])
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in library.list_projects()] == [projects["talk"]]
    assert screen.model.rowCount() == 1
    assert screen.status.isVisible() and screen.undo_button.isVisible()
    (copy,) = (Path(str(library.engine.url.database)).parent / "backups").iterdir()
    assert str(copy) in screen.status_label.text()

    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert screen.undo_button.isHidden()
    assert "Restored" in screen.status_label.text()
    restored = library.load_transcript(projects["news"])
    assert restored == before
    assert [n.body for n in restored.lines[0].notes] == ["Check this name"]
    assert screen.current_project_id() == projects["news"]
    assert _row(screen, "Evening news")[ProjectsModel.REVIEWED] == "312 / 1,204 reviewed (26%)"


def test_delete_key_asks_too(
    screen: StartScreen, projects: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda _p, _t, text, *_r: asked.append(text) or No)
    )
    screen.select_project(projects["talk"])
    QTest.keyClick(screen.view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Talk" in asked[0]


def test_empty_library_shows_how_to_start(qtbot: QtBot, tmp_path: Path) -> None:
    with Library.open(str(tmp_path / "empty.sqlite3")) as empty:
        widget = StartScreen(empty)
        qtbot.addWidget(widget)
        widget.show()
        assert widget.empty.isVisible() and not widget.view.isVisible()
        assert not widget.open_button.isEnabled()
        with qtbot.waitSignal(widget.openDemoRequested):
            qtbot.mouseClick(widget.demo_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(widget.openFilesRequested):
            qtbot.mouseClick(widget.open_files_button, Qt.MouseButton.LeftButton)


def test_recent_menu_entries(library: Library, projects: dict[str, int]) -> None:
    other = _add(library, "Q&A", 1, 0, None)
    assert recent_menu_entries(library, limit=2) == [
        (other, "Q&&A"),
        (projects["talk"], "Talk \u2014 talk.mov"),
    ]


def test_two_transcripts_of_one_video_are_told_apart(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    video = tmp_path / "t.mp4"
    video.write_bytes(b"video")
    lines = [Line(0, 900, "Hello")]
    srt = library.create_project(
        Transcript(lines=list(lines), title="t"), media_path=str(video), transcript_path="/x/t.srt"
    )
    vtt = library.create_project(
        Transcript(lines=[Line(0, 900, "Hello")], title="t"),
        media_path=str(video),
        transcript_path="/x/t.vtt",
    )
    widget = StartScreen(library)
    qtbot.addWidget(widget)
    widget.show()
    rows = {_row_of(widget, project): project for project in (srt, vtt)}
    cells = {
        project: [widget.model.index(row, c).data() for c in range(widget.model.columnCount())]
        for row, project in rows.items()
    }
    assert cells[srt] != cells[vtt]  # the same title and video, but not the same row
    assert cells[srt][ProjectsModel.TRANSCRIPT] == "t.srt"
    assert cells[vtt][ProjectsModel.TRANSCRIPT] == "t.vtt"
    header = widget.model.headerData(
        ProjectsModel.TRANSCRIPT, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    )
    assert header == "Transcript"
    menu = dict(recent_menu_entries(library))
    assert menu[srt] == "t \u2014 t.mp4 (t.srt)"
    assert menu[vtt] == "t \u2014 t.mp4 (t.vtt)"


def _row_of(screen: StartScreen, project_id: int) -> int:
    row = screen.model.row_of(project_id)
    assert row is not None
    return row


def test_progress_and_time_texts() -> None:
    assert reviewed_text(312, 1204) == "312 / 1,204 reviewed (26%)"
    assert reviewed_text(1203, 1204) == "1,203 / 1,204 reviewed (99%)"
    assert reviewed_text(1, 1204) == "1 / 1,204 reviewed (1%)"
    assert reviewed_text(0, 0) == "no lines"
    now = datetime(2024, 3, 14, 15, 0).astimezone()
    local = now.replace(hour=10, minute=42)
    assert opened_text(local.isoformat(), now).startswith("today 10:42")  # "10:42 AM"
    yesterday = local.replace(day=13).isoformat()
    assert opened_text(yesterday, now).startswith("yesterday ")
    assert opened_text(local.replace(day=11).isoformat(), now).startswith("Monday ")
    assert opened_text(local.replace(month=1).isoformat(), now) == "1/14/24"
