"""Presence between two reviewers (SQLite, actors given at open; PostgreSQL, two logins): Ben's
lease marks the rows it covers in Ana's window, with "ben is editing 00:12-00:15" on hover, and
once it runs out the marks go; Ana's own inline edit holds a lease Ben sees, gone when she is
done or closes the window."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip
from pytestqt.qtbot import QtBot

from app.store.presence import Presence
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.team_pair import Pair, pair

__all__ = ["pair"]  # the fixture, for pytest


def _hint(pair: Pair, row: int, role: Qt.ItemDataRole = Qt.ItemDataRole.ToolTipRole) -> object:
    model = pair.window.model
    return model.data(model.index(row, TranscriptModel.TIME), role)


def _hover_tooltip(pair: Pair, qtbot: QtBot, row: int) -> str:
    view = pair.window.view
    view.show_row(row)
    pos: QPoint = view.row_rect(row, TranscriptModel.TIME).center()
    viewport = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    return QToolTip.text()


def test_anothers_lease_marks_their_rows_until_it_runs_out(pair: Pair, qtbot: QtBot) -> None:
    ben = Presence(pair.ben)
    ben.hold(pair.project, 12_000, 15_000, seconds=3)
    marker = Qt.ItemDataRole.DecorationRole
    qtbot.waitUntil(lambda: _hint(pair, 13, marker) is not None, timeout=6000)
    expected = f"{pair.ben.actor} is editing 00:12\u201300:15"
    assert [_hint(pair, row) for row in (12, 13, 14)] == [expected] * 3
    assert isinstance(_hint(pair, 13, marker), QColor)  # the marker
    assert _hint(pair, 11) != expected and _hint(pair, 15) != expected  # only their rows
    assert _hover_tooltip(pair, qtbot, 13) == expected
    # Ana edits a marked line all the same: a hint, never a lock.
    pair.type_into(qtbot, 13, "Line thirteen")
    qtbot.waitUntil(lambda: pair.stored(13).text == "Line thirteen")
    # Not renewed: the lease runs out and the marks go.
    qtbot.waitUntil(lambda: _hint(pair, 13, marker) is None, timeout=8000)
    assert _hint(pair, 13) != expected


def test_an_inline_edit_holds_a_lease_the_other_sees_until_it_ends(
    pair: Pair, qtbot: QtBot
) -> None:
    ben = Presence(pair.ben)
    view = pair.window.view
    view.go_to_row(20)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(ben.others(pair.project)))
    (lease,) = ben.others(pair.project)
    assert (lease.actor, lease.first_ms, lease.last_ms) == (
        pair.window.library.actor,
        20_000,
        21_000,
    )
    editor = pair._editor()
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # done (nothing typed): the lease goes at once
    qtbot.waitUntil(lambda: ben.others(pair.project) == [])
    qtbot.keyClick(view, Qt.Key.Key_F2)  # editing again, then the window closes
    qtbot.waitUntil(lambda: bool(ben.others(pair.project)))
    pair.window.close()
    qtbot.waitUntil(lambda: ben.others(pair.project) == [])


def test_presence_that_cannot_be_read_or_written_shows_nothing_and_blocks_nothing(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    database = str(window.library.engine.url.database)
    with sqlite3.connect(database) as conn:  # a library whose presence cannot be kept
        conn.execute("DROP TABLE presence")
    lease = window.editing.lease
    assert lease.others() == []  # read failed: nothing marked, quiet for a while
    view = window.view
    view.go_to_row(4)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the lease cannot be written: the edit goes on
    editor = view.findChild(QPlainTextEdit, "inlineTextEditor")
    qtbot.waitUntil(lambda: editor is not None or view.findChild(QPlainTextEdit) is not None)
    editor = view.findChild(QPlainTextEdit, "inlineTextEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Line four")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.line(4).text == "Line four")
    qtbot.wait(2500)  # a refresh tick passes without a fault
    model = window.model
    assert model.data(model.index(4, TranscriptModel.TIME), Qt.ItemDataRole.DecorationRole) is None


def test_the_times_dialog_holds_a_lease_while_it_is_open(pair: Pair, qtbot: QtBot) -> None:
    ben = Presence(pair.ben)
    seen: list[list[tuple[int, int]]] = []

    def while_open() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "timesDialog":
            QTimer.singleShot(50, while_open)
            return
        seen.append([(x.first_ms, x.last_ms) for x in ben.others(pair.project)])
        dialog.reject()

    QTimer.singleShot(50, while_open)
    window = pair.window
    window.view.go_to_row(30)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [[(30_000, 31_000)]]
    assert ben.others(pair.project) == []  # cancelled: gone at once
