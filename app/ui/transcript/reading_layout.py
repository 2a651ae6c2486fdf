"""One paragraph of the reading view, laid out at one width: its speaker and time on top, its
lines as flowing text below, each line's review status as a coloured mark in the margin.

Colours never change the layout: the selected line, the playing line and its word are drawn as
overlays (QTextLayout.draw's selections), so a paragraph is laid out once per width and font and
the playing line can move without any text being measured again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from app.core.transcript import Word
from app.ui.transcript.transcript_model import STATUS_GLYPH, TranscriptModel

__all__ = ["MARGIN", "ParagraphLayout"]

MARGIN = 16  # left of the text: the status marks' room
_TOP, _GAP, _BOTTOM, _RIGHT = 6, 2, 10, 8
_MARK_X, _MARK_WIDTH = 5, 4


class ParagraphLayout:
    """``rows`` of ``model`` (one speaker's run of lines) as one paragraph ``width`` wide."""

    def __init__(
        self, model: TranscriptModel, rows: Sequence[int], font: QFont, width: int
    ) -> None:
        self.rows = tuple(rows)
        self.width = width
        self.font_key = font.key()
        lines = model.lines()
        parts = [" ".join(lines[row].text.split()) for row in self.rows]
        self.starts: list[int] = []
        position = 0
        for part in parts:
            self.starts.append(position)
            position += len(part) + 1
        self.ends = [start + len(part) for start, part in zip(self.starts, parts, strict=True)]
        first = model.index(self.rows[0], TranscriptModel.SPEAKER)
        self.speaker = str(first.data() or "")
        self.speaker_colours = (
            first.data(Qt.ItemDataRole.BackgroundRole),
            first.data(Qt.ItemDataRole.ForegroundRole),
        )
        self.time = str(model.index(self.rows[0], TranscriptModel.TIME).data() or "")
        self._header_font = QFont(font)
        self._header_font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self._header_font.setBold(True)
        self.text_top = _TOP + QFontMetrics(self._header_font).lineSpacing() + _GAP
        self.layout = QTextLayout(" ".join(parts), font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        self.layout.beginLayout()
        y = 0.0
        while True:
            line = self.layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(40, width - MARGIN - _RIGHT))
            line.setPosition(QPointF(0, y))
            y += line.height()
        self.layout.endLayout()
        self.height = int(self.text_top + y + _BOTTOM + 0.999)

    # -- where things are ---------------------------------------------------------------------
    def index_of(self, row: int) -> int | None:
        try:
            return self.rows.index(row)
        except ValueError:
            return None

    def row_at(self, x: float, y: float) -> int:
        """The line under (x, y), in the paragraph's own coordinates (the header: its first)."""
        y -= self.text_top
        if y < 0:
            return self.rows[0]
        position = len(self.layout.text())
        for number in range(self.layout.lineCount()):
            line = self.layout.lineAt(number)
            if y < line.y() + line.height():
                position = line.xToCursor(x - MARGIN)
                break
        at = max(0, bisect_right(self.starts, position) - 1)
        if at + 1 < len(self.starts) and position >= self.ends[at] + 1:
            at += 1
        return self.rows[at]

    def line_span(self, row: int) -> tuple[float, float]:
        """The top and bottom of line ``row``'s text (the paragraph's coordinates)."""
        at = self.index_of(row)
        if at is None:
            return 0.0, float(self.height)
        first = self.layout.lineForTextPosition(self.starts[at])
        last = self.layout.lineForTextPosition(max(self.starts[at], self.ends[at] - 1))
        if not first.isValid() or not last.isValid():
            return float(self.text_top), float(self.text_top)
        return self.text_top + first.y(), self.text_top + last.y() + last.height()

    def word_at(self, row: int, words: Sequence[Word], ms: int) -> tuple[int, int] | None:
        """The word of line ``row`` spoken at ``ms`` (offsets into the line's text here), found
        in the text word by word in order; None between words or when an edit took it away."""
        after, found = 0, None
        for word in words:
            if word.start_ms > ms:
                break
            span = self.word_span(row, word.text, after)
            if span is not None:
                after = span[1]
                found = span if ms < word.end_ms else None
        return found

    def text_of(self, row: int, span: tuple[int, int]) -> str:
        at = self.index_of(row)
        return "" if at is None else self.layout.text()[self.starts[at] :][span[0] : span[1]]

    def word_span(self, row: int, word: str, after: int) -> tuple[int, int] | None:
        """Where ``word`` first shows in line ``row`` from ``after`` on, as offsets into the line's
        text here (spaces folded); None when the text no longer has it (an edit)."""
        at = self.index_of(row)
        if at is None or not word.strip():
            return None
        text = self.layout.text()[self.starts[at] : self.ends[at]]
        found = text.find(word.strip(), after)
        return None if found < 0 else (found, found + len(word.strip()))

    # -- drawing ------------------------------------------------------------------------------
    def paint(
        self,
        painter: QPainter,
        top: float,
        palette: QPalette,
        model: TranscriptModel,
        selected: Collection[int],
        current: int | None,
        word: tuple[int, int] | None,
    ) -> None:
        """Draw at ``top``: ``selected`` rows as selected, ``current`` as playing (and its
        ``word``, offsets into that line, as the word being spoken)."""
        self._paint_header(painter, top, palette)
        lines = model.lines()
        for row in self.rows:
            glyph = STATUS_GLYPH.get(lines[row].status)
            if glyph is not None:
                y0, y1 = self.line_span(row)
                painter.fillRect(
                    QRectF(_MARK_X, top + y0 + 2, _MARK_WIDTH, max(2.0, y1 - y0 - 4)), glyph[1]
                )
        ranges = []
        for at, row in enumerate(self.rows):
            if row in selected:
                ranges.append(self._range(at, _selected_format(palette)))
            elif row == current:
                tint = model.index(row, TranscriptModel.TEXT).data(Qt.ItemDataRole.BackgroundRole)
                fmt = QTextCharFormat()
                if isinstance(tint, QColor):
                    fmt.setBackground(tint)
                ranges.append(self._range(at, fmt))
        playing = None if current is None else self.index_of(current)
        if playing is not None and word is not None:
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(palette.color(QPalette.ColorRole.Highlight))
            ranges.append(self._range(playing, fmt, word))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        self.layout.draw(painter, QPointF(MARGIN, top + self.text_top), ranges)

    def _range(
        self, at: int, fmt: QTextCharFormat, part: tuple[int, int] | None = None
    ) -> QTextLayout.FormatRange:
        found = QTextLayout.FormatRange()
        start, end = (self.starts[at], self.ends[at]) if part is None else part
        if part is not None:
            start, end = self.starts[at] + start, self.starts[at] + end
        found.start, found.length, found.format = start, max(1, end - start), fmt
        return found

    def _paint_header(self, painter: QPainter, top: float, palette: QPalette) -> None:
        painter.setFont(self._header_font)
        metrics = QFontMetrics(self._header_font)
        x, y = float(MARGIN), top + _TOP
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        if self.speaker:
            background, colour = self.speaker_colours
            width = metrics.horizontalAdvance(self.speaker)
            if isinstance(background, QColor):
                chip = QRectF(x - 3, y, width + 6, metrics.lineSpacing())
                painter.fillRect(chip, background)
            painter.setPen(colour if isinstance(colour, QColor) else quiet)
            painter.drawText(QPointF(x, y + metrics.ascent()), self.speaker)
            x += width + 12
        painter.setPen(quiet)
        painter.drawText(QPointF(x, y + metrics.ascent()), self.time)


def _selected_format(palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(palette.color(QPalette.ColorRole.Highlight))
    fmt.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
    return fmt
