"""Start-up never crashes: a locked, read-only or damaged library, an unreadable transcript or a
reader's own bug all end in a window that says why, with the start screen and what still works.

The faults are real: another process holds SQLite's exclusive lock, a page of the file is
overwritten, a file left by ``proofreel backup`` (rollback journal) is opened read-only.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Highlight, Note
from app.player.fake import FakePlayer
from app.store import safety
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.library import window_projects
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window import application
from app.ui.window.application import Started, start_window
from tests.ui.conftest import make_transcript

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A box that needs a click before the window is usable is itself a fault here."""
    shown: list[str] = []

    def box(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.No

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, box)
    return shown


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path]:
    """A library with one project, and its transcript."""
    srt = tmp_path / "talk.srt"
    write_path(make_transcript(40), srt, "srt")
    db = tmp_path / "library.sqlite3"
    with Library.open(str(db)) as library:
        open_pair(library, srt)
    return db, srt


def start(qtbot: QtBot, db: Path, *files: Path) -> Started:
    media = str(files[0]) if len(files) == 2 else None
    transcript = str(files[-1]) if files else None
    started = start_window(str(db), media, transcript, demo=False, player_factory=FakePlayer)
    qtbot.addWidget(started.window)
    qtbot.waitExposed(started.window)
    return started


def damage(db: Path, table: str) -> None:
    """Overwrite the first bytes of a table's (or index's) root page, as a bad sector would."""
    conn = sqlite3.connect(db)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with db.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 64)


@pytest.fixture
def locked(made: tuple[Path, Path]) -> Iterator[tuple[Path, Path]]:
    """Another process holds the library's exclusive lock (as a stuck writer would)."""
    holder = _lock(made[0])
    yield made
    _release(holder)


