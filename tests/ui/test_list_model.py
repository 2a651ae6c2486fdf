"""The shared read-only list model of the docks, and when a dock's list is rebuilt: a table shows
the rows under their titles, a replaced list shows the new rows, a hidden dock stays stale until it
is shown."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.ui.widgets.list_model import ListModel, RefreshWhenShown
from app.ui.widgets.list_table import configure_list_table

IdRole = Qt.ItemDataRole.UserRole + 1


class Fruit(NamedTuple):
    id: int
    name: str
    count: int


class FruitModel(ListModel[Fruit]):
    NAME, COUNT = range(2)

    def __init__(self) -> None:
        super().__init__(
            ("Fruit", "How many"), alignments={self.COUNT: Qt.AlignmentFlag.AlignRight}
        )

    def display(self, item: Fruit, column: int) -> str:
        return item.name if column == self.NAME else str(item.count)

    def tooltip(self, item: Fruit, column: int) -> str | None:
        return f"{item.count} × {item.name}" if column == self.NAME else None

    def role_data(self, item: Fruit, column: int, role: int) -> Any:
        return item.id if role == IdRole else None


@pytest.fixture
def table(qtbot: QtBot) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    model = FruitModel()
    model.setParent(view)
    view.setModel(model)
    configure_list_table(view)
    model.set_rows([Fruit(1, "Apple", 3), Fruit(2, "Pear", 12)])
    view.resize(400, 300)
    view.show()
    assert QTest.qWaitForWindowExposed(view)
    return view


def _shown(view: QTableView) -> list[list[str]]:
    """The texts the table paints, row by row, read back from where they are on screen."""
    rows = []
    for row in range(view.model().rowCount()):
        y = view.rowViewportPosition(row) + 2
        columns = range(view.model().columnCount())
        cells = [view.indexAt(QPoint(view.columnViewportPosition(c) + 2, y)) for c in columns]
        rows.append([cell.data() for cell in cells])
    return rows


def test_rows_show_under_their_titles(table: QTableView) -> None:
    model = table.model()
    header = table.horizontalHeader()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())] == [
        "Fruit",
        "How many",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert _shown(table) == [["Apple", "3"], ["Pear", "12"]]


def test_tooltips_alignment_and_other_roles_come_from_the_hooks(table: QTableView) -> None:
    model = table.model()
    apple, apple_count = model.index(0, FruitModel.NAME), model.index(0, FruitModel.COUNT)
    assert apple.data(Qt.ItemDataRole.ToolTipRole) == "3 × Apple"
    assert apple_count.data(Qt.ItemDataRole.ToolTipRole) is None
    assert apple_count.data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight)
    assert apple.data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 0).data(IdRole) == 2
    assert not model.index(0, 0).flags() & Qt.ItemFlag.ItemIsEditable  # read-only


def test_replacing_the_rows_resets_the_model_and_the_table_shows_the_new_ones(
    qtbot: QtBot, table: QTableView
) -> None:
    model = table.model()
    assert isinstance(model, FruitModel)
    table.selectRow(1)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(iter([Fruit(3, "Plum", 7), Fruit(4, "Fig", 1), Fruit(5, "Kiwi", 40)]))
    assert model.rowCount() == 3
    assert _shown(table) == [["Plum", "7"], ["Fig", "1"], ["Kiwi", "40"]]
    assert not table.selectionModel().hasSelection()  # a reset keeps no old row picked
    assert model.row(2) == Fruit(5, "Kiwi", 40)

    model.set_rows([])
    assert model.rowCount() == 0 and _shown(table) == []
    assert table.model().index(0, 0).data() is None


def test_a_click_on_a_title_keeps_the_order(table: QTableView) -> None:
    # The docks list in transcript (or library) order; the base does not sort.
    header = table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 5))
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _shown(table) == [["Apple", "3"], ["Pear", "12"]]


class _Counter:
    def __init__(self) -> None:
        self.rebuilds = 0
        self.calls = 0
        self.freshness: RefreshWhenShown

    def refresh(self) -> None:
        self.calls += 1
        if self.freshness.take():
            self.rebuilds += 1


def test_a_hidden_list_stays_stale_and_catches_up_once_when_shown(qtbot: QtBot) -> None:
    counter = _Counter()
    counter.freshness = freshness = RefreshWhenShown(counter.refresh, 0)
    for _ in range(5):
        freshness.mark_stale()
    qtbot.wait(20)
    assert counter.rebuilds == 0 and freshness.stale  # hidden: nothing is built

    freshness.set_shown(True)
    assert counter.rebuilds == 1 and not freshness.stale  # shown: built at once

    for _ in range(5):  # many changes in one turn: one rebuild
        freshness.mark_stale()
    qtbot.waitUntil(lambda: not freshness.stale, timeout=1000)
    qtbot.wait(20)
    assert counter.rebuilds == 2

    freshness.mark_stale()
    freshness.set_shown(False)  # hidden before the rebuild ran: it waits for the next show
    qtbot.wait(20)
    assert counter.rebuilds == 2 and freshness.stale

    freshness.schedule()  # hidden: asking for a refresh does nothing
    qtbot.wait(20)
    assert counter.calls == 2


def test_show_later_waits_one_turn_and_only_when_stale(qtbot: QtBot) -> None:
    counter = _Counter()
    counter.freshness = freshness = RefreshWhenShown(counter.refresh, 300, show_later=True)
    freshness.set_shown(True)
    assert counter.rebuilds == 0  # the dock paints first
    qtbot.waitUntil(lambda: counter.rebuilds == 1, timeout=1000)

    freshness.set_shown(False)
    freshness.set_shown(True)  # nothing changed: nothing to do
    qtbot.wait(20)
    assert counter.calls == 1

    freshness.set_shown(False)
    freshness.mark_stale()
    freshness.set_shown(True)
    freshness.set_shown(False)  # hidden again before the turn ended: still nothing built
    qtbot.wait(20)
    assert counter.rebuilds == 1 and freshness.stale
