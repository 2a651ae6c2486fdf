"""Find and filter as a reviewer uses it: typing in the search bar narrows the transcript table,
the review filters combine, Esc clears, and a click in the filtered table still finds its line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.core.search import LineFilter
from app.core.transcript import Highlight, Line, Note
from app.ui.transcript.filter_model import FilterProxy
from app.ui.transcript.search_bar import SearchBar
from app.ui.transcript.transcript_model import StartMsRole, TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

N = 200
TEXT = TranscriptModel.TEXT


def make_lines(n: int = N) -> list[Line]:
    lines = []
    for i in range(n):
        text = f"Zélenskyy spoke to the press ({i})" if i % 10 == 0 else f"Line number {i}"
        lines.append(
            Line(
                start_ms=i * 1000,
                end_ms=i * 1000 + 900,
                text=text,
                id=i + 1,
                speaker=("Anna", "Ben")[i % 2],
                status="flagged" if i % 4 == 0 else "unreviewed",
                notes=[Note(body="check")] if i % 5 == 0 else [],
                highlights=[Highlight(0, 4, "Quote")] if i % 20 == 0 else [],
            )
        )
    return lines


@pytest.fixture
def model() -> TranscriptModel:
    model = TranscriptModel()
    model.set_lines(make_lines())
    return model


@pytest.fixture
def proxy(model: TranscriptModel) -> FilterProxy:
    return FilterProxy(model)


@pytest.fixture
def bar(qtbot: QtBot, proxy: FilterProxy) -> SearchBar:
    bar = SearchBar()
    qtbot.addWidget(bar)
    bar.set_speakers(["Anna", "Ben"])
    bar.set_tags(["Quote", "Error"])
    bar.filterChanged.connect(proxy.set_filter)  # as the window wires them
    proxy.countChanged.connect(bar.set_count)
    bar.set_count(proxy.visible_count(), N)
    return bar


def shown(proxy: FilterProxy) -> list[int]:
    """Source rows the proxy shows, read through the Qt model interface."""
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a user, accented letters included (QTest only knows ASCII keys)."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def choose(combo: object, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))  # type: ignore[attr-defined]


def test_typing_filters_case_and_accent_insensitively(
    qtbot: QtBot, bar: SearchBar, proxy: FilterProxy
) -> None:
    assert proxy.rowCount() == N and bar.count.text() == "200 lines"
    qtbot.keyClicks(bar.search, "ZELENSK")
    assert shown(proxy) == list(range(0, N, 10))
    assert bar.count.text() == "20 of 200 lines"
    bar.search.clear()
    type_into(qtbot, bar.search, "zÉlensk")
    assert bar.search.text() == "zÉlensk"
    assert shown(proxy) == list(range(0, N, 10))
    qtbot.keyClicks(bar.search, "YY SPOKE TO THE PRESS (1")
    assert shown(proxy) == [10, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190]
    bar.search.setText("number 19")
    assert shown(proxy) == [19, *range(191, 200)]


def test_filters_combine(qtbot: QtBot, bar: SearchBar, proxy: FilterProxy) -> None:
    with qtbot.waitSignal(bar.filterChanged) as emitted:
        choose(bar.status, "flagged")
    assert emitted.args == [LineFilter(status="flagged")]
    assert shown(proxy) == list(range(0, N, 4))
    bar.notes.click()
    assert shown(proxy) == list(range(0, N, 20))
    choose(bar.speaker, "Anna")
    qtbot.keyClicks(bar.search, "zelenskyy")
    assert shown(proxy) == list(range(0, N, 20))
    choose(bar.status, None)
    bar.notes.click()
    choose(bar.tag, "Quote")
    assert shown(proxy) == list(range(0, N, 20))
    choose(bar.speaker, "Ben")
    assert shown(proxy) == []
    assert proxy.rowCount() == 0 and bar.count.text() == "0 of 200 lines"


def test_escape_clears_text_then_the_other_filters(
    qtbot: QtBot, bar: SearchBar, proxy: FilterProxy
) -> None:
    choose(bar.status, "flagged")
    qtbot.keyClicks(bar.search, "number")
    assert len(shown(proxy)) == 40  # flagged (every 4th) but not Zélenskyy (every 10th)
    qtbot.keyClick(bar.search, Qt.Key.Key_Escape)
    assert bar.search.text() == "" and bar.status.currentData() == "flagged"
    assert proxy.rowCount() == 50
    with qtbot.waitSignal(bar.filterChanged) as emitted:
        qtbot.keyClick(bar.search, Qt.Key.Key_Escape)
    assert emitted.args == [LineFilter()]
    assert proxy.rowCount() == N and not proxy.is_filtered()


def test_count_label_uses_the_locale_grouping(bar: SearchBar) -> None:
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        bar.set_count(123, 4567)
        assert bar.count.text() == "123 of 4,567 lines"
        bar.set_count(4567, 4567)
        assert bar.count.text() == "4,567 lines"
    finally:
        QLocale.setDefault(old)


def test_mapping_both_ways(proxy: FilterProxy, qtmodeltester: ModelTester) -> None:
    proxy.set_filter(LineFilter(text="zelenskyy"))
    qtmodeltester.check(proxy)
    for row in range(proxy.rowCount()):
        index = proxy.index(row, TEXT)
        source = proxy.mapToSource(index)
        assert source.row() == row * 10 == proxy.source_row(row)
        assert proxy.mapFromSource(source) == index
        assert proxy.proxy_row(source.row()) == row
        assert index.data(StartMsRole) == row * 10 * 1000
    hidden = proxy.sourceModel().index(5, TEXT)
    assert not proxy.mapFromSource(hidden).isValid() and proxy.proxy_row(5) is None
    proxy.set_filter(LineFilter())
    qtmodeltester.check(proxy)
    assert proxy.proxy_row(5) == 5 and proxy.mapFromSource(hidden).row() == 5


def test_source_changes_reach_the_proxy(
    qtbot: QtBot, model: TranscriptModel, proxy: FilterProxy
) -> None:
    proxy.set_filter(LineFilter(text="zelenskyy"))
    model.line(30).status = "approved"
    with qtbot.waitSignal(proxy.dataChanged) as changed:
        model.refresh_line(31)  # line id 31 is row 30, shown as proxy row 3
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (3, 3)
    assert (top.column(), bottom.column()) == (0, TranscriptModel.TEXT)
    with qtbot.assertNotEmitted(proxy.dataChanged):
        model.refresh_line(32)  # row 31: hidden
    # A line that stops matching stays until the filter changes (no rows vanish under the
    # reviewer); the next filter change sees the edit.
    proxy.set_filter(LineFilter(text="zelenskyy", status="flagged"))
    assert 20 in shown(proxy)
    model.line(20).status = "approved"
    model.refresh_line(21)
    assert 20 in shown(proxy)
    proxy.set_filter(LineFilter(text="zelenskyy", status="flagged", has_notes=True))
    assert 20 not in shown(proxy)
    # The text search sees corrected text as soon as the line says it changed.
    model.line(7).text = "Zelenskyy, corrected"
    model.refresh_line(8)
    proxy.set_filter(LineFilter(text="zelenskyy, corr"))
    assert shown(proxy) == [7]


def test_new_lines_keep_the_filter(
    qtbot: QtBot, model: TranscriptModel, proxy: FilterProxy
) -> None:
    proxy.set_filter(LineFilter(text="zelenskyy"))
    with qtbot.waitSignal(proxy.countChanged) as counted:
        model.set_lines(make_lines(50))
    assert counted.args == [5, 50]
    assert shown(proxy) == [0, 10, 20, 30, 40]


def test_table_on_the_proxy_shows_and_seeks_the_filtered_lines(
    qtbot: QtBot, bar: SearchBar, proxy: FilterProxy
) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(proxy)  # type: ignore[arg-type]
    view.resize(800, 400)
    view.show()
    assert QTest.qWaitForWindowExposed(view)
    type_into(qtbot, bar.search, "zélensk")
    assert view.model().rowCount() == 20
    assert view.model().index(2, TEXT).data() == "Zélenskyy spoke to the press (20)"
    # A click on the third row shown names the source line behind it: the one to seek to.
    index = proxy.index(2, TEXT)
    with qtbot.waitSignal(view.lineActivated) as activated:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
        )
    row = activated.args[0]
    assert proxy.sourceModel().line(row).start_ms == 20_000
    assert proxy.index(2, 0).data(StartMsRole) == 20_000
    # With nothing matching the header still names its columns.
    qtbot.keyClicks(bar.search, "nothing like this")
    assert view.model().rowCount() == 0
    assert view.model().headerData(TEXT, Qt.Orientation.Horizontal) == "Text"
    assert not view.model().index(0, 0).isValid()
    assert proxy.parent(QModelIndex()) == QModelIndex()
