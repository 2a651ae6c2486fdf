"""Copy as Quote and the Quotes panel in the window (issue 17, 1): words chosen in the Line panel
or whole lines, the source and a link with them, the warning until the lines are approved, the
list redone as the transcript changes, a click going to the line, the sheet exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.quotes.quotes_panel import QuotesModel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _select_line(window: MainWindow, row: int) -> None:
    view = window.view
    view.show_row(row)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.row_rect(row).center())
    assert view.current_source_row() == row


def _quotes_panel_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.panels["quotesDock"].show()
    qtbot.waitUntil(window.quoting.panel.isVisible)


def test_words_chosen_in_the_line_panel_are_quoted_with_their_source(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    _select_line(window, 4)  # "Line number 4", 4.0–5.0 s
    text = window.line_panel.text
    text.setFocus()
    cursor = text.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    text.setTextCursor(cursor)
    QTest.keyClick(text, Qt.Key.Key_Right, CTRL_SHIFT)  # "Line "
    QTest.keyClick(text, Qt.Key.Key_Right, CTRL_SHIFT)  # "Line number "
    QTest.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)

    copied = QApplication.clipboard().mimeData()
    lines = copied.text().splitlines()
    assert lines[0] == "\u201cLine number\u201d", "only the words chosen, in typographic quotes"
    assert "00:04" in lines[1], "when it was said"
    assert any("numbers.mp4" in row and "#t=4" in row for row in lines), "a link to the moment"
    assert "line 5 is unreviewed" in copied.text()
    assert "warning" in window.statusBar().currentMessage()


def test_the_quotes_list_follows_the_transcript_and_goes_to_the_line(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    _select_line(window, 7)
    QTest.keyClick(window.view, Qt.Key.Key_C, CTRL_SHIFT)
    _quotes_panel_shown(qtbot, window)
    table, model = window.quoting.panel.table, window.quoting.panel.model
    assert model.rowCount() == 1
    state = model.index(0, QuotesModel.STATE)
    assert state.data() == "\u26a0", "unreviewed: check before quoting"

    _select_line(window, 7)
    QTest.keyClick(window.view, Qt.Key.Key_A)  # approve the quoted line
    qtbot.waitUntil(lambda: model.index(0, QuotesModel.STATE).data() == "\u2713")
    assert "Check before quoting" not in model.index(0, QuotesModel.QUOTE).data(
        Qt.ItemDataRole.ToolTipRole
    )

    assert window.editing.session.edit_text(7, "Line number seven")
    qtbot.waitUntil(lambda: "seven" in model.index(0, QuotesModel.QUOTE).data())

    _select_line(window, 30)
    row_rect = table.visualRect(model.index(0, QuotesModel.QUOTE))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
    assert window.view.current_source_row() == 7, "a click on the quote goes to its line"


def test_the_quote_sheet_is_exported(qtbot: QtBot, fake_window: MainWindow, tmp_path: Path) -> None:
    window = fake_window
    panel = window.quoting.panel
    _quotes_panel_shown(qtbot, window)
    assert not panel.export_button.isEnabled(), "nothing to export before a quote"
    _select_line(window, 2)
    QTest.keyClick(window.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert panel.export_button.isEnabled()
    sheet = tmp_path / "sheet.html"
    assert panel.export_sheet(str(sheet))
    html = sheet.read_text(encoding="utf-8")
    assert "Line number 2" in html and "numbers" in html


def test_the_quotes_list_is_kept_in_the_library(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"not played by the fake player")
    first = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    _select_line(first, 2)
    QTest.keyClick(first.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert "line 3 is unreviewed" in first.statusBar().currentMessage()
    line_id = first.model.line(2).id
    assert line_id is not None
    first.close()
    ReviewStore(library).set_status([line_id], "approved")  # checked since, elsewhere

    with Library.open(library.url) as again:  # the app started again on the same library
        second = open_window(qtbot, again, FakePlayer(duration=60_000), srt_file, media)
        panel = second.quoting.panel
        _quotes_panel_shown(qtbot, second)
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
        state = panel.model.index(0, QuotesModel.STATE)
        qtbot.waitUntil(lambda: state.data(Qt.ItemDataRole.AccessibleTextRole) == "Approved")
        assert panel.model.index(0, QuotesModel.QUOTE).data() == "\u201cLine number 2\u201d"
        panel.table.selectRow(0)
        panel.remove_button.click()
        assert panel.model.rowCount() == 0
        second.close()
    with Library.open(library.url) as third_library:
        third = open_window(qtbot, third_library, FakePlayer(duration=60_000), srt_file, media)
        assert third.quoting.panel.model.rowCount() == 0, "a removed quote stays removed"
        third.close()


def test_a_quote_on_a_read_only_library_says_it_is_not_kept(
    qtbot: QtBot, library: Library, srt_file: Path
) -> None:
    open_pair(library, srt_file, None)  # the project exists, then the library is only read
    with Library.open(library.url, read_only=True) as browsing:
        window = open_window(qtbot, browsing, FakePlayer(duration=60_000), srt_file, None)
        _select_line(window, 1)
        QTest.keyClick(window.view, Qt.Key.Key_C, CTRL_SHIFT)
        said = window.statusBar().currentMessage()
        assert said.startswith("Quote copied, but not kept in the library"), said
        assert QApplication.clipboard().text().startswith("\u201cLine number 1\u201d")
        assert window.quoting.panel.model.rowCount() == 1, "listed for this session"
        window.close()
