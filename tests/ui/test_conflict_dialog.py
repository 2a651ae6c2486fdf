"""Two reviewers on one library file (two Library objects, actors given at open): Ben changes a
line after Ana's window read it, then Ana edits it in her window with real keys. The conflict
dialog shows both texts as the Changes panel's word diff, and each button does what it says to
the stored line; an undo after Ben's edit gives the dialog, never an overwrite."""

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
from app.store import EditStore
from app.store.library import Library
from app.ui.editing.changes_model import DiffHtmlRole
from app.ui.editing.conflict_dialog import ConflictDialog
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window


@dataclass
class Pair:
    window: MainWindow  # Ana's
    ben: Library
    seen: list[list[str]] = field(default_factory=list)  # each dialog's diff rows

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
        with Library.open(str(self.window.library.engine.url.database)) as fresh:
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


@pytest.fixture
def pair(qtbot: QtBot, tmp_path: Path, srt_file: Path) -> Iterator[Pair]:
    path = str(tmp_path / "team.sqlite3")
    with Library.open(path, actor="ana") as ana, Library.open(path, actor="ben") as ben:
        window = open_window(qtbot, ana, FakePlayer(duration=60_000), srt_file, None)
        ben.load_transcript(window.project_id or 0)
        yield Pair(window, ben)
        window.close()


def test_a_stale_inline_edit_shows_both_texts_and_keep_theirs_shows_theirs(
    pair: Pair, qtbot: QtBot
) -> None:
    EditStore(pair.ben).set_text(pair.line_id(3), "Line number three, said Ben")
    pair.answer(qtbot, "keepTheirs")
    pair.type_into(qtbot, 3, "Line number 3 by Ana")
    qtbot.waitUntil(lambda: bool(pair.seen))
    diff = pair.seen[0][0]
    assert "three, said Ben" in diff and "by Ana" in diff  # theirs struck, yours underlined
    assert "<s " in diff and "<u " in diff
    assert pair.stored(3).text == "Line number three, said Ben"
    qtbot.waitUntil(lambda: pair.shown(3) == "Line number three, said Ben")
    assert pair.window.undo_stack.count() == 0  # nothing of Ana's was made


def test_keep_mine_writes_mine_over_theirs_and_undoes_to_theirs(pair: Pair, qtbot: QtBot) -> None:
    EditStore(pair.ben).set_text(pair.line_id(3), "Ben's line")
    pair.answer(qtbot, "keepMine")
    pair.type_into(qtbot, 3, "Ana's line")
    qtbot.waitUntil(lambda: pair.stored(3).text == "Ana's line")
    assert pair.shown(3) == "Ana's line"
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: pair.stored(3).text == "Ben's line")  # Ana's own write undone
    assert pair.shown(3) == "Ben's line"


def test_edit_both_offers_both_texts_and_stores_the_merge(pair: Pair, qtbot: QtBot) -> None:
    EditStore(pair.ben).set_text(pair.line_id(5), "Ben says five")
    pair.answer(qtbot, "editBoth", merged="Ana and Ben say five")
    pair.type_into(qtbot, 5, "Ana says five")
    qtbot.waitUntil(lambda: pair.stored(5).text == "Ana and Ben say five")
    assert pair.seen[1] == ["Ben says five\nAna says five"]  # the editor held both
    assert pair.shown(5) == "Ana and Ben say five"


def test_undo_after_someone_elses_edit_gives_the_dialog_not_an_overwrite(
    pair: Pair, qtbot: QtBot
) -> None:
    pair.type_into(qtbot, 2, "Ana's correction")
    qtbot.waitUntil(lambda: pair.stored(2).text == "Ana's correction")
    pair.ben.load_transcript(pair.project)  # Ben sees it, then corrects it himself
    EditStore(pair.ben).set_text(pair.line_id(2), "Ben's correction")
    pair.answer(qtbot, "keepTheirs")
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: bool(pair.seen))
    # Theirs against what the undo would put back.
    assert "Ben's correction</s>" in pair.seen[0][0] and "Line number 2</u>" in pair.seen[0][0]
    assert pair.stored(2).text == "Ben's correction"
    qtbot.waitUntil(lambda: pair.shown(2) == "Ben's correction")
    # The undone step left the stack: a redo cannot write Ana's text over Ben's either.
    assert pair.window.undo_stack.count() == 0
    assert not pair.window.undo_stack.canRedo()
