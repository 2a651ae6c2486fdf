"""Paints the transcript's text cells: the line's words wrapped in the row, each highlight in its
tag's colour, the last visible line elided with "…" when the row is too short (the current
line's row grows to ``text_height``, so its text shows whole).

Layouts are cached by everything that shapes them (text, width, lines that fit, font, highlight
spans and colours, selection), so scrolling past the same ~40 rows re-uses them and a repaint
costs a few fills and glyph runs.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.core.review import Tag
from app.core.transcript import Highlight, StyleRun
from app.ui.transcript.inline_style import clip_styles, from_utf16, style_ranges, to_utf16
from app.ui.transcript.transcript_model import HighlightsRole, LineIdRole, StylesRole

__all__ = ["HighlightDelegate", "from_utf16", "line_count", "readable_text_colour", "to_utf16"]

FALLBACK_COLOUR = "#c8c8c8"  # a highlight whose tag is gone and that has no colour of its own
ELLIPSIS = "\u2026"
CACHE_SIZE = 512
SELECTED_BAR = 3.0  # px: on a selected row a highlight is a bar under its words
SPELL_UNDERLINE = QColor("#e53935")  # the misspelt words' wavy line: reads on light and dark
AUDIO_UNDERLINE = QColor("#1e88e5")  # words the audio disagrees with: dotted, on light and dark

Span = tuple[int, int, str]  # start, end (python str offsets), "#rrggbb"
_Index = QModelIndex | QPersistentModelIndex


def readable_text_colour(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(background.redF())
        + 0.7152 * channel(background.greenF())
        + 0.0722 * channel(background.blueF())
    )
    return QColor(Qt.GlobalColor.black if lum > 0.179 else Qt.GlobalColor.white)


@dataclass(slots=True)
class _Painted:
    """Ready to draw at an origin: which lines of which layouts, and the highlight rects."""

    lines: list[tuple[QTextLayout, int]]  # (layout, line number in it)
    rects: list[tuple[QRectF, QColor]]
    height: float


def _range(text: str, start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    rng = QTextLayout.FormatRange()
    rng.start = to_utf16(text, start)
    rng.length = to_utf16(text, end) - rng.start
    rng.format = fmt
    return rng


def _layout(
    text: str,
    font: QFont,
    spans: Sequence[Span],
    selected: bool,
    wrong: Sequence[tuple[int, ...]] = (),
    styles: Sequence[StyleRun] = (),
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    ranges = style_ranges(text, styles, selected, to_utf16)  # italic, bold... (inline_style)
    # Misspelt words: the red wavy line, as in the editor (also on a selected row); a third item
    # marks words the audio disagrees with (app.ui.listening): a dotted line.
    for start, end, *audio in wrong:
        underline = QTextCharFormat()
        style = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine if audio else style)
        underline.setUnderlineColor(AUDIO_UNDERLINE if audio else SPELL_UNDERLINE)
        ranges.append(_range(text, start, end, underline))
    if not selected:  # on a selected row the text keeps the palette's HighlightedText
        for start, end, colour in spans:
            fmt = QTextCharFormat()
            fmt.setForeground(QBrush(readable_text_colour(QColor(colour))))
            ranges.append(_range(text, start, end, fmt))
    if ranges:
        layout.setFormats(ranges)
    return layout


def line_count(text: str, font: QFont, width: float) -> int:
    """How many rows ``text`` wraps to at ``width``, as the cells draw it."""
    if not text or width <= 0:
        return 0
    layout = _layout(text.replace("\n", "\u2028"), font, (), True)
    layout.beginLayout()
    count = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return count


def _x(line: QTextLine, position: int) -> float:
    found: Any = line.cursorToX(position)  # PySide6 gives (x, position)
    return float(found[0])


def _clip(spans: Iterable[Span], lo: int, hi: int, more: bool) -> list[Span]:
    """Spans moved into text[lo:hi], the part one layout shows; when ``more`` text was cut, a
    span in the hidden rest colours the ellipsis, so the reader knows there is more to see."""
    out = []
    for start, end, colour in spans:
        s, e = max(start, lo), min(end, hi)
        if more and end > hi:
            s, e = min(s, hi), hi + 1
        if s < e:
            out.append((s - lo, e - lo, colour))
    return out


def _build(
    text: str,
    font: QFont,
    width: float,
    max_lines: int,
    spans: list[Span],
    sel: bool,
    wrong: Sequence[tuple[int, ...]] = (),
    styles: Sequence[StyleRun] = (),
) -> _Painted:
    shown = text.replace("\n", "\u2028")  # QTextLayout breaks on LINE SEPARATOR, not "\n"
    main = _layout(shown, font, spans, sel, wrong, styles)
    total = to_utf16(shown, len(shown))
    main.beginLayout()
    y, count, cut = 0.0, 0, -1
    while count < max_lines:
        line = main.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        if count == max_lines - 1 and line.textStart() + line.textLength() < total:
            cut = from_utf16(shown, line.textStart())
        line.setPosition(QPointF(0, y))
        y += line.height()
        count += 1
    main.endLayout()
    lines = [(main, i) for i in range(count if cut < 0 else count - 1)]
    layouts = [(main, 0, shown, spans)]
    if cut >= 0:
        metrics = QFontMetricsF(font)
        rest = shown[cut:].replace("\u2028", " ")
        elided = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        visible = len(elided) - 1 if elided.endswith(ELLIPSIS) else len(elided)
        tail_spans = _clip(spans, cut, cut + visible, visible < len(rest))
        tail_wrong = [
            (max(a, cut) - cut, min(b, cut + visible) - cut, *more)
            for a, b, *more in wrong
            if b > cut and a < cut + visible
        ]
        tail_styles = clip_styles(styles, cut, cut + visible)
        tail = _layout(elided, font, tail_spans, sel, tail_wrong, tail_styles)
        tail.beginLayout()
        line = tail.createLine()
        line.setLineWidth(width * 2)  # never wrap: elidedText already made it fit
        line.setPosition(QPointF(0, main.lineAt(count - 1).y()))
        tail.endLayout()
        lines.append((tail, 0))
        layouts.append((tail, 0, elided, tail_spans))
    rects: list[tuple[QRectF, QColor]] = []
    for layout, _, shown_text, own_spans in layouts:
        for layout_line in (ln for lay, ln in lines if lay is layout):
            line = layout.lineAt(layout_line)
            lo = line.textStart()
            hi = lo + line.textLength()
            for start, end, colour in own_spans:
                s, e = max(to_utf16(shown_text, start), lo), min(to_utf16(shown_text, end), hi)
                if s >= e:
                    continue
                x1, x2 = sorted((_x(line, s), _x(line, e)))
                top, height = line.y(), line.height()
                if sel:
                    top, height = top + height - SELECTED_BAR, SELECTED_BAR
                rects.append((QRectF(x1, top, x2 - x1, height), QColor(colour)))
    return _Painted(lines, rects, y)


class HighlightDelegate(QStyledItemDelegate):
    """For the TEXT column of a TranscriptModel view."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tag_colours: dict[str, str] = {}
        self._cache: OrderedDict[tuple[object, ...], _Painted] = OrderedDict()
        # (start, end) of the words the audio disagrees with, by line id (app.ui.listening)
        self.audio_marks: Callable[[object], Sequence[tuple[int, int]]] = lambda _id: ()

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
        audio = ((a, b, 1) for a, b in self.audio_marks(index.data(LineIdRole)))
        wrong = (*self.misspelt(text), *audio)
        styles = tuple(index.data(StylesRole) or ())
        key = (text, area.width(), max_lines, opt.font.key(), tuple(spans), selected, wrong, styles)
        painted = self._cache.get(key)
        if painted is None:
            width = float(area.width())
            painted = _build(text, opt.font, width, max_lines, spans, selected, wrong, styles)
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
