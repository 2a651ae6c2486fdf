"""A line's inline styling (app.core.styling runs) as Qt text formats, for the transcript rows.

Italic, bold, underline and strike-through runs change the font of their characters; a colour
run (SubRip ``<font color>``) or a WebVTT colour class colours them, except on a selected row,
where the palette's highlighted-text colour must stay readable. A highlight's own text colour,
set after these, wins over a run's colour. A language run looks like the text around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat, QTextLayout

from app.core.styling import WEBVTT_COLOURS, slice_runs
from app.core.transcript import StyleRun

__all__ = ["clip_styles", "from_utf16", "style_ranges", "to_utf16"]


def _colour(run: StyleRun) -> QColor | None:
    if run.kind == "color":
        colour = QColor(run.value.strip())
        return colour if colour.isValid() else None
    if run.kind == "class":
        name = next((c for c in run.value.split(".") if c in WEBVTT_COLOURS), "")
        return QColor(name) if name else None
    return None


def _format(run: StyleRun, selected: bool) -> QTextCharFormat | None:
    fmt = QTextCharFormat()
    if run.kind == "i":
        fmt.setFontItalic(True)
    elif run.kind == "b":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif run.kind == "u":
        fmt.setFontUnderline(True)
    elif run.kind == "s":
        fmt.setFontStrikeOut(True)
    else:
        colour = None if selected else _colour(run)
        if colour is None:
            return None
        fmt.setForeground(QBrush(colour))
    return fmt


def style_ranges(
    text: str,
    styles: Sequence[StyleRun] | None,
    selected: bool,
    to_utf16: Callable[[str, int], int],
) -> list[QTextLayout.FormatRange]:
    """Format ranges for ``text`` (Qt positions, by ``to_utf16``) from the line's runs."""
    ranges: list[QTextLayout.FormatRange] = []
    for run in styles or ():
        start, end = max(0, run.start), min(len(text), run.end)
        fmt = _format(run, selected)
        if fmt is None or start >= end:
            continue
        rng = QTextLayout.FormatRange()
        rng.start = to_utf16(text, start)
        rng.length = to_utf16(text, end) - rng.start
        rng.format = fmt
        ranges.append(rng)
    return ranges


def clip_styles(styles: Sequence[StyleRun] | None, lo: int, hi: int) -> tuple[StyleRun, ...]:
    """The runs over ``text[lo:hi]`` (the part an elided last row shows), as its offsets."""
    return tuple(slice_runs(styles or (), lo, hi))


def _bmp_only(text: str) -> bool:
    return text.isascii() or max(text) <= "\uffff"


def to_utf16(text: str, index: int) -> int:
    """Qt's position (UTF-16 code units) of the python offset ``index`` into ``text``."""
    if _bmp_only(text):
        return index
    return len(text[:index].encode("utf-16-le")) // 2


def from_utf16(text: str, position: int) -> int:
    """The python offset into ``text`` of Qt's UTF-16 ``position``."""
    if _bmp_only(text):
        return position
    units = 0
    for i, char in enumerate(text):
        if units >= position:
            return i
        units += 2 if char > "\uffff" else 1
    return len(text)
