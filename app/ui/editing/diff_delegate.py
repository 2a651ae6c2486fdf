"""The Changes list's delegate: a row's time, muted, then its word diff as wrapped rich text,
at a fixed height so 10k rows cost what the visible ones cost.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.editing.changes_model import DiffHtmlRole, TimeTextRole

__all__ = ["DiffDelegate"]

_Index = QModelIndex | QPersistentModelIndex
_DOC_CACHE = 256
_COLOURED = re.compile(r' style="color:#[0-9a-f]{6}"')  # what changes_model.diff_html puts on a run


class DiffDelegate(QStyledItemDelegate):
    """Paints TimeTextRole, then DiffHtmlRole as rich text, at a fixed height of ``lines``."""

    def __init__(self, parent: QObject | None = None, lines: int = 2) -> None:
        super().__init__(parent)
        self.lines = lines
        self._docs: OrderedDict[tuple[str, int, str, bool], QTextDocument] = OrderedDict()

    def _document(
        self, html_text: str, width: int, option: QStyleOptionViewItem, selected: bool
    ) -> QTextDocument:
        key = (html_text, width, option.font.key(), selected)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        # On the selection colour red and green read badly: the struck and underlined runs
        # keep their marks and take the selected text's colour.
        doc.setHtml(_COLOURED.sub("", html_text) if selected else html_text)
        doc.setTextWidth(width)
        self._docs[key] = doc
        if len(self._docs) > _DOC_CACHE:
            self._docs.popitem(last=False)
        return doc

    def time_width(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance("0:00:00") + 16

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = opt.palette.color(group, text_role)
        rect = opt.rect.adjusted(6, 4, -6, -4)
        time_w = self.time_width(opt)
        painter.save()
        painter.setClipRect(opt.rect)
        time_text = index.data(TimeTextRole)
        if time_text:
            muted = QColor(text_colour)
            muted.setAlphaF(0.65)
            painter.setPen(muted)
            painter.setFont(opt.font)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect.adjusted(0, 0, -(rect.width() - time_w), 0), flags, time_text)
        body = rect.adjusted(time_w if time_text else 0, 0, 0, 0)
        doc = self._document(str(index.data(DiffHtmlRole) or ""), body.width(), opt, selected)
        painter.translate(QPointF(body.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        context.clip = QRectF(0, 0, body.width(), body.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, self.lines * option.fontMetrics.lineSpacing() + 8)
