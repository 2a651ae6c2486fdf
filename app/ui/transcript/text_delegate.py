"""Paints the transcript's text cells: the line's words wrapped in the row, each highlight in its
tag's colour, the last visible line elided with "…" when the row is too short (the current
line's row grows to ``text_height``, so its text shows whole).

The layouts are made by text_layout and cached here by everything that shapes them (text, width,
lines that fit, font, highlight spans and colours, selection), so scrolling past the same ~40
rows re-uses them and a repaint costs a few fills and glyph runs.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextLine,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.core.review import Tag
from app.core.transcript import Highlight
from app.ui.transcript.inline_style import from_utf16, to_utf16
from app.ui.transcript.text_layout import (
    AUDIO,
    SHADE,
    SPELL_UNDERLINE,
    SPOKEN,
    Painted,
    Span,
    build,
    line_count,
    readable_text_colour,
)
from app.ui.transcript.transcript_model import HighlightsRole, LineIdRole, StylesRole

__all__ = [
    "SPELL_UNDERLINE",
    "HighlightDelegate",
    "from_utf16",
    "line_count",
    "readable_text_colour",
    "to_utf16",
]

FALLBACK_COLOUR = "#c8c8c8"  # a highlight whose tag is gone and that has no colour of its own
CACHE_SIZE = 512
_Index = QModelIndex | QPersistentModelIndex


class HighlightDelegate(QStyledItemDelegate):
    """For the TEXT column of a TranscriptModel view."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tag_colours: dict[str, str] = {}
        self._cache: OrderedDict[tuple[object, ...], Painted] = OrderedDict()
        # (start, end) of the words the audio disagrees with, by line id (app.ui.listening)
        self.audio_marks: Callable[[object], Sequence[tuple[int, int]]] = lambda _id: ()
        # (start, end) of the words heard with a low probability, and of the word being spoken
        self.unsure_words: Callable[[object], Sequence[tuple[int, int]]] = lambda _id: ()
        self.spoken_word: Callable[[object], Sequence[tuple[int, int]]] = lambda _id: ()

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the words of ``text`` to underline as misspelt; none here (the
        editing delegate asks its spell checker)."""
        return []

    def clear_cache(self) -> None:
        """Forget the drawn rows (the spelling language or the personal words changed)."""
        self._cache.clear()

    def set_tags(self, tags: Iterable[Tag]) -> None:
        """Colours for highlights stored without their own (drawn in their tag's colour)."""
        self._tag_colours = {tag.name: tag.color for tag in tags}
        self._cache.clear()

    def _spans(self, highlights: Sequence[Highlight] | None, length: int) -> list[Span]:
        spans = []
        for mark in highlights or ():
            colour = mark.color or self._tag_colours.get(mark.tag, FALLBACK_COLOUR)
            start, end = max(0, mark.start), min(length, mark.end)
            if start < end:
                spans.append((start, end, colour))
        return spans

    # -- how tall a line's text is, for the row that shows it whole ---------------------------
    def _text_area(self, view: QAbstractItemView, index: _Index) -> tuple[QRectF, QFont, float]:
        """Where paint() puts the text of ``index`` at its row's current height."""
        opt = QStyleOptionViewItem()
        view.initViewItemOption(opt)
        opt.rect = view.visualRect(QModelIndex(index))
        self.initStyleOption(opt, index)
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
        area = area.adjusted(margin, 0, -margin, 0)
        return QRectF(area), QFont(opt.font), float(opt.rect.height())

    def text_height(self, view: QAbstractItemView, index: _Index) -> int:
        """The row height at which the whole text of ``index`` shows, no "…"."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        area, font, row_height = self._text_area(view, index)
        lines = max(1, line_count(text, font, area.width()))
        spacing = QFontMetricsF(font).lineSpacing()
        return math.ceil(lines * spacing + (row_height - area.height())) + 1

    def char_at(self, view: QAbstractItemView, index: _Index, pos: QPoint) -> int | None:
        """The offset in the text of ``index`` of the character drawn under ``pos`` (viewport
        coordinates), as paint() lays it out; None off the words or in an elided last line."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return None
        area, font, _ = self._text_area(view, index)
        max_lines = max(1, int(area.height() // QFontMetricsF(font).lineSpacing()))
        painted = build(text, font, float(area.width()), max_lines, [], False)
        top = area.top() + max(0.0, (area.height() - painted.height) / 2)
        x, y = pos.x() - area.left(), pos.y() - top
        for layout, number in painted.lines:
            if layout is not painted.lines[0][0]:
                return None  # the "…" line: another text than the line's
            line = layout.lineAt(number)
            if line.y() <= y < line.y() + line.height() and 0 <= x <= line.naturalTextWidth():
                at: Any = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
                return from_utf16(text, int(at[0] if isinstance(at, tuple) else at))
        return None

    def is_elided(self, view: QAbstractItemView, index: _Index) -> bool:
        """True when the row of ``index`` is too short for its text (the last row ends "…")."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        area, font, _ = self._text_area(view, index)
        fits = max(1, int(area.height() // QFontMetricsF(font).lineSpacing()))
        return line_count(text, font, area.width()) > fits

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        area = area.adjusted(margin, 0, -margin, 0)
        spacing = QFontMetricsF(opt.font).lineSpacing()
        max_lines = max(1, int(area.height() // spacing))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        spans = self._spans(index.data(HighlightsRole), len(text))
        line_id = index.data(LineIdRole)
        audio = [(a, b, AUDIO) for a, b in self.audio_marks(line_id)]
        audio += [(a, b, SHADE) for a, b in self.unsure_words(line_id)]
        audio += [(a, b, SPOKEN) for a, b in self.spoken_word(line_id)]
        wrong = (*self.misspelt(text), *audio)
        styles = tuple(index.data(StylesRole) or ())
        key = (text, area.width(), max_lines, opt.font.key(), tuple(spans), selected, wrong, styles)
        painted = self._cache.get(key)
        if painted is None:
            width = float(area.width())
            painted = build(text, opt.font, width, max_lines, spans, selected, wrong, styles)
            self._cache[key] = painted
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)

        group = QPalette.ColorGroup.Normal
        if not opt.state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        top = area.top() + max(0.0, (area.height() - painted.height) / 2)
        origin = QPointF(area.left(), top)
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for rect, colour in painted.rects:
            painter.fillRect(rect.translated(origin), colour)
        painter.setPen(opt.palette.color(group, role))
        for layout, number in painted.lines:
            layout.lineAt(number).draw(painter, origin)
        painter.restore()
