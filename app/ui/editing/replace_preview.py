"""Find and Replace's preview: the list of lines before -> after, one item per line, drawn as a
word diff by the Changes list's delegate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView

from app.core.timecode import format_clock
from app.core.transcript import Line
from app.ui.editing.changes_view import (
    DiffDelegate,
    DiffHtmlRole,
    SourceRowRole,
    TimeTextRole,
    before_after_tip,
    diff_html,
)

__all__ = ["AfterRole", "BeforeRole", "preview_item", "preview_list", "preview_rows"]

BeforeRole = Qt.ItemDataRole.UserRole + 30  # a preview line's text now
AfterRole = Qt.ItemDataRole.UserRole + 31  # and after Replace All


def preview_list(model: QStandardItemModel, name: str) -> QListView:
    view = QListView()
    view.setObjectName("replacePreview")
    view.setAccessibleName(name)
    view.setModel(model)
    view.setItemDelegate(DiffDelegate(view))
    view.setUniformItemSizes(True)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def preview_item(row: int, line: Line, after: str, with_hours: bool) -> QStandardItem:
    """The preview's item for source ``row``: its time, and its text before -> ``after``."""
    item = QStandardItem()
    item.setData(format_clock(line.start_ms, with_hours=with_hours), TimeTextRole)
    item.setData(diff_html(line.text, after), DiffHtmlRole)
    item.setData(row, SourceRowRole)
    item.setData(line.text, BeforeRole)
    item.setData(after, AfterRole)
    item.setData(f"{line.text} \u2192 {after}", Qt.ItemDataRole.AccessibleTextRole)
    item.setToolTip(before_after_tip(line.text, after))
    return item


def preview_rows(model: QStandardItemModel) -> list[tuple[int, str, str]]:
    """What the preview shows: (source row, before, after) per line."""
    return [
        (
            model.item(i).data(SourceRowRole),
            model.item(i).data(BeforeRole),
            model.item(i).data(AfterRole),
        )
        for i in range(model.rowCount())
    ]
