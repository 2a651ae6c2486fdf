"""Live refresh with two real windows on one library (SQLite file and the test session's
PostgreSQL): what reviewer A does in her window shows in B's within a second, without a reload,
keeping B's selection, scroll and the words B is typing. The change log is written by the
triggers (0011_change_log on the server, the TEMP triggers on SQLite), as in use."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow

WITHIN_MS = 1000


@dataclass
class Pair:
    a: MainWindow
    b: MainWindow
    project_id: int

    def line_id(self, row: int) -> int:
        line_id = self.a.model.line(row).id
        assert line_id is not None
        return line_id


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.sqlite3'}"
    found: str = request.getfixturevalue("postgres_url")
    return found


def _window(qtbot: QtBot, library: Library, x: int) -> MainWindow:
    window = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(window)
    window.resize(900, 500)
    window.move(x, 0)
    window.show()
    return window


@pytest.fixture
def pair(qtbot: QtBot, url: str, srt_file: Path, tmp_path: Path) -> Iterator[Pair]:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"not played by the fake player")
    lib_a, lib_b = Library.open(url, actor="ana"), Library.open(url, actor="ben")
    a, b = _window(qtbot, lib_a, 0), _window(qtbot, lib_b, 920)
    opened = open_pair(lib_a, srt_file, media)
    a.show_project(opened.project_id, opened.transcript, opened.report)
    b.open_project_id(opened.project_id)
    assert b.model.rowCount() == 60
    yield Pair(a, b, opened.project_id)
    for window in (a, b):
        window.shutdown()
    lib_a.close()
    lib_b.close()


def _focus(window: MainWindow, row: int) -> None:
    window.activateWindow()
    window.raise_()
    assert QTest.qWaitForWindowActive(window)
    window.view.go_to_row(row)
    window.view.setFocus()


def _wait(qtbot: QtBot, condition: object) -> float:
    """Seconds until ``condition()`` holds (fails past a second)."""
    started = time.monotonic()
    qtbot.waitUntil(condition, timeout=WITHIN_MS)  # type: ignore[arg-type]
    return time.monotonic() - started


def _cell(window: MainWindow, row: int, column: int) -> str:
    model = window.model
    return str(model.data(model.index(row, column)))


def test_a_note_a_status_and_a_correction_in_a_show_in_b_keeping_its_place(
    qtbot: QtBot, pair: Pair
) -> None:
    a, b = pair.a, pair.b
    b.view.go_to_row(40)  # B reads further down, scrolled there
    scroll = b.view.verticalScrollBar().value()
    assert scroll > 0

    _focus(a, 5)
    a.add_note()
    qtbot.keyClicks(a.notes_panel.editor, "Check the name")
    qtbot.keyClick(a.notes_panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    note = a.model.line(5).notes[0]
    assert note.id is not None
    _wait(qtbot, lambda: [n.body for n in b.model.line(5).notes] == ["Check the name"])
    assert _cell(b, 5, TranscriptModel.NOTES) == "\u270e1"

    qtbot.keyClick(a.view, Qt.Key.Key_A)  # approve line 5
    _wait(qtbot, lambda: _cell(b, 5, TranscriptModel.STATUS) == "\u2713")
    qtbot.waitUntil(lambda: b.progress.label.text().startswith("1 of 60"), timeout=WITHIN_MS)

    qtbot.keyClick(a.view, Qt.Key.Key_F2)
    editor = a.view.findChild(QPlainTextEdit, "inlineTextEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Line number five")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait(qtbot, lambda: _cell(b, 5, TranscriptModel.TEXT) == "Line number five")
    qtbot.waitUntil(lambda: b.changed_label.text() == "1 line corrected", timeout=WITHIN_MS)

    # B kept its place: the same current line, the same scroll
    assert b.view.current_source_row() == 40
    assert b.view.verticalScrollBar().value() == scroll
    # B may now edit the line A corrected: it saw A's version
    assert b.editing.session.edit_text(5, "Line number 5 (ben)")
    assert b.library.load_transcript(pair.project_id).lines[5].text == "Line number 5 (ben)"


def _edit_in_place(qtbot: QtBot, window: MainWindow, row: int, words: str) -> QPlainTextEdit:
    _focus(window, row)
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.view.findChild(QPlainTextEdit, "inlineTextEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, words)
    return editor


def test_words_b_is_typing_stay_and_saving_them_meets_the_conflict(
    qtbot: QtBot, pair: Pair
) -> None:
    a, b = pair.a, pair.b
    editor_b = _edit_in_place(qtbot, b, 7, "Line number seven (ben)")
    # A (another machine: B's window keeps the focus) corrects the same line and saves
    with qtbot.waitSignal(b.live.applied, timeout=WITHIN_MS):
        assert a.editing.session.edit_text(7, "Line number seven (ana)")
    assert editor_b.toPlainText() == "Line number seven (ben)"  # still B's words, still open
    assert b.editing.delegate.is_editing()

    from app.ui.editing.conflicts import Choice, Resolution

    asked: list[str] = []

    def keep_theirs(err: object, _rows: object) -> Resolution:  # the conflict dialog's answer
        asked.append(str(err))
        return Resolution(Choice.THEIRS)

    b.editing.session.conflicts.ask = keep_theirs
    qtbot.keyClick(editor_b, Qt.Key.Key_Return)
    assert asked and "changed by someone else" in asked[0]
    assert b.library.load_transcript(pair.project_id).lines[7].text == "Line number seven (ana)"
    # the editor closed: B's row shows A's words now, and B's next try of the line lands
    assert _cell(b, 7, TranscriptModel.TEXT) == "Line number seven (ana)"
    assert b.editing.session.edit_text(7, "Line number seven (ana, ben)")


def test_deleted_lines_reload_b_keeping_its_current_line_and_a_does_not_reload(
    qtbot: QtBot, pair: Pair
) -> None:
    """Two lines deleted at once: on the server one log entry naming no line ("2 lines")."""
    a, b = pair.a, pair.b
    b.view.go_to_row(40)
    kept = b.model.line(40).id
    gone = {pair.line_id(3), pair.line_id(4)}
    _focus(a, 3)
    a.view.select_rows([3, 4])
    reloads: list[MainWindow] = []
    a.live.reloaded.connect(lambda: reloads.append(a))
    b.live.reloaded.connect(lambda: reloads.append(b))
    with qtbot.waitSignal(a.live.applied, timeout=WITHIN_MS) as own:
        qtbot.keyClick(a.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert a.model.rowCount() == 58
    _wait(qtbot, lambda: b.model.rowCount() == 58)
    assert reloads == [b]  # A showed its own delete already: no reload there
    assert all(b.model.row_of_id(i) is None for i in gone)
    assert b.model.line(b.view.current_source_row() or 0).id == kept  # still on its line
    assert own.args is not None and own.args[1] == 0  # A's own delete: nothing to apply
    assert a.undo_stack.count() == 1


def test_a_status_from_a_does_not_come_back_to_a(qtbot: QtBot, pair: Pair) -> None:
    a = pair.a
    _focus(a, 9)
    with qtbot.waitSignal(a.live.applied, timeout=WITHIN_MS) as own:
        qtbot.keyClick(a.view, Qt.Key.Key_A)
    assert own.args is not None and own.args[0] >= 1 and own.args[1] == 0  # shown already
    assert a.undo_stack.count() == 1 and a.model.line(9).status == "approved"


@pytest.mark.parametrize("url", ["postgresql"], indirect=True)
def test_b_reconnects_after_its_listener_is_killed_and_misses_nothing(
    qtbot: QtBot, pair: Pair, url: str
) -> None:
    a, b = pair.a, pair.b
    watch = b.live.watch
    assert watch is not None and watch.listen is not None
    killed = watch.listen.backend_pid
    with Library.open(url) as admin, admin.engine.begin() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
    # while B hears nothing: a note and two statuses from A (their notices are lost)
    _focus(a, 11)
    assert a.session.add_note(pair.line_id(11), "While you were away") is not None
    note = a.model.line(11).notes[0]
    assert note.id is not None
    for row in (12, 13):
        _focus(a, row)
        qtbot.keyClick(a.view, Qt.Key.Key_F)

    def listening_again() -> bool:
        return watch.listen is not None and watch.listen.backend_pid != killed

    qtbot.waitUntil(listening_again, timeout=5000)
    qtbot.waitUntil(
        lambda: (
            [n.body for n in b.model.line(11).notes] == ["While you were away"]
            and [b.model.line(r).status for r in (12, 13)] == ["flagged", "flagged"]
        ),
        timeout=WITHIN_MS,
    )
    assert "again" in b.statusBar().currentMessage()


WRITER = """
import sys
from app.store.library import Library
from app.store.review import ReviewStore
with Library.open(sys.argv[1], actor="cli") as lib:
    ReviewStore(lib).add_note(int(sys.argv[2]), "From another process", "cli")
