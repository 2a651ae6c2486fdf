"""Reviewing from the keyboard in the real window: the keys a reviewer presses, checked in the
view, in the status bar and in the library file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window


def statuses(window: MainWindow) -> list[str]:
    assert window.project_id is not None
    return [line.status for line in window.library.load_transcript(window.project_id).lines]


def select(window: MainWindow, *rows: int) -> None:
    window.view.select_rows(list(rows))
    window.view.setFocus()


def test_a_f_u_mark_the_selected_lines(qtbot: QtBot, fake_window: MainWindow) -> None:
    select(fake_window, 2, 3, 4)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_A)
    assert statuses(fake_window)[1:6] == [
        "unreviewed",
        "approved",
        "approved",
        "approved",
        "unreviewed",
    ]
    assert fake_window.model.index(3, TranscriptModel.STATUS).data() == "\u2713"
    qtbot.waitUntil(lambda: fake_window.progress.label.text() == "3 of 60 lines reviewed (5%)")

    select(fake_window, 3)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F)
    assert statuses(fake_window)[3] == "flagged"
    assert fake_window.model.index(3, TranscriptModel.STATUS).data() == "\u2691"
    qtbot.keyClick(fake_window.view, Qt.Key.Key_U)
    assert statuses(fake_window)[3] == "unreviewed"
    qtbot.waitUntil(lambda: fake_window.progress.label.text() == "2 of 60 lines reviewed (3%)")


def test_approve_and_next_walks_down_the_transcript(qtbot: QtBot, fake_window: MainWindow) -> None:
    select(fake_window, 10)
    for _ in range(3):
        qtbot.keyClick(fake_window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert statuses(fake_window)[10:14] == ["approved", "approved", "approved", "unreviewed"]
    assert fake_window.view.currentIndex().row() == 13


def test_undo_and_redo_from_the_keyboard(qtbot: QtBot, fake_window: MainWindow) -> None:
    select(fake_window, 5)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F)
    assert statuses(fake_window)[5] == "flagged"
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert statuses(fake_window)[5] == "unreviewed"
    assert fake_window.model.line(5).status == "unreviewed"
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Z, redo)
    assert statuses(fake_window)[5] == "flagged"


def test_next_flagged_jumps_and_seeks(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    line_ids = [fake_window.model.line(r).id for r in (7, 42)]
    fake_window.session.set_status([i for i in line_ids if i is not None], "flagged")
    select(fake_window, 0)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.view.currentIndex().row() == 7
    assert player.seeks[-1] == 7000
    qtbot.keyClick(fake_window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.view.currentIndex().row() == 42
    assert fake_window.view.is_row_visible(42)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.view.currentIndex().row() == 7  # wraps to the top


def test_menus_show_the_keys(fake_window: MainWindow) -> None:
    shortcuts = {a.text(): a.shortcut().toString() for a in fake_window.menus.review_menu.actions()}
    assert shortcuts["&Approve"] == "A"
    assert shortcuts["&Flag (Needs a Fix)"] == "F"
    assert shortcuts["Mark &Unreviewed"] == "U"
    assert shortcuts["Approve and &Next Line"] == "Shift+A"
    assert shortcuts["Next &Flagged Line"] == "Ctrl+E"


def test_review_survives_a_restart(qtbot: QtBot, tmp_path: Path, srt_file: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    media = tmp_path / "m.mp4"
    media.write_bytes(b"x")
    library = Library.open(str(db))
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    select(window, 8, 9)
    qtbot.keyClick(window.view, Qt.Key.Key_F)
    assert statuses(window)[8:10] == ["flagged", "flagged"]
    line_id = window.model.line(8).id
    assert line_id is not None
    window.session.add_note(line_id, "Wrong name here")
    window.player.seek(8_200)
    window.close()
    library.close()

    again = Library.open(str(db))
    player = FakePlayer(duration=60_000)
    window2 = open_window(qtbot, again, player, srt_file, media)
    assert [window2.model.line(r).status for r in (7, 8, 9, 10)] == [
        "unreviewed",
        "flagged",
        "flagged",
        "unreviewed",
    ]
    assert [n.body for n in window2.model.line(8).notes] == ["Wrong name here"]
    assert window2.view.currentIndex().row() == 8
    assert player.seeks[-1] == 8_200
    qtbot.waitUntil(lambda: window2.progress.label.text() == "2 of 60 lines reviewed (3%)")
    window2.close()
    again.close()


def test_n_adds_a_note_to_the_selected_line(qtbot: QtBot, fake_window: MainWindow) -> None:
    select(fake_window, 6)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_N)
    editor = fake_window.focusWidget()
    assert editor is not None and fake_window.notes_panel.isAncestorOf(editor)
    qtbot.keyClicks(editor, "Speaker missing")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.project_id is not None
    stored = fake_window.library.load_transcript(fake_window.project_id).lines[6].notes
    assert [n.body for n in stored] == ["Speaker missing"]
    assert fake_window.model.index(6, TranscriptModel.NOTES).data() == "\u270e1"


def test_all_notes_jumps_to_the_line_and_seeks(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    line_id = fake_window.model.line(31).id
    assert line_id is not None
    fake_window.session.add_note(line_id, "Check the figure")
    fake_window.panels["allNotesDock"].show()
    fake_window.all_notes.noteActivated.emit(line_id)
    assert fake_window.view.currentIndex().row() == 31
    assert player.seeks[-1] == 31_000


def test_search_filters_and_a_click_still_seeks_its_line(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = fake_window.focusWidget()
    assert search is not None and fake_window.search_bar.isAncestorOf(search)
    qtbot.keyClicks(search, "NUMBER 4")  # case-insensitive: lines 4 and 40-49
    assert fake_window.view.model().rowCount() == 11
    assert not fake_window.view.is_row_visible(5)
    rect = fake_window.view.row_rect(43)
    qtbot.mouseClick(fake_window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert player.seeks[-1] == 43_000
    assert fake_window.model.current_row == 43


def test_next_flagged_stays_within_the_search(qtbot: QtBot, fake_window: MainWindow) -> None:
    ids = [fake_window.model.line(r).id for r in (3, 45)]
    fake_window.session.set_status([i for i in ids if i is not None], "flagged")
    fake_window.search_bar.search.setText("number 4")
    select(fake_window, 40)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.view.current_source_row() == 45
    qtbot.keyClick(fake_window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.view.current_source_row() == 45  # line 3 is not in the results


def test_file_export_is_in_the_menu_with_its_key(fake_window: MainWindow) -> None:
    assert fake_window.menus.export.shortcut().toString() == "Ctrl+Shift+E"
    file_menu = fake_window.menuBar().actions()[0].menu()
    assert fake_window.menus.export in file_menu.actions()


def selected(window: MainWindow) -> list[int]:
    return window.view.selected_rows()


def test_shift_a_moves_the_selection_instead_of_extending_it(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    select(fake_window, 10)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert selected(fake_window) == [11]
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F)
    assert statuses(fake_window)[10:12] == ["approved", "flagged"]


def test_next_note_selects_only_the_noted_line(qtbot: QtBot, fake_window: MainWindow) -> None:
    line_id = fake_window.model.line(30).id
    assert line_id is not None
    fake_window.session.add_note(line_id, "check this")
    select(fake_window, 40)  # after it: the jump wraps round to the top
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(fake_window.view, Qt.Key.Key_N, keys)
    assert selected(fake_window) == [30]
    assert fake_window.line_panel.line_id == line_id


def test_one_cursor_after_ctrl_r_ctrl_e_and_ctrl_down(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    ids = [fake_window.model.line(r).id for r in range(5)]
    fake_window.session.set_status([i for i in ids if i is not None], "approved")
    flagged = fake_window.model.line(20).id
    assert flagged is not None
    fake_window.session.set_status([flagged], "flagged")
    select(fake_window, 0)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(fake_window.view, Qt.Key.Key_R, ctrl)  # next unreviewed: row 5
    assert selected(fake_window) == [5]
    assert fake_window.line_panel.line_id == fake_window.model.line(5).id
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F)
    assert statuses(fake_window)[4:7] == ["approved", "flagged", "unreviewed"]
    qtbot.keyClick(fake_window.view, Qt.Key.Key_E, ctrl)  # next flagged after 5: row 20
    assert selected(fake_window) == [20]
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Down, ctrl)  # next line: 21, playhead there
    assert selected(fake_window) == [21]
    assert fake_window.player.time() == 21_000
    assert fake_window.line_panel.line_id == fake_window.model.line(21).id
    qtbot.keyClick(fake_window.view, Qt.Key.Key_A)
    assert statuses(fake_window)[20:23] == ["flagged", "approved", "unreviewed"]


def test_focus_starts_in_the_transcript_when_a_project_opens(
    qtbot: QtBot, library: Library, srt_file: Path
) -> None:
    """As on a start with files: nobody puts the focus anywhere before the project shows."""
    window = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    opened = open_pair(library, srt_file)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    qtbot.waitUntil(lambda: window.view.hasFocus(), timeout=1000)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_A)
    assert window.search_bar.search.text() == ""
    assert window.proxy.rowCount() == 60
    assert statuses(window)[window.view.current_source_row() or 0] == "approved"


def test_export_is_not_offered_without_a_project(qtbot: QtBot, library: Library) -> None:
    window = MainWindow(library, FakePlayer())
    qtbot.addWidget(window)
    assert not window.menus.export.isEnabled()


def test_export_is_offered_once_a_project_opens(fake_window: MainWindow) -> None:
    assert fake_window.menus.export.isEnabled()
    fake_window.show_start_screen()
    assert not fake_window.menus.export.isEnabled()


def test_enter_and_shift_enter_in_the_search_walk_the_hits(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = fake_window.search_bar.search
    qtbot.keyClicks(search, "number 4")  # lines 4 and 40-49
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert selected(fake_window) == [4]
    assert player.seeks[-1] == 4000
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert selected(fake_window) == [40]
    assert search.hasFocus()  # Enter again goes on
    qtbot.keyClick(search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selected(fake_window) == [4]
    qtbot.keyClick(search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selected(fake_window) == [49]  # wraps round to the last hit
    assert fake_window.view.is_row_visible(49)


def test_down_in_the_search_enters_the_list(qtbot: QtBot, fake_window: MainWindow) -> None:
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = fake_window.search_bar.search
    qtbot.keyClicks(search, "number 4")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert fake_window.view.hasFocus()
    assert selected(fake_window) == [4]
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F)  # the review keys work at once
    assert statuses(fake_window)[4] == "flagged"
