"""Two reviewers on one project, as the team tests need them: Ana's real window and Ben's own
Library, on a SQLite file (actors given at open) or on the test session's PostgreSQL (two login
roles, so the store records each one's login)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from app.core.transcript import Line
from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.editing.changes_model import DiffHtmlRole
from app.ui.editing.conflict_dialog import ConflictDialog
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, PostgresServer
from tests.ui.conftest import open_window

__all__ = ["Pair", "pair"]

BEN, BEN_PASSWORD = "reviewer_ben", "s3cret-ben"


@dataclass
class Pair:
    window: MainWindow  # Ana's
    ben: Library
    url: str  # a third connection's, to read what is stored
    seen: list[list[str]] = field(default_factory=list)  # each dialog's diff rows
    both: list[tuple[str, str]] = field(default_factory=list)  # (theirs, yours) of each row

    @property
    def project(self) -> int:
        assert self.window.project_id is not None
        return self.window.project_id

    def line_id(self, row: int) -> int:
        line_id = self.window.model.line(row).id
        assert line_id is not None
        return line_id

    def stored(self, row: int) -> Line:
        """The line as a third, fresh connection to the file reads it."""
        with Library.open(self.url) as fresh:
            return fresh.load_transcript(self.project).lines[row]

    def shown(self, row: int) -> str:
        model = self.window.model
        return str(model.data(model.index(row, TranscriptModel.TEXT)))

    def answer(self, qtbot: QtBot, button: str, merged: str | None = None) -> None:
        """When the conflict dialog comes up: note what it shows, then press ``button``."""

        def press() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, ConflictDialog):
                QTimer.singleShot(50, press)
                return
            model = dialog.list.model()
            self.seen.append(
                [str(model.index(r, 0).data(DiffHtmlRole)) for r in range(model.rowCount())]
            )
            self.both.extend((row.theirs, row.yours) for row in dialog.rows)
            qtbot.mouseClick(dialog.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
            if merged is not None:
                editor = dialog.findChild(QPlainTextEdit, "mergeEditor")
                assert editor is not None and editor.isVisible()
                self.seen.append([editor.toPlainText()])
                editor.selectAll()
                qtbot.keyClicks(editor, merged)
                save = dialog.findChild(QPushButton, "saveMerged")
                qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

        QTimer.singleShot(50, press)

    def type_into(self, qtbot: QtBot, row: int, text: str) -> None:
        """F2 on the row, the text typed over, Enter: as Ana corrects a line."""
        view = self.window.view
        view.go_to_row(row)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_F2)
        qtbot.waitUntil(lambda: self._editor() is not None and self._editor().hasFocus())
        editor = self._editor()
        assert editor is not None
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    def undo_key(self, qtbot: QtBot) -> None:
        """Ctrl+Z in Ana's window, active again (Xvfb has no window manager to give it back
        after a dialog)."""
        self.window.activateWindow()
        assert QTest.qWaitForWindowActive(self.window)
        self.window.view.setFocus()
        qtbot.keyClick(self.window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    def _editor(self) -> QPlainTextEdit | None:
        return self.window.view.findChild(QPlainTextEdit, "inlineTextEditor")


def _urls(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str, str]:
    """Ana's, Ben's and the owner's URLs to one library."""
    if request.param == "sqlite":
        path = str(tmp_path / "team.sqlite3")
        return path, path, path
    server: PostgresServer = request.getfixturevalue("postgres_server")
    # Not postgres_url, which drops its database at teardown: the window is deleted only after
    # the test (pytest-qt's deleteLater), and a palette change on the way to the next test
    # still reads from it. This database lives as long as the test server does.
    url = server.fresh_database()
    database = url.split("@/", 1)[1].split("?", 1)[0]
    server.admin(
        "DO $$ BEGIN CREATE ROLE " + BEN + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; "
        "END $$",
        f"ALTER ROLE {BEN} PASSWORD '{BEN_PASSWORD}'",
    )
    for role in (PASSWORD_ROLE, BEN):
        server.admin(
            f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}",
            database=database,
        )
    return (
        server.url(database, user=PASSWORD_ROLE, password=PASSWORD),
        server.url(database, user=BEN, password=BEN_PASSWORD),
        url,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def pair(
    request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, srt_file: Path
) -> Iterator[Pair]:
    ana_url, ben_url, owner_url = _urls(request, tmp_path)
    with Library.open(ana_url, actor="ana") as ana, Library.open(ben_url, actor="ben") as ben:
        window = open_window(qtbot, ana, FakePlayer(duration=60_000), srt_file, None)
        # Ana's window has not heard of Ben's change yet (a refresh on its way, a dropped
        # connection): the stale edit these tests are about. With the live refresh on, whether
        # it arrives before Ana's key press would be a race (tests/ui/test_live_refresh.py
        # covers a window that did hear of it).
        window.live.follow(None)
        ben.load_transcript(window.project_id or 0)
        yield Pair(window, ben, owner_url)
        window.close()
