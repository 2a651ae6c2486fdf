"""The timeline strip under the video: the audio waveform, one block per transcript line (flagged
ones in red, approved ones in green), markers for notes and flags, a time ruler and the playhead.

Click or drag to seek (``seekRequested``), drag the ruler or Shift+wheel to scroll, wheel (or
Ctrl+wheel) to zoom around the cursor, hover for a line's time and text.

Cheap at 10k lines and 25 Hz: everything but the playhead and the playing line's outline is drawn
once per view (zoom, scroll, size, data) into a cached pixmap (see ``timeline_layer``); a playback
tick repaints only the old and new playhead strips. The lines are held sorted as arrays (see
``timeline_track``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QModelIndex, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
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
from app.media.waveform import Peaks
from app.ui.playback.timeline_edges import EdgeDragger
from app.ui.playback.timeline_layer import FLAG_COLOUR, LANE_H, RULER_H, LayerPainter, View
from app.ui.playback.timeline_track import LineTrack, describe
from app.ui.transcript.transcript_model import CurrentRole, TranscriptModel

__all__ = ["FLAG_COLOUR", "HEIGHT", "PLAYHEAD_HALF", "Timeline"]

HEIGHT = 90
MIN_SPAN_MS = 5_000  # the closest zoom: 5 s across the width
ZOOM_STEP = 1.25  # per wheel notch
SEEK_EVERY_MS = 50  # a drag seeks at most this often (each VLC seek decodes from a keyframe)
PLAYHEAD_HALF = 5  # half the width of the strip a playhead move repaints


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
        self._track = LineTrack(())
        self._peaks: Peaks | None = None
        self._peak_level = 1
        self._message = ""
        self._layer: QPixmap | None = None
        self._layer_painter = LayerPainter()
        self._current: int | None = None  # sorted index of the playing line
        self._drag: str | None = None
        self._pan_from = (0, 0.0)
        self._last_seek = -1
        self._seek_clock = QElapsedTimer()
        self.edges = EdgeDragger(self, self)  # retiming: a block's edge dragged
        self.edges.clicked.connect(lambda ms: self._seek(ms, force=True))

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
        self._track = LineTrack(self._lines)
        self._current = None
        self._invalidate()

    def _on_data_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if CurrentRole in roles or self._model is None:
            return  # the playing line moved: set_position draws that
        for row in range(top.row(), bottom.row() + 1):
            line = self._model.line(row)
            if self._track.timing_changed(row, line):
                self.refresh()  # a timing edit: the order may change
                return
            self._track.read_review(row, line)
        self._invalidate()

    def set_duration(self, ms: int) -> None:
        if ms != self._duration:
            self._duration = max(0, ms)
            self._fit_or_clamp()

    def set_peaks(self, peaks: Peaks | None) -> None:
        self._peaks = peaks
        self._peak_level = max(1, peaks.level()) if peaks is not None else 1
        self._message = ""
        self._layer_painter.forget_wave()
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

    @property
    def track(self) -> LineTrack:
        return self._track

    def span_ms(self) -> int:
        """The length the strip shows: the media's, else what the audio and the lines cover."""
        if self._duration > 0:
            return self._duration
        audio = self._peaks.duration_ms if self._peaks is not None else 0
        return max(audio, self._track.end_ms())

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
                self._set_current(self._track.line_at(ms), repaint=False)
                return
        old_x, new_x = round(self.x_of(old)), round(self.x_of(ms))
        if old_x != new_x:
            h = self.height()
            self.update(QRect(old_x - PLAYHEAD_HALF, 0, 2 * PLAYHEAD_HALF + 1, h))
            self.update(QRect(new_x - PLAYHEAD_HALF, 0, 2 * PLAYHEAD_HALF + 1, h))
        self._set_current(self._track.line_at(ms), repaint=True)

    def position(self) -> int:
        return self._position

    def _set_current(self, index: int | None, *, repaint: bool) -> None:
        if index == self._current:
            return
        old, self._current = self._current, index
        if repaint:
            for changed in (old, index):
                if changed is not None:
                    self.update(self._block_rect(changed).adjusted(-2, -2, 2, 2))

    def _block_rect(self, index: int) -> QRect:
        x0 = int(np.floor(self.x_of(float(self._track.starts[index]))))
        x1 = max(int(np.floor(self.x_of(float(self._track.ends[index])))), x0 + 2)
        return QRect(x0, self.height() - LANE_H, x1 - x0, LANE_H - 1)

    # -- hover -----------------------------------------------------------------------------------
    def text_at(self, pos: QPoint) -> str:
        """The tooltip at ``pos``: the line there (time, text, notes) or the time."""
        ms = self.ms_at(pos.x())
        index = self._track.line_under(ms, self._mpp)
        if index is None:
            return format_hms(ms)
        return describe(self._lines[int(self._track.order[index])], self.tr("Flagged"))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.text_at(event.pos()), self)
            return True
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._layer_painter.forget_wave()
            self._invalidate()
        return super().event(event)

    # -- input -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.span_ms() <= 0:
            return super().mousePressEvent(event)
        if self.edges.press(event.position()):
            return
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
        if self.edges.move(event.position()):
            return
        if self._drag == "pan":
            self.set_view(self._pan_from[1] - (x - self._pan_from[0]) * self._mpp, self._mpp)
        elif self._drag == "seek":
            self._seek(self.ms_at(x), force=False)
        elif event.position().y() < RULER_H and not self._fit:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif not self.edges.hover(event.position()):
            self.unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.edges.release(event.position()):
            return
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
        view = View(self._start, self._mpp, self.width(), self.height(), self.span_ms())
        peaks = (self._peaks, self._peak_level) if self._peaks is not None else None
        self._layer_painter.paint(painter, palette, view, self._track, peaks, self._message)
        painter.end()
        return layer
