"""The transcript's lines as the timeline sees them: sorted by start, held as numpy arrays, with
each line's review state (approved, flagged, noted, highlighted) for drawing and hit-testing.

Rebuilt whole on a reset or a timing edit; a review change updates one line in place.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import numpy as np
from PySide6.QtGui import QColor

from app.core.timecode import format_hms
from app.core.transcript import Line

__all__ = ["HIGHLIGHT_COLOUR", "LineTrack", "describe"]

_STATUS_CODE = {"approved": 1, "flagged": 2}
HIGHLIGHT_COLOUR = QColor("#f5d90a")


class LineTrack:
    """Lines by sorted index: ``starts``/``ends`` in ms, ``status`` (0, 1 approved, 2 flagged),
    ``noted``, ``marks`` (sorted index -> highlight colour); ``order`` maps a sorted index to
    the model's row and ``rank`` a row to its sorted index."""

    def __init__(self, lines: Sequence[Line]) -> None:
        starts = np.fromiter((line.start_ms for line in lines), np.int64, len(lines))
        ends = np.fromiter((line.end_ms for line in lines), np.int64, len(lines))
        self.order = np.argsort(starts, kind="stable")
        self.rank = np.empty_like(self.order)
        self.rank[self.order] = np.arange(len(lines))
        self.starts = starts[self.order]
        self.ends = np.maximum(ends[self.order], self.starts)
        self.starts_list: list[int] = self.starts.tolist()
        self.longest = int((self.ends - self.starts).max()) if len(lines) else 0
        self.status = np.zeros(len(lines), np.int8)
        self.noted = np.zeros(len(lines), np.bool_)
        self.marks: dict[int, QColor] = {}
        for row, line in enumerate(lines):
            self.read_review(row, line)
        self._xs: tuple[float, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def read_review(self, row: int, line: Line) -> None:
        """Take the review state of the model's ``row`` from ``line``."""
        index = int(self.rank[row])
        self.status[index] = _STATUS_CODE.get(line.status, 0)
        self.noted[index] = bool(line.notes)
        if line.highlights:
            colour = next((h.color for h in line.highlights if h.color), "")
            self.marks[index] = QColor(colour) if colour else HIGHLIGHT_COLOUR
        else:
            self.marks.pop(index, None)

    def timing_changed(self, row: int, line: Line) -> bool:
        """Whether ``line`` (the model's ``row``) moved: the order may change, so rebuild."""
        index = int(self.rank[row])
        return (line.start_ms, line.end_ms) != (self.starts[index], self.ends[index])

    def end_ms(self) -> int:
        """Where the last line ends (0 without lines)."""
        return int(self.ends.max()) if len(self.ends) else 0

    def line_at(self, ms: int) -> int | None:
        """The sorted index of the line playing at ``ms``, if any."""
        index = bisect_right(self.starts_list, ms) - 1
        return index if index >= 0 and ms < self.ends[index] else None

    def line_under(self, ms: int, ms_per_px: float) -> int | None:
        """The sorted index of the line under the pointer at ``ms``: the one playing there, else
        a block too narrow to hit within 2 px of it (blocks are drawn at least 2 px wide)."""
        index = self.line_at(ms)
        if index is not None:
            return index
        slack = 2 * ms_per_px
        for candidate in self.near(ms):
            if 0 <= candidate < len(self):
                start = float(self.starts[candidate])
                end = max(float(self.ends[candidate]), start + slack)
                if start - slack <= ms <= end + slack:
                    return candidate
        return None

    def near(self, ms: int) -> tuple[int, int]:
        """The sorted indexes of the lines starting last before ``ms`` and first after it."""
        index = bisect_right(self.starts_list, ms) - 1
        return index, index + 1

    def visible_slice(self, first: int, last: int) -> tuple[int, int]:
        """The sorted indexes [lo, hi) of the lines that may show between ``first`` and ``last``."""
        lo = int(np.searchsorted(self.starts, first - self.longest, "left"))
        hi = int(np.searchsorted(self.starts, last, "right"))
        return lo, hi

    def content_xs(self, mpp: float) -> tuple[np.ndarray, np.ndarray]:
        """The blocks' x positions at this zoom level, from the media's start (cached)."""
        if self._xs is None or self._xs[0] != mpp:
            self._xs = (mpp, self.starts / mpp, self.ends / mpp)
        return self._xs[1], self._xs[2]


def describe(line: Line, flagged: str) -> str:
    """A line's hover text on the timeline: its times and speaker, its text, whether it is
    flagged (``flagged``: the word for it) and its first notes."""
    head = f"{format_hms(line.start_ms)} \u2192 {format_hms(line.end_ms)}"
    if line.speaker:
        head += f" \u00b7 {line.speaker}"
    parts = [head, line.text]
    if line.status == "flagged":
        parts.append("\u2691 " + flagged)
    parts += [f"\u270e {note.body}" for note in line.notes[:3]]
    return "\n".join(parts)
