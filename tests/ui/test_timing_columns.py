"""Timing at a glance (issue 18): End, Duration and CPS columns the user turns on from View >
Columns or the table header's context menu, kept between sessions, and times to the millisecond
as a preference (the Start column and the transport's clock)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QMenu,
    QTabWidget,
)
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript
from app.player.base import PlayerState
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.preferences.preferences import PreferencesDialog
from app.ui.transcript.timing_cells import warning_colour
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window

FIFTY = "Fifty characters of text, shown for two and a half"  # 50 characters
assert len(FIFTY) == 50
FAST = "Thirty characters, in a second"  # 30 characters in 1 s: over the limit of 20
assert len(FAST) == 30


LONG = " ".join(["A long last line that needs more than the two rows of text a row shows."] * 3)


def _lines() -> list[Line]:
    lines = [Line(start_ms=1_000, end_ms=3_500, text=FIFTY), Line(4_000, 5_000, FAST)]
    lines += [Line(6_000 + i * 2_000, 7_500 + i * 2_000, f"Calm line {i}") for i in range(40)]
    return [*lines, Line(86_000, 89_500, LONG)]


def _window(qtbot: QtBot, library: Library, tmp_path: Path) -> MainWindow:
    srt = tmp_path / "timing.srt"
    if not srt.exists():
        write_path(Transcript(lines=_lines(), title="Timing"), srt, "srt")
        (tmp_path / "timing.mp4").write_bytes(b"not played by the fake player")
    window = open_window(qtbot, library, FakePlayer(duration=90_000), srt, tmp_path / "timing.mp4")
    window.resize(1280, 720)
    return window


def _open_menu(qtbot: QtBot, window: MainWindow, title: str) -> QMenu:
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    return menu


def _click(qtbot: QtBot, menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    if action.menu() is not None:
        qtbot.waitUntil(action.menu().isVisible)
    else:  # chosen; a ticked column may leave its menu open: Esc closes what is left
        while (popup := QApplication.activePopupWidget()) is not None:
            QTest.keyClick(popup, Qt.Key.Key_Escape)


def _columns_menu(qtbot: QtBot, window: MainWindow) -> QMenu:
    view_menu = _open_menu(qtbot, window, "View")
    _click(qtbot, view_menu, "Columns")
    return window.view.columns.menu


def _cell(window: MainWindow, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    """What the view shows in the cell of source ``row`` (through the filter, as painted)."""
    view = window.view
    shown = view.proxy.proxy_row(row)
    assert shown is not None
    return view.proxy.index(shown, column).data(role)


def _is_shown(window: MainWindow, column: int) -> bool:
    view = window.view
    return not view.isColumnHidden(column) and view.columnWidth(column) > 0


def test_view_columns_cps_shows_the_reading_speed(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    window = _window(qtbot, library, tmp_path)
    for column in (TranscriptModel.END, TranscriptModel.DURATION, TranscriptModel.CPS):
        assert not _is_shown(window, column)  # off until asked for
    _click(qtbot, _columns_menu(qtbot, window), "CPS (Characters per Second)")
    assert _is_shown(window, TranscriptModel.CPS)
    assert window.model.headerData(TranscriptModel.CPS, Qt.Orientation.Horizontal) == "CPS"
    assert _cell(window, 0, TranscriptModel.CPS) == "20.0"  # 50 characters in 2.5 s
    assert _cell(window, 0, TranscriptModel.CPS, Qt.ItemDataRole.ForegroundRole) is None
    # 30 characters in one second: over the checks' limit of 20, in red, and the tip says so.
    assert _cell(window, 1, TranscriptModel.CPS) == "30.0"
    colour = _cell(window, 1, TranscriptModel.CPS, Qt.ItemDataRole.ForegroundRole)
    assert colour == warning_colour()
    assert "limit of 20" in _cell(window, 1, TranscriptModel.CPS, Qt.ItemDataRole.ToolTipRole)
    # Its cell is drawn between Start and Speaker/Text, wide enough for "CPS" and "30.0".
    view = window.view
    cps = view.columnViewportPosition(TranscriptModel.CPS)
    assert view.columnViewportPosition(TranscriptModel.TIME) < cps
    assert cps < view.columnViewportPosition(TranscriptModel.TEXT)
    header = view.horizontalHeader()
    assert view.columnWidth(TranscriptModel.CPS) > header.fontMetrics().horizontalAdvance("CPS")

    _click(qtbot, _columns_menu(qtbot, window), "Duration")
    assert _is_shown(window, TranscriptModel.DURATION)
    assert _cell(window, 0, TranscriptModel.DURATION) == "2.5"
    _click(qtbot, _columns_menu(qtbot, window), "CPS (Characters per Second)")
    assert not _is_shown(window, TranscriptModel.CPS)  # unticked: gone again


def test_the_header_context_menu_toggles_the_end_column(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    window = _window(qtbot, library, tmp_path)
    header = window.view.horizontalHeader()
    menu = window.view.columns.menu
    # A right click on the header, as the window system hands it to Qt: a context-menu event.
    where = QPoint(header.sectionViewportPosition(TranscriptModel.TEXT) + 20, header.height() // 2)
    target = header.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, target.mapToGlobal(where))
    QApplication.sendEvent(target, event)
    qtbot.waitUntil(menu.isVisible)
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "End Time",
        "Duration",
        "CPS (Characters per Second)",
    ]
    _click(qtbot, menu, "End Time")
    qtbot.waitUntil(lambda: _is_shown(window, TranscriptModel.END))
    assert _cell(window, 0, TranscriptModel.END) == "00:03"


def test_the_chosen_columns_are_there_in_a_new_window(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    first = _window(qtbot, library, tmp_path)
    _click(qtbot, _columns_menu(qtbot, first), "End Time")
    _click(qtbot, _columns_menu(qtbot, first), "CPS (Characters per Second)")
    first.close()
    second = _window(qtbot, library, tmp_path)
    assert _is_shown(second, TranscriptModel.END)
    assert _is_shown(second, TranscriptModel.CPS)
    assert not _is_shown(second, TranscriptModel.DURATION)
    assert second.view.columns.actions["cps"].isChecked()  # the menu shows it ticked
    assert _cell(second, 0, TranscriptModel.CPS) == "20.0"


def _set_in_preferences(qtbot: QtBot, window: MainWindow, change) -> None:
    """Edit > Preferences…, ``change(dialog)`` as the user would, then OK."""
    done: list[bool] = []

    def in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, in_dialog)
            return
        change(dialog)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
        done.append(True)

    QTimer.singleShot(0, in_dialog)
    _click(qtbot, _open_menu(qtbot, window, "Edit"), "Preferences…")
    qtbot.waitUntil(lambda: bool(done))


def _tick_millis(dialog: PreferencesDialog) -> None:
    dialog.findChild(QTabWidget).setCurrentWidget(dialog.appearance)
    box = dialog.appearance.findChild(QCheckBox, "timesInMs")
    ticked = box.isChecked()
    indicator = QPoint(8, box.height() // 2)  # the box itself, not the row's empty end
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator)
    assert box.isChecked() != ticked


def test_times_to_the_millisecond_from_preferences(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    window = _window(qtbot, library, tmp_path)
    _click(qtbot, _columns_menu(qtbot, window), "End Time")
    _click(qtbot, _columns_menu(qtbot, window), "Duration")
    assert _cell(window, 0, TranscriptModel.TIME) == "00:01"
    assert window.transport.time_label.text() == "00:00 / 01:30"
    start_width = window.view.columnWidth(TranscriptModel.TIME)

    _set_in_preferences(qtbot, window, _tick_millis)
    assert _cell(window, 0, TranscriptModel.TIME) == "00:01.000"
    assert _cell(window, 0, TranscriptModel.END) == "00:03.500"
    assert _cell(window, 0, TranscriptModel.DURATION) == "2.500"
    # The column grew for the longer times: the whole stamp fits, no "…".
    metrics = window.view.fontMetrics()
    assert window.view.columnWidth(TranscriptModel.TIME) > start_width
    assert window.view.columnWidth(TranscriptModel.TIME) > metrics.horizontalAdvance("00:03.500")
    # The clock reads the same way, playing or paused.
    player = window.player
    assert isinstance(player, FakePlayer)
    player.seek(7_480)
    window.follow.tick()
    assert window.transport.time_label.text() == "00:07.480 / 01:30"
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert player.state() == PlayerState.PLAYING
    player.advance(120)
    window.follow.tick()
    assert window.transport.time_label.text() == "00:07.600 / 01:30"

    # Kept: a new window starts with it; unticked, the times go back to whole seconds.
    window.close()
    again = _window(qtbot, library, tmp_path)
    assert _cell(again, 1, TranscriptModel.TIME) == "00:04.000"
    _set_in_preferences(qtbot, again, _tick_millis)
    assert _cell(again, 1, TranscriptModel.TIME) == "00:04"
    assert _cell(again, 1, TranscriptModel.DURATION) == "1.0"


def test_a_lower_reading_limit_turns_the_cps_red(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    window = _window(qtbot, library, tmp_path)
    _click(qtbot, _columns_menu(qtbot, window), "CPS (Characters per Second)")
    assert _cell(window, 0, TranscriptModel.CPS, Qt.ItemDataRole.ForegroundRole) is None

    def limit_15(dialog: PreferencesDialog) -> None:
        tabs = dialog.findChild(QTabWidget)
        tabs.setCurrentIndex(next(i for i in range(tabs.count()) if "Editing" in tabs.tabText(i)))
        spin = dialog.findChild(QDoubleSpinBox, "prefsMaxCps")
        QTest.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
        spin.selectAll()
        QTest.keyClicks(spin, "15")

    _set_in_preferences(qtbot, window, limit_15)
    assert _cell(window, 0, TranscriptModel.CPS, Qt.ItemDataRole.ForegroundRole) == warning_colour()
    tip = _cell(window, 0, TranscriptModel.CPS, Qt.ItemDataRole.ToolTipRole)
    assert "20.0 characters per second, over the limit of 15" in tip


def test_filter_follow_and_the_current_line_with_the_columns_on(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    window = _window(qtbot, library, tmp_path)
    _click(qtbot, _columns_menu(qtbot, window), "CPS (Characters per Second)")
    _click(qtbot, _columns_menu(qtbot, window), "End Time")
    # Filtered to one line: its own End and CPS show on the one row left.
    window.search_bar.search.setFocus()
    QTest.keyClicks(window.search_bar.search, "Calm line 7")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    row = window.proxy.source_row(0)
    line = window.model.line(row)
    assert line.text == "Calm line 7"
    shown = window.proxy.index(0, TranscriptModel.CPS).data()
    assert shown == f"{len(line.text) * 1000 / line.duration_ms:.1f}" == "7.3"
    assert window.proxy.index(0, TranscriptModel.END).data() == "00:21"
    window.search_bar.search.selectAll()
    QTest.keyClick(window.search_bar.search, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == len(_lines()))
    # Following playback: the playing line is bold and tinted in the new columns too.
    player = window.player
    assert isinstance(player, FakePlayer)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert player.state() == PlayerState.PLAYING
    player.seek(70_500)  # a line far below the first screenful
    qtbot.waitUntil(lambda: window.model.current_row is not None)
    playing = window.model.current_row
    assert playing is not None and window.model.line(playing).start_ms == 70_000
    font = _cell(window, playing, TranscriptModel.CPS, Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    assert _cell(window, playing, TranscriptModel.CPS, Qt.ItemDataRole.BackgroundRole) is not None
    assert window.view.is_row_visible(playing)


def test_the_current_line_shows_whole_beside_the_columns(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    """With every column on, the text column is narrow: the current line's row grows to show
    its text whole, also when it became current before the window was laid out (start-up)."""
    first = _window(qtbot, library, tmp_path)
    for name in ("End Time", "Duration", "CPS (Characters per Second)"):
        _click(qtbot, _columns_menu(qtbot, first), name)
    first.close()
    window = MainWindow(library, FakePlayer(duration=90_000))
    qtbot.addWidget(window)
    opened = open_pair(library, tmp_path / "timing.srt", tmp_path / "timing.mp4")
    window.show_project(opened.project_id, opened.transcript, opened.report)
    view = window.view
    last = len(_lines()) - 1
    view.go_to_row(last)  # as the place kept from last time is, before the first paint
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    delegate = view.itemDelegateForColumn(TranscriptModel.TEXT)
    needed = delegate.text_height(view, view.proxy.index(last, TranscriptModel.TEXT))
    assert needed > view.verticalHeader().defaultSectionSize()  # more than two rows of text
    assert needed < view.viewport().height()
    qtbot.waitUntil(lambda: view.rowHeight(last) >= needed)
