"""What the transcript's time columns show for a line: Start and End as clock times, Duration in
seconds, CPS (characters per second) with a warning colour over the reading-speed limit.

Worked out per cell as the view asks for it, from the line itself: nothing is kept per line, so
100k lines cost what the visible rows cost, and an edit shows at once with no cache to refresh.
"""

from __future__ import annotations

from typing import Any, Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.core.checks import CheckSettings, reading_speed
from app.core.timecode import format_clock, format_duration, format_hms
from app.core.transcript import Line

__all__ = ["TimingCells", "TimingKind", "warning_colour"]

TimingKind = Literal["end", "duration", "cps"]


def warning_colour(palette: QPalette | None = None) -> QColor:
    """A red that reads as a warning on the palette's base, light or dark (WCAG AA on both)."""
    palette = palette or QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff7b72") if dark else QColor("#b3261e")


class TimingCells(QObject):
    """How times are written (whole seconds or milliseconds, with hours or not) and the reading
    speed that counts as too fast; the model sets them and asks for each visible cell."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.millis = False  # "Show times to the millisecond" (Preferences > Appearance)
        self.with_hours = False  # the transcript runs past an hour: every clock shows hours
        self.max_cps = CheckSettings().max_cps  # the checks' limit; 0: no limit

    def clock(self, ms: int) -> str:
        return format_clock(ms, with_hours=self.with_hours, millis=self.millis)

    def cps(self, line: Line) -> float | None:
        return reading_speed(line.text, line.duration_ms)

    def too_fast(self, cps: float | None) -> bool:
        return cps is not None and self.max_cps > 0 and cps > self.max_cps

    def data(self, kind: TimingKind, line: Line, role: int) -> Any:
        """The cell's value for ``role``; None for roles the row answers as a whole (its
        background, font, the tooltip of End and Duration)."""
        if kind == "cps":
            return self._cps_data(line, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "end":
                return self.clock(line.end_ms)
            return format_duration(line.duration_ms, millis=self.millis)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if kind == "end":
                return format_hms(max(0, line.end_ms))
            seconds = format_duration(line.duration_ms, millis=True)
            return self.tr("%1 seconds").replace("%1", seconds)
        return None

    def _cps_data(self, line: Line, role: int) -> Any:
        cps = self.cps(line)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if cps is None else f"{cps:.1f}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return warning_colour() if self.too_fast(cps) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if cps is None:
                return self.tr("No reading speed: the line is not shown for any time")
            speed, limit = f"{cps:.1f}", f"{self.max_cps:g}"
            if self.too_fast(cps):
                text = self.tr("Too fast to read: %1 characters per second, over the limit of %2")
                return text.replace("%1", speed).replace("%2", limit)
            if self.max_cps > 0:
                text = self.tr("%1 characters per second (the limit is %2)")
                return text.replace("%1", speed).replace("%2", limit)
            return self.tr("%1 characters per second").replace("%1", speed)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if cps is None:
                return ""
            text = self.tr("%1 characters per second").replace("%1", f"{cps:.1f}")
            return text + (self.tr(", too fast") if self.too_fast(cps) else "")
        return None
