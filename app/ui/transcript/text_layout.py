"""The text cells' layouts, as the transcript's delegate (text_delegate) draws them: a line's
words wrapped in the row, highlight rectangles, misspelt and audio-marked words underlined, and
the last visible line elided with "…" when the row is too short. Pure layout work on QTextLayout,
no item-view code: the delegate caches what ``build`` returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from app.core.transcript import StyleRun
from app.ui.transcript.inline_style import clip_styles, from_utf16, style_ranges, to_utf16

__all__ = [
    "AUDIO",
    "AUDIO_UNDERLINE",
    "ELLIPSIS",
    "SELECTED_BAR",
    "SHADE",
    "SPELL_UNDERLINE",
    "SPOKEN",
    "UNSURE_SHADE",
    "Painted",
    "Span",
    "build",
    "line_count",
    "readable_text_colour",
]

ELLIPSIS = "\u2026"
SELECTED_BAR = 3.0  # px: on a selected row a highlight is a bar under its words
SPELL_UNDERLINE = QColor("#e53935")  # the misspelt words' wavy line: reads on light and dark
AUDIO_UNDERLINE = QColor("#1e88e5")  # words the audio disagrees with: dotted, on light and dark
# Words heard with a low probability: a see-through grey, on light and dark, and unlike any
# highlight tag's colour (a shade is a hint, not a reviewer's mark).
UNSURE_SHADE = QColor(128, 128, 128, 70)
# The third item of an underlined range (the ``wrong`` ranges; none: misspelt): what it marks.
AUDIO, SHADE, SPOKEN = 1, 2, 3

Span = tuple[int, int, str]  # start, end (python str offsets), "#rrggbb"


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
class Painted:
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
    # marks words the audio disagrees with (app.ui.listening): a dotted line; words heard with
    # a low probability: shaded; the word being spoken (word follow): a solid underline.
    for start, end, *kind in wrong:
        fmt = QTextCharFormat()
        what = kind[0] if kind else 0
        if what == SHADE:
            fmt.setBackground(QBrush(UNSURE_SHADE))
        elif what == SPOKEN:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        else:
            style = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine if what else style)
            fmt.setUnderlineColor(AUDIO_UNDERLINE if what else SPELL_UNDERLINE)
        ranges.append(_range(text, start, end, fmt))
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


def build(
    text: str,
    font: QFont,
    width: float,
    max_lines: int,
    spans: list[Span],
    sel: bool,
    wrong: Sequence[tuple[int, ...]] = (),
    styles: Sequence[StyleRun] = (),
) -> Painted:
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
    return Painted(lines, rects, y)
