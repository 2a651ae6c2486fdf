"""A second opinion is kept with the project (issue 16): its marks and audio checks come back
when the project is opened again, in another window on the reopened library too, saying which
model heard it and when; a new second opinion replaces them. With the real recogniser
(tiny.en, offline) on the 14 s clip of tests/ui/test_listening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QWidget
from pytestqt.qtbot import QtBot

from app.core.transcript import Line
from app.player.fake import FakePlayer
from app.store.audio_marks import AudioMarksStore
from app.store.library import Library
from app.ui.window.main_window import MainWindow
from tests.ui import test_listening as listening
from tests.ui.test_listening import LONG_WAIT_MS, SPOKEN, _click_in_listen_menu, _window

clip = listening.clip  # the fixtures: the 14 s clip, and a recognition cache of the test's own
own_cache = listening.own_cache

TYPED = [
    SPOKEN[0],
    Line(3_600, 6_500, "a rare late-night party in Moscow"),
    Line(9_000, 12_000, "nobody says this at all"),  # over silence: the clip is quiet there
]


def _show_checks(window: MainWindow) -> None:
    widget: QWidget | None = window.editing.checks
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    assert widget is not None
    widget.show()


def _issues(window: MainWindow) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for issue in window.editing.checks.issues.all_issues():
        found.setdefault(issue.kind, []).append(issue.row)
    return found


def _marked(window: MainWindow, row: int) -> list[str]:
    line = window.model.line(row)
    return [line.text[a:b] for a, b in window.listening.marks.spans(line.id)]


def test_the_marks_come_back_when_the_project_is_opened_again(
    qtbot: QtBot, library: Library, clip: Path
) -> None:
    window = _window(qtbot, library, clip, TYPED)
    project = window.project_id
    assert project is not None
    _click_in_listen_menu(qtbot, window, "listen.second_opinion")
    qtbot.waitUntil(lambda: not window.listening.runs.busy, timeout=LONG_WAIT_MS)
    assert _marked(window, 1) == ["party"]
    first_run = window.listening.marks.run
    assert first_run is not None and first_run.model == "tiny.en"
    # Away to the Projects screen (the marks go with the project) and back: they are read again.
    window.show_start_screen()
    assert window.listening.marks.run is None and not window.listening.marks.issues()
    window.open_project_id(project)
    assert _marked(window, 1) == ["party"]
    window.close()

    # Another window on the library opened afresh: the marks, the Checks and who heard it.
    again = Library.open(str(library.path))
    try:
        other = MainWindow(again, FakePlayer(duration=14_000))
        qtbot.addWidget(other)
        other.resize(1100, 600)
        other.show()
        other.open_project_id(project)
        assert _marked(other, 1) == ["party"]
        assert _marked(other, 0) == []
        tip = other.listening.marks.tooltip(other.model.line(1).id)
        assert "meeting" in tip and "tiny.en" in tip and first_run.made_at[:10] in tip
        _show_checks(other)
        qtbot.waitUntil(lambda: "audio_disagrees" in _issues(other))
        assert 1 in _issues(other)["audio_disagrees"]
        assert _issues(other)["over_silence"] == [2], "the audio checks are kept too"
        other.listening.update_enabled()
        assert "replace the marks" in other.listening.second_opinion.toolTip()
        # F8 goes to the next marked line, saying what the audio heard.
        other.activateWindow()
        assert QTest.qWaitForWindowActive(other)
        other.view.go_to_row(0)
        QTest.keyClick(other.view, Qt.Key.Key_F8)
        assert other.view.current_source_row() == 1
        said = other.statusBar().currentMessage()
        assert "Audio mark 1 of" in said and "meeting" in said, said
        # A new second opinion replaces the kept one.
        _click_in_listen_menu(qtbot, other, "listen.second_opinion")
        qtbot.waitUntil(lambda: not other.listening.runs.busy, timeout=LONG_WAIT_MS)
        kept = AudioMarksStore(again).kept(project)
        new_run = other.listening.marks.run
        assert kept is not None and new_run is not None
        assert kept.made_at == new_run.made_at > first_run.made_at
        assert _marked(other, 1) == ["party"]
    finally:
        again.close()


def test_a_read_only_library_shows_the_marks_and_says_they_were_not_kept(
    qtbot: QtBot, tmp_path: Path, clip: Path
) -> None:
    from app.core.transcript import Transcript

    path = tmp_path / "shared.sqlite3"
    with Library.open(str(path)) as writable:
        lines = [Line(x.start_ms, x.end_ms, x.text) for x in TYPED]
        project = writable.create_project(
            Transcript(lines=lines, title="clip"), media_path=str(clip), transcript_path=None
        )
    reader = Library.open(str(path), read_only=True)
    try:
        window = MainWindow(reader, FakePlayer(duration=14_000))
        qtbot.addWidget(window)
        window.show()
        window.open_project_id(project)
        _click_in_listen_menu(qtbot, window, "listen.second_opinion")
        qtbot.waitUntil(lambda: not window.listening.runs.busy, timeout=LONG_WAIT_MS)
        assert _marked(window, 1) == ["party"], "shown all the same"
        message = window.statusBar().currentMessage()
        assert "not kept in the library" in message, message
        assert AudioMarksStore(reader).kept(project) is None
    finally:
        reader.close()
