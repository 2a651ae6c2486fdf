"""The timeline strip under the video: the audio waveform, one block per transcript line (flagged
ones in red, approved ones in green), markers for notes and flags, a time ruler and the playhead.

Click or drag to seek (``seekRequested``), drag the ruler or Shift+wheel to scroll, wheel (or
Ctrl+wheel) to zoom around the cursor, hover for a line's time and text.

Cheap at 10k lines and 25 Hz: everything but the playhead and the playing line's outline is drawn
once per view (zoom, scroll, size, data) into a cached pixmap; a playback tick repaints only the
old and new playhead strips. The waveform image is rasterised with numpy per view, the blocks'
x positions are computed per zoom level as arrays, and only the visible blocks are drawn, merged
into runs where they are narrower than a pixel or two.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QModelIndex, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.timecode import format_hms
from app.core.transcript import Line
from app.media.waveform import Peaks, envelope
from app.ui.transcript_model import CurrentRole, TranscriptModel

__all__ = ["Timeline"]

HEIGHT = 90
RULER_H = 16
MARK_H = 8  # the markers' row, above the blocks
LANE_H = 16  # the blocks' lane, at the bottom
MIN_SPAN_MS = 5_000  # the closest zoom: 5 s across the width
ZOOM_STEP = 1.25  # per wheel notch
SEEK_EVERY_MS = 50  # a drag seeks at most this often (each VLC seek decodes from a keyframe)
PLAYHEAD_HALF = 5  # half the width of the strip a playhead move repaints
_NICE_STEPS: tuple[int, ...] = (100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000)
_NICE_STEPS += (60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000)
_STATUS_CODE = {"approved": 1, "flagged": 2}
FLAG_COLOUR = QColor("#d93025")  # the transcript's flag colour; reads on light and dark
APPROVED_COLOUR = QColor("#2e9d44")
NOTE_COLOUR = QColor("#e8a400")
HIGHLIGHT_COLOUR = QColor("#f5d90a")


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


class Timeline(QWidget):
    seekRequested = Signal(int)  # ms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Timeline"))
        self.setAccessibleDescription(
            self.tr("Waveform and transcript lines; click to seek, wheel to zoom")
        )
        self.setFixedHeight(HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the layer covers it all
        self._duration = 0
        self._position = 0
        self._start = 0.0  # ms at x = 0
        self._mpp = 1.0  # ms per pixel
        self._fit = True  # the whole media across the width (follows resizes)
        self._model: TranscriptModel | None = None
        self._lines: Sequence[Line] = ()
        self._set_arrays([])
        self._peaks: Peaks | None = None
        self._peak_level = 1
        self._message = ""
        self._layer: QPixmap | None = None
        self._wave: tuple[tuple[float, float, int, int], QImage] | None = None
        self._xs: tuple[float, np.ndarray, np.ndarray] | None = None
        self._current: int | None = None  # sorted index of the playing line
        self._drag: str | None = None
        self._pan_from = (0, 0.0)
        self._last_seek = -1
        self._seek_clock = QElapsedTimer()

    # -- data ----------------------------------------------------------------------------------
    def set_model(self, model: TranscriptModel) -> None:
        """Follow the model: a reset re-reads all lines, a change re-reads the changed rows."""
        self._model = model
        model.modelReset.connect(self.refresh)
        model.dataChanged.connect(self._on_data_changed)
        self.refresh()

    def set_lines(self, lines: Sequence[Line]) -> None:
        self._model = None
        self._lines = lines
        self.refresh()

    def refresh(self) -> None:
        """Re-read every line (after a reset, an import, a timing edit)."""
        if self._model is not None:
            self._lines = self._model.lines()
        self._set_arrays(self._lines)
        self._current = None
        self._invalidate()

    def _set_arrays(self, lines: Sequence[Line]) -> None:
        starts = np.fromiter((line.start_ms for line in lines), np.int64, len(lines))
        ends = np.fromiter((line.end_ms for line in lines), np.int64, len(lines))
        self._order = np.argsort(starts, kind="stable")
        self._rank = np.empty_like(self._order)
        self._rank[self._order] = np.arange(len(lines))
        self._starts = starts[self._order]
        self._ends = np.maximum(ends[self._order], self._starts)
        self._starts_list: list[int] = self._starts.tolist()
        self._longest = int((self._ends - self._starts).max()) if len(lines) else 0
        self._status = np.zeros(len(lines), np.int8)
        self._noted = np.zeros(len(lines), np.bool_)
        self._marks: dict[int, QColor] = {}  # sorted index -> highlight colour
        for row, line in enumerate(lines):
            self._read_review(row, line)
        self._xs = None

    def _read_review(self, row: int, line: Line) -> None:
        index = int(self._rank[row])
        self._status[index] = _STATUS_CODE.get(line.status, 0)
        self._noted[index] = bool(line.notes)
        if line.highlights:
            colour = next((h.color for h in line.highlights if h.color), "")
            self._marks[index] = QColor(colour) if colour else HIGHLIGHT_COLOUR
        else:
            self._marks.pop(index, None)

    def _on_data_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if CurrentRole in roles or self._model is None:
            return  # the playing line moved: set_position draws that
        for row in range(top.row(), bottom.row() + 1):
            line = self._model.line(row)
            index = int(self._rank[row])
            if (line.start_ms, line.end_ms) != (self._starts[index], self._ends[index]):
                self.refresh()  # a timing edit: the order may change
                return
            self._read_review(row, line)
        self._invalidate()

    def set_duration(self, ms: int) -> None:
        if ms != self._duration:
            self._duration = max(0, ms)
            self._fit_or_clamp()

    def set_peaks(self, peaks: Peaks | None) -> None:
        self._peaks = peaks
        self._peak_level = max(1, peaks.level()) if peaks is not None else 1
        self._message = ""
        self._wave = None
        self._fit_or_clamp()

    def set_waveform_progress(self, fraction: float) -> None:
        """Shown in the waveform's place while the audio is read."""
        text = self.tr("Reading audio… %1%").replace("%1", str(int(fraction * 100)))
        self.set_waveform_message(text)

    def set_waveform_message(self, text: str) -> None:
        """A word in the waveform's place (progress, "No audio track"); empty clears it."""
        if text != self._message:
            self._message = text
            self._invalidate()

    def span_ms(self) -> int:
        """The length the strip shows: the media's, else what the audio and the lines cover."""
        if self._duration > 0:
            return self._duration
        audio = self._peaks.duration_ms if self._peaks is not None else 0
        return max(audio, int(self._ends.max()) if len(self._ends) else 0)

    # -- the view ------------------------------------------------------------------------------
    def visible_range(self) -> tuple[int, int]:
        return int(self._start), int(self._start + self._mpp * self.width())

    def is_fit(self) -> bool:
        return self._fit

    def x_of(self, ms: float) -> float:
        return (ms - self._start) / self._mpp

    def ms_at(self, x: float) -> int:
        return int(min(max(self._start + x * self._mpp, 0), self.span_ms()))

    def set_view(self, start_ms: float, ms_per_px: float) -> None:
        width = max(1, self.width())
        widest = max(self.span_ms(), 1) / width
        closest = min(MIN_SPAN_MS / width, widest)
        mpp = min(max(ms_per_px, closest), widest)
        start = min(max(start_ms, 0.0), max(0.0, self.span_ms() - mpp * width))
        self._fit = mpp >= widest * 0.999
        if (start, mpp) != (self._start, self._mpp):
            self._start, self._mpp = start, mpp
            self._invalidate()

    def zoom_by(self, factor: float, anchor_x: float) -> None:
        """Zoom in (factor < 1) or out around ``anchor_x``: the time under it stays under it."""
        anchor = self._start + anchor_x * self._mpp
        mpp = self._mpp * factor
        self.set_view(anchor - anchor_x * mpp, mpp)

    def scroll_by(self, pixels: float) -> None:
        self.set_view(self._start + pixels * self._mpp, self._mpp)

    def fit(self) -> None:
        self.set_view(0, float("inf"))

    def _fit_or_clamp(self) -> None:
        if self._fit:
            self.fit()
        else:
            self.set_view(self._start, self._mpp)
        self._invalidate()

    def _invalidate(self) -> None:
        self._layer = None
        self.update()

    # -- playback --------------------------------------------------------------------------------
    def set_position(self, ms: int) -> None:
        """The playback tick: move the playhead, repainting only its old and new strips; when
        zoomed in and the playhead leaves the view, turn the page."""
        old, self._position = self._position, ms
        start, end = self.visible_range()
        if not self._fit and not start <= ms < end:
            was_visible = start <= old < end
            if was_visible or abs(ms - old) > 2_000:  # left the view, or a seek elsewhere
                page = end - start
                forward = was_visible and end <= ms < end + page
                self.set_view(end if forward else ms - page * 0.1, self._mpp)
                self._set_current(self._line_at(ms), repaint=False)
                return
        old_x, new_x = round(self.x_of(old)), round(self.x_of(ms))
        if old_x != new_x:
            h = self.height()
            self.update(QRect(old_x - PLAYHEAD_HALF, 0, 2 * PLAYHEAD_HALF + 1, h))
            self.update(QRect(new_x - PLAYHEAD_HALF, 0, 2 * PLAYHEAD_HALF + 1, h))
        self._set_current(self._line_at(ms), repaint=True)

    def position(self) -> int:
        return self._position

    def _line_at(self, ms: int) -> int | None:
        index = bisect_right(self._starts_list, ms) - 1
        return index if index >= 0 and ms < self._ends[index] else None

    def _set_current(self, index: int | None, *, repaint: bool) -> None:
        if index == self._current:
            return
        old, self._current = self._current, index
        if repaint:
            for changed in (old, index):
                if changed is not None:
                    self.update(self._block_rect(changed).adjusted(-2, -2, 2, 2))

    def _block_rect(self, index: int) -> QRect:
        x0 = int(np.floor(self.x_of(float(self._starts[index]))))
        x1 = max(int(np.floor(self.x_of(float(self._ends[index])))), x0 + 2)
        return QRect(x0, self.height() - LANE_H, x1 - x0, LANE_H - 1)

    # -- hover -----------------------------------------------------------------------------------
    def text_at(self, pos: QPoint) -> str:
        """The tooltip at ``pos``: the line there (time, text, notes) or the time."""
        ms = self.ms_at(pos.x())
        index = self._line_at(ms)
        if index is None:  # a block narrower than the pointer: take one within 2 px
            near = bisect_right(self._starts_list, ms) - 1
            for candidate in (near, near + 1):
                if 0 <= candidate < len(self._starts_list):
                    x0, x1 = self._block_rect(candidate).left(), self._block_rect(candidate).right()
                    if x0 - 2 <= pos.x() <= x1 + 2:
                        index = candidate
                        break
        if index is None:
            return format_hms(ms)
        line = self._lines[int(self._order[index])]
        head = f"{format_hms(line.start_ms)} \u2192 {format_hms(line.end_ms)}"
        if line.speaker:
            head += f" \u00b7 {line.speaker}"
        parts = [head, line.text]
        if line.status == "flagged":
            parts.append("\u2691 " + self.tr("Flagged"))
        parts += [f"\u270e {note.body}" for note in line.notes[:3]]
        return "\n".join(parts)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.text_at(event.pos()), self)
            return True
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._wave = None
            self._invalidate()
        return super().event(event)

    # -- input -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.span_ms() <= 0:
            return super().mousePressEvent(event)
        x = event.position().x()
        if event.position().y() < RULER_H and not self._fit:
            self._drag = "pan"
            self._pan_from = (round(x), self._start)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            self._drag = "seek"
            self._seek(self.ms_at(x), force=True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._drag == "pan":
            self.set_view(self._pan_from[1] - (x - self._pan_from[0]) * self._mpp, self._mpp)
        elif self._drag == "seek":
            self._seek(self.ms_at(x), force=False)
        elif event.position().y() < RULER_H and not self._fit:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag == "seek":
            self._seek(self.ms_at(event.position().x()), force=True)
        self._drag = None
        self.unsetCursor()

    def _seek(self, ms: int, *, force: bool) -> None:
        if ms == self._last_seek:
            return
        if not force and self._seek_clock.isValid() and self._seek_clock.elapsed() < SEEK_EVERY_MS:
            return
        self._last_seek = ms
        self._seek_clock.restart()
        self.set_position(ms)  # at once, the player's tick confirms it
        self.seekRequested.emit(ms)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        # Shift+wheel scrolls (some systems turn it into a horizontal delta), as does a tilt.
        horizontal = delta.x() if delta.x() else (delta.y() if shift else 0)
        if horizontal:
            self.scroll_by(-horizontal / 120 * self.width() / 8)
        elif delta.y():
            self.zoom_by(ZOOM_STEP ** (-delta.y() / 120), event.position().x())
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_or_clamp()
        super().resizeEvent(event)

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self._layer is None or self._layer.deviceIndependentSize().toSize() != self.size():
            self._layer = self._build_layer()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._layer)
        palette = self.palette()
        mark = palette.color(QPalette.ColorRole.Highlight)
        if self._current is not None:
            painter.setPen(mark)
            painter.drawRect(self._block_rect(self._current).adjusted(0, 0, -1, 0))
        x = round(self.x_of(self._position))
        if -PLAYHEAD_HALF <= x <= self.width() + PLAYHEAD_HALF and self.span_ms() > 0:
            painter.fillRect(x - 1, 0, 2, self.height(), mark)
            head = QPolygonF([QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 6)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mark)
            painter.drawPolygon(head)
        painter.end()

    def _build_layer(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        layer = QPixmap(self.size() * ratio)
        layer.setDevicePixelRatio(ratio)
        palette = self.palette()
        layer.fill(palette.color(QPalette.ColorRole.Base))
        painter = QPainter(layer)
        self._paint_ruler(painter, palette)
        self._paint_wave(painter, palette)
        if self.span_ms() > 0 and len(self._starts):
            self._paint_blocks(painter, palette)
            self._paint_markers(painter)
        painter.end()
        return layer

    def _paint_ruler(self, painter: QPainter, palette: QPalette) -> None:
        w = self.width()
        painter.fillRect(0, 0, w, RULER_H, palette.color(QPalette.ColorRole.Window))
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(_mix(palette.color(QPalette.ColorRole.Window), text, 0.35))
        painter.drawLine(0, RULER_H - 1, w, RULER_H - 1)
        if self.span_ms() <= 0:
            return
        step = next((s for s in _NICE_STEPS if s / self._mpp >= 80), _NICE_STEPS[-1])
        minor = step // 5
        first, last = self.visible_range()
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        faint = _mix(palette.color(QPalette.ColorRole.Window), text, 0.5)
        for k in range(first // minor, last // minor + 1):
            x = round(self.x_of(k * minor))
            major = k % 5 == 0
            painter.setPen(faint)
            painter.drawLine(x, RULER_H - (7 if major else 3), x, RULER_H - 1)
            if major:
                painter.setPen(text)
                painter.drawText(x + 3, RULER_H - 5, _clock(k * minor, step))

    def _paint_wave(self, painter: QPainter, palette: QPalette) -> None:
        top = RULER_H
        height = self.height() - RULER_H - MARK_H - LANE_H
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        if self._peaks is not None and not self._message:
            painter.drawImage(0, top, self._wave_image(self.width(), height, palette))
        elif not self._message:
            painter.setPen(_mix(base, text, 0.25))
            painter.drawLine(0, top + height // 2, self.width(), top + height // 2)
        if self._message:
            painter.setPen(_mix(base, text, 0.7))
            rect = QRect(0, top, self.width(), height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._message)

    def _wave_image(self, width: int, height: int, palette: QPalette) -> QImage:
        key = (self._start, self._mpp, width, height)
        if self._wave is not None and self._wave[0] == key:
            return self._wave[1]
        assert self._peaks is not None
        levels = envelope(self._peaks, self._start, self._mpp, width).astype(np.float32)
        half = (height - 2) / 2
        amp = np.maximum(levels / self._peak_level * half, 0.5)
        rows = np.abs(np.arange(height, dtype=np.float32) - (height - 1) / 2)[:, None]
        colour = _mix(
            palette.color(QPalette.ColorRole.Base),
            palette.color(QPalette.ColorRole.Highlight),
            0.55,
        )
        pixels = np.where(rows <= amp[None, :], np.uint32(colour.rgba()), np.uint32(0))
        pixels = np.ascontiguousarray(pixels, dtype=np.uint32)
        image = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_ARGB32).copy()
        self._wave = (key, image)
        return image

    def _visible_slice(self) -> tuple[int, int]:
        first, last = self.visible_range()
        lo = int(np.searchsorted(self._starts, first - self._longest, "left"))
        hi = int(np.searchsorted(self._starts, last, "right"))
        return lo, hi

    def _content_xs(self) -> tuple[np.ndarray, np.ndarray]:
        """The blocks' x positions at this zoom level, from the media's start (cached)."""
        if self._xs is None or self._xs[0] != self._mpp:
            self._xs = (self._mpp, self._starts / self._mpp, self._ends / self._mpp)
        return self._xs[1], self._xs[2]

    def _paint_blocks(self, painter: QPainter, palette: QPalette) -> None:
        lo, hi = self._visible_slice()
        if hi <= lo:
            return
        xs0, xs1 = self._content_xs()
        shift = self._start / self._mpp
        x0 = np.floor(xs0[lo:hi] - shift).astype(np.int64)
        x1 = np.floor(xs1[lo:hi] - shift).astype(np.int64)
        status = self._status[lo:hi]
        x1 = np.maximum(x1, x0 + np.where(status == 2, 2, 1))  # a flag never vanishes
        x1 = np.where(x1 - x0 >= 4, x1 - 1, x1)  # a 1 px gap between blocks that have room
        # Runs: neighbours that touch and share a status are one rectangle.
        breaks = np.flatnonzero((x0[1:] > x1[:-1]) | (status[1:] != status[:-1])) + 1
        firsts = np.concatenate(([0], breaks))
        run_x0 = x0[firsts].tolist()
        run_x1 = np.maximum.reduceat(x1, firsts).tolist()
        run_status = status[firsts].tolist()
        base = palette.color(QPalette.ColorRole.Base)
        colours = (
            _mix(base, palette.color(QPalette.ColorRole.Text), 0.3),
            _mix(base, APPROVED_COLOUR, 0.6),
            FLAG_COLOUR,
        )
        y = self.height() - LANE_H
        for a, b, code in zip(run_x0, run_x1, run_status, strict=True):
            painter.fillRect(a, y, b - a, LANE_H - 1, colours[code])
        for index, colour in self._marks.items():
            if lo <= index < hi:
                a = int(xs0[index] - shift)
                b = max(int(xs1[index] - shift), a + 2)
                painter.fillRect(a, self.height() - 4, b - a, 3, colour)

    def _paint_markers(self, painter: QPainter) -> None:
        lo, hi = self._visible_slice()
        xs0, _ = self._content_xs()
        shift = self._start / self._mpp
        y = self.height() - LANE_H - MARK_H
        painter.setPen(Qt.PenStyle.NoPen)
        visible = np.floor(xs0[lo:hi] - shift).astype(np.int64)
        flags = np.unique(visible[self._status[lo:hi] == 2]).tolist()
        painter.setBrush(FLAG_COLOUR)
        for x in flags:  # a pennant at the line's start
            painter.drawPolygon(
                QPolygonF([QPointF(x, y), QPointF(x + 6, y + 3), QPointF(x, y + 6)])
            )
        painter.setBrush(NOTE_COLOUR)
        flagged = set(flags)
        for x in np.unique(visible[self._noted[lo:hi]]).tolist():  # a dot, beside any flag
            painter.drawEllipse(QPointF(x + (9 if x in flagged else 3), y + 3), 3, 3)
