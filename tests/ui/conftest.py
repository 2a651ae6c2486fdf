"""A real main window on a real library file, with either the fake or the real player."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Note, Transcript
from app.player.base import Player
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.review.review_session import AUTHOR_KEY, ReviewSession
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow


def make_transcript(n: int, step_ms: int = 1000, gap_ms: int = 0) -> Transcript:
    lines = [
        Line(start_ms=i * step_ms, end_ms=(i + 1) * step_ms - gap_ms, text=f"Line number {i}")
        for i in range(n)
    ]
    return Transcript(lines=lines, title="Numbers")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(str(tmp_path / "library.sqlite3"))
    yield lib
    lib.close()


@pytest.fixture
def srt_file(tmp_path: Path) -> Path:
    """60 one-second lines."""
    path = tmp_path / "numbers.srt"
    write_path(make_transcript(60), path, "srt")
    return path


def open_window(
    qtbot: QtBot, library: Library, player: Player, transcript: Path, media: Path | None
) -> MainWindow:
    window = MainWindow(library, player)
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    window.activateWindow()  # window shortcuts (Space, A, F...) need the active window
    assert QTest.qWaitForWindowActive(window), "the window never became active"
    window.view.setFocus()
    opened = open_pair(library, transcript, media)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    return window


@pytest.fixture
def fake_window(qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path) -> MainWindow:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"not played by the fake player")
    return open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)


AUTHOR = "Ada Reviewer"


@dataclass
class Review:
    """A project open for review without a window: the pieces the review widgets work with."""

    library: Library
    project_id: int
    model: TranscriptModel
    undo: QUndoStack
    session: ReviewSession
    owner: QObject

    def line_id(self, row: int) -> int:
        line_id = self.model.line(row).id
        assert line_id is not None
        return line_id

    def stored_notes(self, row: int) -> list[Note]:
        """The row's notes as a new connection to the same file reads them."""
        with Library.open(str(self.library.engine.url.database)) as fresh:
            return fresh.load_transcript(self.project_id).lines[row].notes


@pytest.fixture
def review(library: Library, srt_file: Path) -> Iterator[Review]:
    QSettings().setValue(AUTHOR_KEY, AUTHOR)  # the suite's settings live in a sandbox
    opened = open_pair(library, srt_file)
    model = TranscriptModel()
    model.set_lines(opened.transcript.lines)
    owner = QObject()
    undo = QUndoStack(owner)
    session = ReviewSession(library, model, undo, owner)
    yield Review(library, opened.project_id, model, undo, session, owner)
    QSettings().remove(AUTHOR_KEY)