def _release(holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait()
    assert holder.stdout is not None
    holder.stdout.close()


def _lock(db: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "c.execute('UPDATE projects SET title = title')\n"
            "print('locked', flush=True)\n"
            "time.sleep(120)\n",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_locked_library_gives_the_window_with_the_reason(
    qtbot: QtBot, locked: tuple[Path, Path], no_modal_boxes: list[str]
) -> None:
    db, srt = locked
    started = start(qtbot, db, srt)
    window = started.window
    assert window.isVisible()
    assert window.pages.currentWidget() is window.start_screen
    text = window.start_screen.status_text
    assert str(db) in text and "lock" in text.lower()
    assert window.project_id is None and window.model.rowCount() == 0
    # Nothing can be imported into the stand-in: the ways to open are off, and say why.
    assert not window.start_screen.open_files_button.isEnabled()
    assert not application.open_into(window, str(srt), None)
    assert no_modal_boxes == []
    started.library.close()


def test_try_again_once_the_lock_is_gone_opens_the_library_and_the_file(
    qtbot: QtBot, made: tuple[Path, Path]
) -> None:
    db, srt = made
    holder = _lock(db)
    try:
        started = start(qtbot, db, srt)
        first = started.window
        assert first.start_screen.retry_button.isVisible()
    finally:
        _release(holder)  # the other program is done
    qtbot.mouseClick(first.start_screen.retry_button, Qt.MouseButton.LeftButton)
    window = started.window
    qtbot.addWidget(window)
    assert window is not first and not first.isVisible()
    assert window.isVisible()
    assert window.project_id is not None  # the transcript asked for at start-up, opened now
    assert window.model.rowCount() == 40
    assert len(started.library.list_projects()) == 1  # in the real library, not the stand-in
    started.library.close()


def test_a_damaged_page_gives_the_start_screen_with_the_reason(
    qtbot: QtBot, made: tuple[Path, Path], no_modal_boxes: list[str]
) -> None:
    db, _srt = made
    damage(db, "projects")
    started = start(qtbot, db)
    window = started.window
    assert window.pages.currentWidget() is window.start_screen
    assert "damaged" in window.start_screen.status_text
    assert "check-db" in window.start_screen.status_text
    assert window.start_screen.open_files_button.isEnabled()  # other files may still open
    assert no_modal_boxes == []
    started.library.close()


def test_a_damaged_page_under_the_transcript_shows_why_it_did_not_open(
    qtbot: QtBot, made: tuple[Path, Path], no_modal_boxes: list[str]
) -> None:
    db, srt = made
    damage(db, "lines")
    started = start(qtbot, db, srt)
    window = started.window
    assert window.project_id is None
    assert window.pages.currentWidget() is window.start_screen
    assert str(srt) in window.start_screen.status_text
    assert "damaged" in window.start_screen.status_text
    assert no_modal_boxes == []
    started.library.close()


def test_a_damaged_settings_page_keeps_the_projects_and_says_what_was_not_read(
    qtbot: QtBot, made: tuple[Path, Path], no_modal_boxes: list[str]
) -> None:
    db, _srt = made
    damage(db, "sqlite_autoindex_settings_1")
    started = start(qtbot, db)
    window = started.window
    assert window.start_screen.model.rowCount() == 1  # the projects still list
    assert "personal word list" in window.statusBar().currentMessage()
    assert "damaged" in window.statusBar().currentMessage()
    words = window.editing.spell.words
    assert words is not None
    with pytest.raises(Exception, match="not changed"):  # the stored list is never replaced
        words.save(["only-this"])
    assert no_modal_boxes == []
    started.library.close()


def test_a_read_only_backup_file_gives_the_window(
    qtbot: QtBot, made: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _srt = made
    copy = tmp_path / "backup.sqlite3"
    with Library.open(str(db)) as library:
        library.backup_to(copy)  # rollback-journal mode, the file README says to open
    # The suite runs as root on CI's container, where mode bits do not stop a write: read-only
    # is what Library decides from them, so decide it the same way here.
    monkeypatch.setattr(safety, "is_read_only", lambda _path: True)
    started = start(qtbot, copy)
    window = started.window
    assert window.isVisible()
    assert window.pages.currentWidget() is window.start_screen
    listed = window.start_screen.model.rowCount() == 1
    assert listed or "read-only" in window.start_screen.status_text
    started.library.close()


def test_a_bug_in_a_reader_becomes_a_message_with_the_traceback_logged(
    qtbot: QtBot,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    no_modal_boxes: list[str],
) -> None:
    srt = tmp_path / "big.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n", encoding="utf-8")

    def broken(*_args: object, **_kw: object) -> None:
        int("9" * 5000)  # what a reader without bounds met: ValueError past 4,300 digits

    monkeypatch.setattr("app.store.importing.read_path", broken)
    started = start(qtbot, tmp_path / "lib.sqlite3", srt)
    window = started.window
    assert window.pages.currentWidget() is window.start_screen
    assert str(srt) in window.start_screen.status_text
    assert "ValueError" in window.start_screen.status_text
    assert any(r.exc_info and r.levelno >= logging.ERROR for r in caplog.records)
    assert no_modal_boxes == []
    started.library.close()


def test_a_transcript_with_a_huge_number_opens_or_says_why(
    qtbot: QtBot, tmp_path: Path, no_modal_boxes: list[str]
) -> None:
    srt = tmp_path / "digits.srt"
    srt.write_text(
        f"{'9' * 5000}\n00:00:01,000 --> 00:00:02,000\nHello\n\n"
        f"2\n{'9' * 5000}:00:01,000 --> 00:00:03,000\nThere\n",
        encoding="utf-8",
    )
    started = start(qtbot, tmp_path / "lib.sqlite3", srt)
    window = started.window
    assert window.project_id is not None or str(srt) in window.start_screen.status_text
    assert no_modal_boxes == []
    started.library.close()


@pytest.mark.parametrize("content", [b"\x00\x01\x02\x03binary" * 50, b""], ids=["binary", "empty"])
def test_a_failed_open_on_the_command_line_leaves_the_start_screen(
    qtbot: QtBot, made: tuple[Path, Path], tmp_path: Path, content: bytes
) -> None:
    db, _srt = made
    bad = tmp_path / "bad.srt"
    bad.write_bytes(content)
    started = start(qtbot, db, bad)
    window = started.window
    assert window.pages.currentWidget() is window.start_screen  # not an empty "0 lines" page
    assert window.start_screen.model.rowCount() == 1  # the library's projects, to go on with
    assert str(bad) in window.start_screen.status_text
    assert window.windowTitle() == "Proofreel"
    started.library.close()


def _run_app(db: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "--bench-first-paint", *map(str, files)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.gui
def test_the_real_start_up_on_a_damaged_library_paints_without_a_traceback(
    made: tuple[Path, Path],
) -> None:
    db, srt = made
    damage(db, "projects")
    started = time.monotonic()
    done = _run_app(db, srt)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0
    assert done.stdout.startswith("first-paint"), (done.stdout, done.stderr)
    assert time.monotonic() - started < 60


@pytest.mark.gui
def test_the_real_start_up_on_a_locked_library_paints_without_a_traceback(
    locked: tuple[Path, Path],
) -> None:
    db, srt = locked
    done = _run_app(db, srt)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0
    assert done.stdout.startswith("first-paint"), (done.stdout, done.stderr)


def test_a_project_with_many_notes_paints_first_and_brings_them_after(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bench (bench/bench_many_notes.py) measures a million; the rule is the same at ten.
    monkeypatch.setattr(window_projects, "LOAD_ANNOTATIONS_LATER_OVER", 10)
    srt = tmp_path / "noted.srt"
    transcript = make_transcript(40)
    write_path(transcript, srt, "srt")
    for row in range(0, 40, 2):
        transcript.lines[row].notes.append(Note(f"Check line {row}", author="ed"))
        transcript.lines[row].highlights.append(Highlight(0, 4, "Quote", "#f9d65c"))
    db = tmp_path / "lib.sqlite3"
    with Library.open(str(db)) as library:
        project = library.create_project(transcript, media_path=None, transcript_path=str(srt))
    gate = threading.Event()  # holds the worker until the test has looked at the window
    read = Library.load_annotations

    def held(self: Library, project_id: int) -> object:
        gate.wait(10)
        return read(self, project_id)

    monkeypatch.setattr(Library, "load_annotations", held)
    started = start(qtbot, db, srt)
    window = started.window
    assert window.project_id == project
    assert window.model.rowCount() == 40  # the lines are there at once, painted
    assert window.annotations_loading and window.model.line(10).notes == []
    assert "notes" in window.statusBar().currentMessage()
    exported: list[str] = []
    monkeypatch.setattr(window, "_show_message", exported.append)
    window.export_transcript()  # now it would leave the notes out: it waits
    assert exported and "still being read" in exported[0]
    added = window.session.add_note(window.model.line(10).id, "Made while they loaded")
    assert added is not None
    gate.set()
    qtbot.waitUntil(lambda: not window.annotations_loading, timeout=10_000)
    assert [n.body for n in window.model.line(10).notes] == [
        "Check line 10",
        "Made while they loaded",  # kept once, after the loaded ones
    ]
    assert window.model.line(10).highlights[0].tag == "Quote"
    notes_cell = window.model.index(10, TranscriptModel.NOTES).data()
    assert "\u270e2" in notes_cell  # the row shows its notes
    window.view.go_to_row(10)
    shown = window.notes_panel.list
    assert shown.count() == 2 and "Check line 10" in shown.item(0).text()  # in the Notes panel
    started.library.close()


def test_open_recent_on_a_damaged_library_says_so_in_the_menu(
    qtbot: QtBot, made: tuple[Path, Path]
) -> None:
    db, _srt = made
    damage(db, "projects")
    started = start(qtbot, db)
    menus = started.window.menus
    menus.recent_menu.aboutToShow.emit()  # what opening File > Open Recent does
    texts = [action.text() for action in menus.recent_menu.actions()]
    assert texts == ["The projects could not be read"]
    assert "damaged" in started.window.statusBar().currentMessage()
    started.library.close()
