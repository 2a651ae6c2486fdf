"""The read-only lists of the docks (All notes, Checks, Changes, Projects): one table model over a
list of rows, and one rule for when to rebuild it (soon after a change while the dock is shown;
while it is hidden only note that it is stale, and catch up when shown, so a hidden dock costs
nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

__all__ = ["ListModel", "RefreshWhenShown"]

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel, Generic[T]):
    """Rows of ``T`` under column ``titles``, replaced all at once by ``set_rows``.

    A subclass says what a cell shows (``display``), its tooltip (``tooltip``) and anything else
    it answers (``role_data``: icons, ids, accessible texts); ``alignments`` places the text of
    some columns. A subclass that inserts or removes a few rows itself edits ``_rows`` between
    Qt's begin/end calls, as any model does.
    """

    def __init__(
        self,
        titles: Sequence[str],
        parent: QObject | None = None,
        *,
        alignments: Mapping[int, Qt.AlignmentFlag] | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._titles = tuple(titles)
        self._alignments = {column: int(flag) for column, flag in (alignments or {}).items()}

    # -- the rows --------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[T]) -> None:
        """Show ``rows`` instead of the current ones (one model reset: views keep no row)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> Sequence[T]:
        return self._rows

    def row(self, row: int) -> T:
        return self._rows[row]

    # -- what a cell shows (the subclass's part) ---------------------------------------------
    def display(self, item: T, column: int) -> Any:
        """The text of ``item``'s cell in ``column``."""
        raise NotImplementedError

    def tooltip(self, item: T, column: int) -> Any:
        return None

    def role_data(self, item: T, column: int, role: int) -> Any:
        """Any other role's data (not display, tooltip or alignment)."""
        return None

    # -- Qt's model interface --------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._titles)
        ):
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignments.get(column)
        return self.role_data(item, column, role)


class RefreshWhenShown(QObject):
    """When a dock rebuilds its list: ``delay_ms`` after the last change while shown (many changes
    in one turn, an undo of a macro, make one rebuild); while hidden the list only stays stale,
    and ``refresh`` runs when it is shown again (at once, or once the dock has painted when
    ``show_later``).

    ``refresh`` asks ``take()`` whether a full rebuild is due; ``schedule()`` asks for a call of
    ``refresh`` without one (a model that brings a few rows up to date itself).
    """

    def __init__(
        self,
        refresh: Callable[[], None],
        delay_ms: int = 0,
        parent: QObject | None = None,
        *,
        show_later: bool = False,
    ) -> None:
        super().__init__(parent)
        self.stale = True
        self.shown = False
        self._refresh = refresh
        self._show_later = show_later
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(refresh)

    def mark_stale(self, *_args: object) -> None:
        self.stale = True
        self.schedule()

    def schedule(self) -> None:
        if self.shown:
            self._timer.start()

    def set_shown(self, shown: bool) -> None:
        self.shown = shown
        if not shown:
            self._timer.stop()  # stays stale: catches up when shown again
        elif not self._show_later:
            self._refresh()
        elif self.stale:  # after the dock has painted: showing stays instant
            QTimer.singleShot(0, self, self._refresh_if_shown)

    def take(self) -> bool:
        """Whether a full rebuild is due; from now on it is not (until the next change)."""
        self._timer.stop()
        stale, self.stale = self.stale, False
        return stale

    def _refresh_if_shown(self) -> None:
        if self.shown:
            self._refresh()
