"""Text cut into pieces by its highlights and inline styling, and tag colours made safe.

Highlights may overlap and may reach past the text (an edit shortened the line after the
highlight was made); every format wants the same answer, so it is computed here once. The
line's style runs (app.core.styling) cut it too, so HTML, DOCX and PDF can show italic, bold,
underlined and struck-through words as the subtitle file had them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from app.core.transcript import Highlight, StyleRun

__all__ = [
    "DEFAULT_COLOR",
    "FONT_STYLES",
    "Segment",
    "hex_color",
    "ink_for",
    "parse_color",
    "split_segments",
    "styled",
]

#: The style kinds the annotated exports show: italic, bold, underline, strike-through.
FONT_STYLES = ("i", "b", "u", "s")

#: A highlighter yellow, for tags stored without a colour (or with one we cannot read).
DEFAULT_COLOR = "#ffeb3b"

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NAMED = {
    "yellow": "#ffeb3b",
    "green": "#81c784",
    "red": "#e57373",
    "blue": "#64b5f6",
    "orange": "#ffb74d",
    "pink": "#f48fb1",
    "purple": "#ba68c8",
    "violet": "#ba68c8",
    "cyan": "#4dd0e1",
    "teal": "#4db6ac",
    "gray": "#bdbdbd",
    "grey": "#bdbdbd",
}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marks: tuple[Highlight, ...] = ()  # the highlights covering this piece, in stored order
    styles: frozenset[str] = frozenset()  # of FONT_STYLES, the ones over this piece

    @property
    def top(self) -> Highlight | None:
        """The highlight drawn on top (the last one stored) when several overlap."""
        return self.marks[-1] if self.marks else None


def split_segments(
    text: str, highlights: Sequence[Highlight], styles: Sequence[StyleRun] = ()
) -> list[Segment]:
    """``text`` as consecutive segments; joined back they give ``text`` exactly."""
    size = len(text)
    spans = [
        (max(0, h.start), min(size, h.end), h) for h in highlights if min(size, h.end) > h.start
    ]
    runs = [
        (max(0, r.start), min(size, r.end), r.kind)
        for r in styles
        if r.kind in FONT_STYLES and min(size, r.end) > r.start
    ]
    if not spans and not runs:
        return [Segment(text)] if text else []
    bounds = [*(s for s, _, _ in spans), *(e for _, e, _ in spans)]
    bounds += [*(s for s, _, _ in runs), *(e for _, e, _ in runs)]
    cuts = sorted({0, size, *bounds})
    out: list[Segment] = []
    for lo, hi in pairwise(cuts):
        marks = tuple(h for s, e, h in spans if s <= lo and hi <= e)
        kinds = frozenset(k for s, e, k in runs if s <= lo and hi <= e)
        out.append(Segment(text[lo:hi], marks, kinds))
    return out


def styled(piece: str, segment: Segment) -> str:
    """``piece`` (already escaped HTML) inside the HTML tags of the segment's font styles."""
    for kind in FONT_STYLES:
        if kind in segment.styles:
            piece = f"<{kind}>{piece}</{kind}>"
    return piece


def parse_color(value: str) -> tuple[int, int, int] | None:
    """RGB of ``#rgb``, ``#rrggbb``, ``#aarrggbb`` (Qt's order) or a few colour names."""
    value = _NAMED.get(value.strip().lower(), value.strip())
    match = _HEX.fullmatch(value)
    if match is None:
        return None
    digits = match[1]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    elif len(digits) == 8:
        digits = digits[2:]  # QColor.name(HexArgb) puts alpha first
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_color(value: str) -> str:
    """``#rrggbb`` for any stored colour: the only form user data may reach CSS or XML in."""
    rgb = parse_color(value) or parse_color(DEFAULT_COLOR)
    assert rgb is not None
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def ink_for(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (``#rrggbb``)."""
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance >= 140 else "#ffffff"
