"""What the timeline draws once per view (zoom, scroll, size, data) into its cached layer: the
time ruler, the waveform (or a message in its place), one block per line and the markers.

The waveform image is rasterised with numpy per view, the blocks' x positions come from the
track per zoom level as arrays, and only the visible blocks are drawn, merged into runs where
they are narrower than a pixel or two.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPolygonF

from app.media.waveform import Peaks, envelope
from app.ui.playback.timeline_track import LineTrack
from app.ui.widgets.contrast import readable_against

__all__ = [
    "APPROVED_COLOUR",
    "FLAG_COLOUR",
    "LANE_H",
    "MARK_H",
    "NOTE_COLOUR",
    "RULER_H",
    "LayerPainter",
    "View",
]

RULER_H = 16
MARK_H = 8  # the markers' row, above the blocks
LANE_H = 16  # the blocks' lane, at the bottom
_NICE_STEPS: tuple[int, ...] = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000)
_NICE_STEPS += (60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000)
FLAG_COLOUR = QColor("#d93025")  # the transcript's flag colour; reads on light and dark
APPROVED_COLOUR = QColor("#2e9d44")
NOTE_COLOUR = QColor("#e8a400")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _clock(ms: int, step: int) -> str:
    seconds, millis = divmod(ms, 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return text + f".{millis // 100}" if step < 1000 else text


@dataclass(frozen=True, slots=True)
class View:
    """What the strip shows: ``start`` ms at x = 0, ``mpp`` ms per pixel, the widget's size and
    the length of the media (``span_ms``)."""

    start: float
    mpp: float
    width: int
    height: int
    span_ms: int

    def x_of(self, ms: float) -> float:
        return (ms - self.start) / self.mpp

    def visible_range(self) -> tuple[int, int]:
        return int(self.start), int(self.start + self.mpp * self.width)


class LayerPainter:
    """Paints the layer for a view; keeps the last waveform image, which is the costly part."""

    def __init__(self) -> None:
        self._wave: tuple[tuple[float, float, int, int], QImage] | None = None

    def forget_wave(self) -> None:
        """Drop the cached waveform image (new peaks, another palette)."""
        self._wave = None

    def paint(
        self,
        painter: QPainter,
        palette: QPalette,
        view: View,
        track: LineTrack,
        peaks: tuple[Peaks, int] | None,
        message: str,
    ) -> None:
        """Everything but the playhead; ``peaks`` comes with its loudest level."""
        self._paint_ruler(painter, palette, view)
        self._paint_wave(painter, palette, view, peaks, message)
        if view.span_ms > 0 and len(track.starts):
            self._paint_blocks(painter, palette, view, track)
            self._paint_markers(painter, palette, view, track)

    def _paint_ruler(self, painter: QPainter, palette: QPalette, view: View) -> None:
        w = view.width
        painter.fillRect(0, 0, w, RULER_H, palette.color(QPalette.ColorRole.Window))
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(_mix(palette.color(QPalette.ColorRole.Window), text, 0.35))
        painter.drawLine(0, RULER_H - 1, w, RULER_H - 1)
        if view.span_ms <= 0:
            return
        step = next((s for s in _NICE_STEPS if s / view.mpp >= 80), _NICE_STEPS[-1])
        minor = step // 5
        first, last = view.visible_range()
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        faint = _mix(palette.color(QPalette.ColorRole.Window), text, 0.5)
        for k in range(first // minor, last // minor + 1):
            x = round(view.x_of(k * minor))
            major = k % 5 == 0
            painter.setPen(faint)
            painter.drawLine(x, RULER_H - (7 if major else 3), x, RULER_H - 1)
            if major:
                painter.setPen(text)
                painter.drawText(x + 3, RULER_H - 5, _clock(k * minor, step))

    def _paint_wave(
        self,
        painter: QPainter,
        palette: QPalette,
        view: View,
        peaks: tuple[Peaks, int] | None,
        message: str,
    ) -> None:
        top = RULER_H
        height = view.height - RULER_H - MARK_H - LANE_H
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        if peaks is not None and not message:
            painter.drawImage(0, top, self._wave_image(view, height, palette, *peaks))
        elif not message:
            painter.setPen(_mix(base, text, 0.25))
            painter.drawLine(0, top + height // 2, view.width, top + height // 2)
        if message:
            painter.setPen(_mix(base, text, 0.7))
            rect = QRect(0, top, view.width, height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, message)

    def _wave_image(
        self, view: View, height: int, palette: QPalette, peaks: Peaks, peak_level: int
    ) -> QImage:
        width = view.width
        key = (view.start, view.mpp, width, height)
        if self._wave is not None and self._wave[0] == key:
            return self._wave[1]
        levels = envelope(peaks, view.start, view.mpp, width).astype(np.float32)
        half = (height - 2) / 2
        amp = np.maximum(levels / peak_level * half, 0.5)
        rows = np.abs(np.arange(height, dtype=np.float32) - (height - 1) / 2)[:, None]
        base = palette.color(QPalette.ColorRole.Base)
        colour = readable_against(  # a graphic: 3:1 on the strip, in light and dark
            _mix(base, palette.color(QPalette.ColorRole.Highlight), 0.55),
            base,
            palette.color(QPalette.ColorRole.Text),
        )
        pixels = np.where(rows <= amp[None, :], np.uint32(colour.rgba()), np.uint32(0))
        pixels = np.ascontiguousarray(pixels, dtype=np.uint32)
        image = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_ARGB32).copy()
        self._wave = (key, image)
        return image

    def _paint_blocks(
        self, painter: QPainter, palette: QPalette, view: View, track: LineTrack
    ) -> None:
        lo, hi = track.visible_slice(*view.visible_range())
        if hi <= lo:
            return
        xs0, xs1 = track.content_xs(view.mpp)
        shift = view.start / view.mpp
        x0 = np.floor(xs0[lo:hi] - shift).astype(np.int64)
        x1 = np.floor(xs1[lo:hi] - shift).astype(np.int64)
        status = track.status[lo:hi]
        x1 = np.maximum(x1, x0 + np.where(status == 2, 2, 1))  # a flag never vanishes
        x1 = np.where(x1 - x0 >= 4, x1 - 1, x1)  # a 1 px gap between blocks that have room
        # Runs: neighbours that touch and share a status are one rectangle.
        breaks = np.flatnonzero((x0[1:] > x1[:-1]) | (status[1:] != status[:-1])) + 1
        firsts = np.concatenate(([0], breaks))
        run_x0 = x0[firsts].tolist()
        run_x1 = np.maximum.reduceat(x1, firsts).tolist()
        run_status = status[firsts].tolist()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        colours = (  # each 3:1 on the strip (WCAG's graphics), the statuses still apart
            readable_against(_mix(base, text, 0.3), base, text),
            readable_against(_mix(base, APPROVED_COLOUR, 0.6), base, text),
            readable_against(FLAG_COLOUR, base, text),
        )
        y = view.height - LANE_H
        for a, b, code in zip(run_x0, run_x1, run_status, strict=True):
            painter.fillRect(a, y, b - a, LANE_H - 1, colours[code])
        for index, colour in track.marks.items():
            if lo <= index < hi:
                a = int(xs0[index] - shift)
                b = max(int(xs1[index] - shift), a + 2)
                painter.fillRect(a, view.height - 4, b - a, 3, colour)

    def _paint_markers(
        self, painter: QPainter, palette: QPalette, view: View, track: LineTrack
    ) -> None:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        lo, hi = track.visible_slice(*view.visible_range())
        xs0, _ = track.content_xs(view.mpp)
        shift = view.start / view.mpp
        y = view.height - LANE_H - MARK_H
        painter.setPen(Qt.PenStyle.NoPen)
        visible = np.floor(xs0[lo:hi] - shift).astype(np.int64)
        flags = np.unique(visible[track.status[lo:hi] == 2]).tolist()
        painter.setBrush(FLAG_COLOUR)
        for x in flags:  # a pennant at the line's start
            painter.drawPolygon(
                QPolygonF([QPointF(x, y), QPointF(x + 6, y + 3), QPointF(x, y + 6)])
            )
        painter.setBrush(readable_against(NOTE_COLOUR, base, text))
        flagged = set(flags)
        for x in np.unique(visible[track.noted[lo:hi]]).tolist():  # a dot, beside any flag
            painter.drawEllipse(QPointF(x + (9 if x in flagged else 3), y + 3), 3, 3)
