"""Each reviewer's own mark in the window (issue 15, item 3): Ana reviews in the window, Ben
reviewed the same SQLite library earlier through his own Library. The status cell's tooltip
and the Line panel say the team's state with Ana's own mark as "you", the Review menu sets
the done rule and the progress follows it; with one reviewer nothing looks different."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.review.review_session import AUTHOR_KEY
from app.ui.transcript.line_texts import line_tooltip
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window


def _tip(window: MainWindow, row: int) -> str:
    return str(window.model.index(row, TranscriptModel.STATUS).data(Qt.ItemDataRole.ToolTipRole))


def _glyph(window: MainWindow, row: int) -> str:
    return str(window.model.index(row, TranscriptModel.STATUS).data())


def _colour(window: MainWindow, row: int) -> QColor:
    return window.model.index(row, TranscriptModel.STATUS).data(Qt.ItemDataRole.ForegroundRole)


def _press(qtbot: QtBot, window: MainWindow, row: int, key: Qt.Key) -> None:
    window.view.select_rows([row])
    window.view.setFocus()
    qtbot.keyClick(window.view, key)


def _window_as_ana(qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path) -> MainWindow:
    """The window on the SRT (with a stand-in media file), its reviewer named Ana."""
    QSettings().setValue(AUTHOR_KEY, "Ana")
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"x")
    return open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)


def _click_menu_path(qtbot: QtBot, window: MainWindow, *texts: str) -> None:
    """Open a menu of the menu bar with the mouse, then walk to the entry by its visible texts
    with the keys (Return opens a submenu, Return on the entry chooses it), as a user does."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == texts[0])
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    assert isinstance(menu, QMenu)
    for text in texts[1:]:
        qtbot.waitUntil(menu.isVisible)
        action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)
        sub = action.menu()
        if isinstance(sub, QMenu):
            menu = sub
        else:
            qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)  # menus closed


def test_the_team_state_shows_with_my_own_mark_and_the_done_rule_moves_the_progress(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    QSettings().setValue(AUTHOR_KEY, "Ana")
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"not played by the fake player")
    project = open_pair(library, srt_file, media).project_id
    ids = [line.id for line in library.load_transcript(project).lines if line.id is not None]
    with Library.open(str(library.path), actor="Ben") as ben:  # Ben reviewed earlier
        ReviewStore(ben).set_status([ids[3]], "flagged")
        ReviewStore(ben).set_status([ids[4], ids[5]], "approved")
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    qtbot.waitUntil(lambda: window.progress.label.text() == "3 of 60 lines reviewed (5%)")
    assert _tip(window, 3).startswith("flagged by 1 (Ben)\n")

    _press(qtbot, window, 3, Qt.Key.Key_A)  # Ana approves what Ben flagged: his flag holds
    assert _glyph(window, 3) == "\u2691"
    assert _tip(window, 3).startswith("approved by 1 (you) \u00b7 flagged by 1 (Ben)\n")
    assert "approved by 1 (you) \u00b7 flagged by 1 (Ben)" in window.line_panel.header.text()
    _press(qtbot, window, 4, Qt.Key.Key_A)
    assert _tip(window, 4).startswith("approved by 2 (you, Ben)\n")
    assert "approved by 2 (you, Ben)" in window.line_panel.header.text()
    # A line only Ana marked, under the rule "any": the window as it was before reviewers.
    _press(qtbot, window, 8, Qt.Key.Key_A)
    assert _glyph(window, 8) == "\u2713"
    assert _tip(window, 8) == line_tooltip(window.model.line(8))
    assert window.line_panel.header.text() == "0:00:08.000 \u2192 0:00:09.000"
    qtbot.waitUntil(lambda: window.progress.label.text() == "4 of 60 lines reviewed (7%)")

    _click_menu_path(qtbot, window, "Review", "When Is a Line Done", "Two Reviewers Approve")
    qtbot.waitUntil(lambda: window.progress.label.text() == "2 of 60 lines reviewed (3%)")
    # One approval each: not done, a faint check (the palette's placeholder colour) says so.
    assert _glyph(window, 5) == "\u2713" and _glyph(window, 8) == "\u2713"
    faint = window.palette().color(QPalette.ColorRole.PlaceholderText)
    assert _colour(window, 8) == faint and _colour(window, 4) != faint
    assert _tip(window, 5).startswith("1 of 2 approvals (Ben)\n")
    assert _tip(window, 8).startswith("1 of 2 approvals (you)\n")
    assert _glyph(window, 4) == "\u2713"
    with Library.open(str(library.path)) as other:  # the library's rule, for everyone
        assert ReviewStore(other).done_rule() == "two"
        assert other.load_transcript(project).lines[5].status == "unreviewed"

    # Undo takes Ana's own approval of line 4 back; Ben's stays.
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _glyph(window, 8) == "")  # Ana's approval of line 8 undone
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _colour(window, 4) == faint and _tip(window, 4).startswith("1 of 2 approvals (Ben)\n")
    qtbot.waitUntil(lambda: window.progress.label.text() == "1 of 60 lines reviewed (2%)")
    _press(qtbot, window, 5, Qt.Key.Key_A)  # Ana's approval makes Ben's line 5 done
    assert _glyph(window, 5) == "\u2713" and _colour(window, 5) != faint
    _press(qtbot, window, 20, Qt.Key.Key_U)  # nobody's mark: nothing to take back, no step
    assert _glyph(window, 20) == "" and window.undo_stack.undoText() == "Approve line"
    qtbot.waitUntil(lambda: window.progress.label.text() == "2 of 60 lines reviewed (3%)")