"""


@pytest.mark.parametrize("url", ["sqlite"], indirect=True)
def test_another_process_on_the_sqlite_file_shows_in_the_open_window_and_its_notes_panel(
    qtbot: QtBot, pair: Pair, url: str
) -> None:
    b = pair.b
    _focus(b, 5)
    assert b.notes_panel.list.count() == 0
    line_id = pair.line_id(5)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([sys.executable, "-c", WRITER, url, str(line_id)], check=True, env=env)
    _wait(qtbot, lambda: b.notes_panel.list.count() == 1)
    assert b.notes_panel.list.item(0).text() == "From another process"
    assert _cell(b, 5, TranscriptModel.NOTES) == "\u270e1"


def test_b_s_line_panel_shows_a_s_approval_in_the_line_s_history(qtbot: QtBot, pair: Pair) -> None:
    a, b = pair.a, pair.b
    b.view.go_to_row(6)
    assert b.line_panel.history.text() == "imported"
    _focus(a, 6)
    qtbot.keyClick(a.view, Qt.Key.Key_A)
    _wait(qtbot, lambda: b.line_panel.history.text().startswith("approved by"))
    assert b.view.current_source_row() == 6


def test_a_s_new_times_and_speaker_show_in_b_and_b_follows_the_new_times(
    qtbot: QtBot, pair: Pair
) -> None:
    a, b = pair.a, pair.b
    assert b.model.row_at_time(8050) == 8
    assert a.editing.session.set_times(8, 8100, 8900)
    assert a.editing.session.set_speaker([8], "ANA")
    _wait(qtbot, lambda: _cell(b, 8, TranscriptModel.SPEAKER) == "ANA")
    assert (b.model.line(8).start_ms, b.model.line(8).end_ms) == (8100, 8900)
    assert b.model.row_at_time(8050) is None  # the playing line follows the new times
    assert b.model.row_at_time(8500) == 8
    qtbot.waitUntil(lambda: b.changed_label.text() == "1 line corrected", timeout=WITHIN_MS)


def test_b_s_undo_of_a_line_a_changed_since_asks_and_keeps_a_s_words(
    qtbot: QtBot, pair: Pair
) -> None:
    """B corrected a line, A corrected it again, B's window showed A's words: B's Ctrl+Z must
    not put B's old text back over A's without asking (issue 15, item 4)."""
    from app.ui.editing.conflicts import Choice, Resolution

    a, b = pair.a, pair.b
    assert b.editing.session.edit_text(9, "Line nine (ben)")
    qtbot.waitUntil(
        lambda: _cell(a, 9, TranscriptModel.TEXT) == "Line nine (ben)", timeout=WITHIN_MS
    )
    with qtbot.waitSignal(b.live.applied, timeout=WITHIN_MS):
        assert a.editing.session.edit_text(9, "Line nine (ana)")
    assert _cell(b, 9, TranscriptModel.TEXT) == "Line nine (ana)"
    asked: list[tuple[str, str]] = []

    def ask(err: object, _rows: object) -> Resolution:
        asked.append((err.theirs.text, str(err)))  # type: ignore[attr-defined]
        return Resolution(Choice.THEIRS)

    b.editing.session.conflicts.ask = ask
    _focus(b, 9)
    qtbot.keyClick(b.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0][0] == "Line nine (ana)"
    assert b.library.load_transcript(pair.project_id).lines[9].text == "Line nine (ana)"
    assert _cell(b, 9, TranscriptModel.TEXT) == "Line nine (ana)"
    # A new edit of the line by B (who has seen A's words) is no conflict
    assert b.editing.session.edit_text(9, "Line nine (ana, ben)")
    assert len(asked) == 1


def test_b_s_undo_after_a_refresh_that_brought_b_s_own_change_does_not_ask(
    qtbot: QtBot, pair: Pair
) -> None:
    """The change log brings B's own correction back to B's window with A's: that is not
    someone else's change, and B's Ctrl+Z puts the old words back without a dialog."""
    a, b = pair.a, pair.b
    before = _cell(b, 9, TranscriptModel.TEXT)
    assert b.editing.session.edit_text(9, "Line nine (ben)")
    with qtbot.waitSignal(b.live.applied, timeout=WITHIN_MS):
        assert a.editing.session.edit_text(3, "Line three (ana)")
    assert _cell(b, 3, TranscriptModel.TEXT) == "Line three (ana)"
    asked: list[object] = []
    b.editing.session.conflicts.ask = lambda err, _rows: asked.append(err)  # type: ignore[assignment,func-returns-value]
    _focus(b, 9)
    qtbot.keyClick(b.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not asked
    assert _cell(b, 9, TranscriptModel.TEXT) == before
    assert b.library.load_transcript(pair.project_id).lines[9].text == before
