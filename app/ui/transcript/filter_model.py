"""The transcript as the search bar filters it: a proxy holding the visible source rows.

Not a QSortFilterProxyModel: that one asks a Python ``filterAcceptsRow`` once per row, 100k
calls per keystroke. Here the rows come from ``SearchIndex.matches`` (list comprehensions over
folded texts) and the proxy just maps through that sorted list; with no filter it is the
identity and costs nothing.

Rows are chosen when the filter changes. A line that stops matching after an edit (approved
while showing "Flagged", its last note deleted, its text corrected) stays in view until the
filter changes again, as mail clients keep a read message in an "Unread" view: rows that
vanish under the reviewer's cursor are worse than a row that no longer fits. Lines that start
matching do not appear either, for the same reason.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.core.search import LineFilter, SearchIndex
from app.core.transcript import Line
from app.ui.transcript.transcript_model import CurrentRole, TranscriptModel

__all__ = ["FilterProxy"]

_Index = QModelIndex | QPersistentModelIndex

#: Roles that change only how a row looks (the playing line), never whether it matches.
_LOOK_ONLY = {int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.FontRole), int(CurrentRole)}


class FilterProxy(QAbstractProxyModel):
    countChanged = Signal(int, int)  # shown, total: after every filter change or source reset

    def __init__(self, source: TranscriptModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = LineFilter()
        self._rows: list[int] | None = None  # ascending source rows; None: all of them
        self._index = SearchIndex(source.lines())
        self.setSourceModel(source)
        source.dataChanged.connect(self._on_data_changed)
        source.headerDataChanged.connect(self._on_header_changed)
        # Rows coming, going or moving in the source: start over, bracketed as Qt requires.
        for about in (
            source.modelAboutToBeReset,
            source.rowsAboutToBeInserted,
            source.rowsAboutToBeRemoved,
            source.rowsAboutToBeMoved,
            source.layoutAboutToBeChanged,
        ):
            about.connect(self._on_source_about_to_change)
        for done in (
            source.modelReset,
            source.rowsInserted,
            source.rowsRemoved,
            source.rowsMoved,
            source.layoutChanged,
        ):
            done.connect(self._on_source_changed)

    # -- the filter --------------------------------------------------------------------------
    def filter(self) -> LineFilter:
        return self._filter

    def set_filter(self, filt: LineFilter) -> None:
        """Show the lines ``filt`` accepts (all lines for an empty filter), in source order."""
        self._filter = filt
        rows = None if filt.is_empty() else self._index.matches(filt)
        if rows != self._rows:  # a key that changes nothing keeps the selection and scroll
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        self.countChanged.emit(self.visible_count(), self._source.rowCount())

    def is_filtered(self) -> bool:
        return self._rows is not None

    def visible_count(self) -> int:
        return self._source.rowCount() if self._rows is None else len(self._rows)

    def source_rows(self) -> Sequence[int]:
        """The visible source rows, ascending (for "next flagged" within the filtered view)."""
        return range(self._source.rowCount()) if self._rows is None else self._rows

    def source_row(self, proxy_row: int) -> int:
        return proxy_row if self._rows is None else self._rows[proxy_row]

    def proxy_row(self, source_row: int) -> int | None:
        """Where ``source_row`` shows, or None when the filter hides it."""
        rows = self._rows
        if rows is None:
            return source_row if 0 <= source_row < self._source.rowCount() else None
        pos = bisect_left(rows, source_row)
        return pos if pos < len(rows) and rows[pos] == source_row else None

    def line(self, proxy_row: int) -> Line:
        return self._source.line(self.source_row(proxy_row))

    # -- keeping up with the source ----------------------------------------------------------
    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        top, bottom = top_left.row(), bottom_right.row()
        if not roles or not set(roles) <= _LOOK_ONLY:
            lines = self._source.lines()
            for row in range(top, bottom + 1):
                self._index.update(row, lines[row])
        if self._rows is None:
            first, last = top, bottom
        else:
            first = bisect_left(self._rows, top)
            last = bisect_right(self._rows, bottom) - 1
            if first > last:
                return  # none of the changed rows is shown
        self.dataChanged.emit(
            self.index(first, top_left.column()), self.index(last, bottom_right.column()), roles
        )

    def _on_header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.headerDataChanged.emit(orientation, first, last)

    def _on_source_about_to_change(self, *_args: object) -> None:
        self.beginResetModel()

    def _on_source_changed(self, *_args: object) -> None:
        self._index.rebuild(self._source.lines())
        self._rows = None if self._filter.is_empty() else self._index.matches(self._filter)
        self.endResetModel()
        self.countChanged.emit(self.visible_count(), self._source.rowCount())

    # -- Qt proxy interface ------------------------------------------------------------------
    def mapToSource(self, proxy_index: _Index) -> QModelIndex:
        if not proxy_index.isValid():
            return QModelIndex()
        # createIndex, not index(): our rows and columns are valid, and index() would ask the
        # source's Python rowCount and columnCount again for every cell painted.
        return self._source.createIndex(self.source_row(proxy_index.row()), proxy_index.column())

    def mapFromSource(self, source_index: _Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self.proxy_row(source_index.row())
        return QModelIndex() if row is None else self.createIndex(row, source_index.column())

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < self.visible_count()):
            return QModelIndex()
        if not 0 <= column < self._source.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: _Index | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, _index: _Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.visible_count()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._source.columnCount()

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.visible_count() > 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Straight to the source row: the view asks for every role of every visible cell.
        if not index.isValid():
            return None
        source = self._source
        row = index.row() if self._rows is None else self._rows[index.row()]
        return source.data(source.createIndex(row, index.column()), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Qt's default maps through index(0, section), which is invalid when nothing matches.
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < self.visible_count():
                return None
            section = self.source_row(section)
        return self._source.headerData(section, orientation, role)
