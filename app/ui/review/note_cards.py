"""How a note reads: the card the notes list draws for each note (author, times, body), and the
short forms notes are shown by elsewhere too: ``local_time`` for a stored stamp and ``excerpt``
for the start of a line's text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTime,
)
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

__all__ = [
    "FoldedRole",
    "IndentRole",
    "MetaRole",
    "NoteCardDelegate",
    "NoteIdRole",
    "ThreadRole",
    "excerpt",
    "local_time",
]

NoteIdRole = Qt.ItemDataRole.UserRole + 1
MetaRole = Qt.ItemDataRole.UserRole + 2  # (author, "time · edited time")
ThreadRole = Qt.ItemDataRole.UserRole + 3  # the thread's first note id
IndentRole = Qt.ItemDataRole.UserRole + 4  # 1 for a reply: drawn under its note, set in
FoldedRole = Qt.ItemDataRole.UserRole + 5  # True: a resolved thread shown as one dim row
_PAD = 8  # inside a card
_GAP = 3  # around a card
_INDENT = 22  # a reply's card, set in under its note


def local_time(iso: str) -> str:
    """A stored UTC stamp as local time, short: just the time for today, else date and time."""
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    stamp = stamp.astimezone()
    clock = QTime(stamp.hour, stamp.minute)
    if stamp.date() == date.today():
        return QLocale().toString(clock, QLocale.FormatType.ShortFormat)
    moment = QDateTime(QDate(stamp.year, stamp.month, stamp.day), clock)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def excerpt(text: str, limit: int = 36) -> str:
    """The start of a line's text, cut at a word, for headers and tables."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(",.;:") + "\u2026"


class NoteCardDelegate(QStyledItemDelegate):
    """One note as a card: author in bold, times dimmed, the body wrapped below."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _body_rect(self, width: int, body: str, option: QStyleOptionViewItem) -> QRect:
        inner = max(40, width - 2 * (_PAD + _GAP))
        flags = int(Qt.TextFlag.TextWordWrap)
        return option.fontMetrics.boundingRect(QRect(0, 0, inner, 1_000_000), flags, body)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._view.viewport().width()
        indent = _INDENT * int(index.data(IndentRole) or 0)
        body = self._body_rect(width - indent, str(index.data()), option)
        height = option.fontMetrics.lineSpacing() + 4 + body.height() + 2 * (_PAD + _GAP)
        return QSize(width, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        author, when = index.data(MetaRole)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        indent = _INDENT * int(index.data(IndentRole) or 0)
        folded = bool(index.data(FoldedRole))
        card = option.rect.adjusted(_GAP + indent, _GAP, -_GAP, -_GAP)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QPalette.ColorRole.AlternateBase if folded else QPalette.ColorRole.Base
        fill = palette.color(QPalette.ColorRole.Highlight if selected else base)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(fill)
        painter.drawRoundedRect(card, 5, 5)
        role = QPalette.ColorRole
        plain = role.PlaceholderText if folded else role.Text
        text_role = role.HighlightedText if selected else plain
        dim_role = role.HighlightedText if selected else role.PlaceholderText
        inner = card.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.setClipRect(inner)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        line_h = option.fontMetrics.lineSpacing()
        head = QRect(inner.left(), inner.top(), inner.width(), line_h)
        shown = author or self.tr("(no author)")
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(head, left, shown)
        offset = painter.fontMetrics().horizontalAdvance(shown + "  ")
        painter.setFont(option.font)
        painter.setPen(palette.color(dim_role))
        head.setLeft(head.left() + offset)
        painter.drawText(head, left, when)
        painter.setPen(palette.color(text_role))
        body = inner.adjusted(0, line_h + 4, 0, 0)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop)
        painter.drawText(body, flags, str(index.data()))
        painter.restore()