def test_a_read_only_library_refuses_the_rule_in_words_and_keeps_it_ticked(
    qtbot: QtBot, tmp_path: Path, srt_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    db, media = tmp_path / "lib.sqlite3", tmp_path / "m.mp4"
    media.write_bytes(b"x")
    with Library.open(str(db)) as writable:
        project = open_pair(writable, srt_file, media).project_id
        first = writable.load_transcript(project).lines[0].id
        assert first is not None
        ReviewStore(writable).set_status([first], "approved", reviewer="Ben")
    library = Library.open(str(db), read_only=True)
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    _click_menu_path(qtbot, window, "Review", "When Is a Line Done", "Two Reviewers Approve")
    qtbot.waitUntil(lambda: bool(shown))
    assert "read-only" in shown[0] and "Traceback" not in shown[0]
    assert window.menus.review.done_rule.actions_by_rule["any"].isChecked()
    assert _glyph(window, 0) == "\u2713"  # Ben's approval is still done under "any"
    window.close()
    library.close()


def test_a_rule_changed_by_another_reviewer_shows_when_the_menu_opens(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    window = _window_as_ana(qtbot, library, srt_file, tmp_path)
    _press(qtbot, window, 2, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: window.progress.label.text() == "1 of 60 lines reviewed (2%)")
    with Library.open(str(library.path), actor="Ben") as ben:
        ReviewStore(ben).set_done_rule("two")
    _click_menu_path(qtbot, window, "Review", "When Is a Line Done")
    menu = window.menus.review.done_rule
    qtbot.waitUntil(menu.isVisible)
    assert menu.actions_by_rule["two"].isChecked()
    qtbot.waitUntil(lambda: window.progress.label.text() == "0 of 60 lines reviewed (0%)")
    assert _tip(window, 2).startswith("1 of 2 approvals (you)\n")
    menu.close()


def test_a_merged_line_keeps_its_state_and_a_is_compared_with_my_mark_there(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    window = _window_as_ana(qtbot, library, srt_file, tmp_path)
    _press(qtbot, window, 10, Qt.Key.Key_A)
    _press(qtbot, window, 11, Qt.Key.Key_F)
    window.view.select_rows([10])
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_J,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.model.line(10).text == "Line number 10 Line number 11"
    assert _glyph(window, 10) == "\u2691" and window.undo_stack.undoText() == "Merge lines"
    _press(qtbot, window, 10, Qt.Key.Key_F)  # flagged already, as the user sees it: no step
    assert window.undo_stack.undoText() == "Merge lines"
    _press(qtbot, window, 10, Qt.Key.Key_A)  # the merged line's mark, not line 10's old one
    assert _glyph(window, 10) == "\u2713"
    assert window.library.load_transcript(window.project_id or 0).lines[10].status == "approved"
