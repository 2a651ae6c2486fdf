"""Retiming on the timeline: a line block's start or end edge dragged with the mouse.

The pointer over an edge (within ``GRAB_PX``) turns into a resize cursor; pressing there drags
that edge instead of seeking. While dragging, ``moved(row, start_ms, end_ms)`` says where the
line would go (at most every ``MOVE_EVERY_MS``, so a 100k-line list keeps up), and on release
``dropped(row, start_ms, end_ms)`` says where it went; Esc drops it where it was, and a press
let go where it was is a click (``clicked``: the timeline seeks). The edge
stops at the neighbour it would run into (a line that did not overlap it never comes to) and
a line keeps at least ``MIN_LENGTH_MS``. Who listens stores the change (one undoable step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent

from app.ui.playback.timeline_layer import LANE_H
from app.ui.playback.timeline_track import LineTrack

__all__ = ["GRAB_PX", "MIN_LENGTH_MS", "EdgeDrag", "EdgeDragger", "edge_at"]

GRAB_PX = 4
MIN_LENGTH_MS = 100
MOVE_EVERY_MS = 40
CLICK_PX = 3  # a press and release closer than this is a click

Edge = Literal["start", "end"]


class Strip(Protocol):
    """What the dragger needs of the timeline widget."""

    @property
    def track(self) -> LineTrack: ...
    def x_of(self, ms: float) -> float: ...
    def ms_at(self, x: float) -> int: ...
    def span_ms(self) -> int: ...
    def height(self) -> int: ...
    def setCursor(self, cursor: Qt.CursorShape) -> None: ...
    def unsetCursor(self) -> None: ...
    def grabKeyboard(self) -> None: ...
    def releaseKeyboard(self) -> None: ...
    def installEventFilter(self, watcher: QObject) -> None: ...


@dataclass
class EdgeDrag:
    """One edge being dragged: the model's ``row``, which ``edge``, the line's times ``was``
    before, and the range [low, high] the edge may move in."""

    row: int
    edge: Edge
    was: tuple[int, int]
    low: int
    high: int

    def to(self, ms: int) -> tuple[int, int]:
        """The line's (start, end) with the edge at ``ms``, kept in its range."""
        ms = min(max(ms, self.low), self.high)
        return (ms, self.was[1]) if self.edge == "start" else (self.was[0], ms)


def edge_at(strip: Strip, x: float, y: float) -> EdgeDrag | None:
    """The edge under the pointer at (x, y) in the lines' lane, nearest first, if one is
    within ``GRAB_PX``."""
    track = strip.track
    if y < strip.height() - LANE_H or not len(track):
        return None
    before, _after = track.near(strip.ms_at(x))
    best: tuple[float, int, Edge] | None = None
    for index in range(max(before - 1, 0), min(before + 3, len(track))):
        both: tuple[tuple[Edge, float], ...] = (
            ("start", float(track.starts[index])),
            ("end", float(track.ends[index])),
        )
        for edge, ms in both:
            at = strip.x_of(ms)
            distance = abs(at - x)
            # Where one line ends as the next starts, the side of the pointer decides.
            inside = x >= at if edge == "start" else x <= at
            key = distance - (0.5 if inside else 0.0)
            if distance <= GRAB_PX and (best is None or key < best[0]):
                best = (key, index, edge)
    if best is None:
        return None
    _key, index, edge = best
    return _drag(track, index, edge, strip.span_ms())


def _drag(track: LineTrack, index: int, edge: Edge, span_ms: int) -> EdgeDrag:
    start, end = int(track.starts[index]), int(track.ends[index])
    row = int(track.order[index])
    if edge == "start":
        before = int(track.ends[index - 1]) if index > 0 else 0
        low = before if before <= start else 0
        return EdgeDrag(row, edge, (start, end), low, max(low, end - MIN_LENGTH_MS))
    after = int(track.starts[index + 1]) if index + 1 < len(track) else max(span_ms, end)
    high = after if after >= end else max(span_ms, end)
    return EdgeDrag(row, edge, (start, end), min(start + MIN_LENGTH_MS, high), high)


class EdgeDragger(QObject):
    """The timeline's edge drags; the widget hands it its mouse events first."""

    moved = Signal(int, int, int)  # row, start ms, end ms
    dropped = Signal(int, int, int)
    #: pressed on an edge and let go without dragging: a click, which seeks (ms)
    clicked = Signal(int)

    def __init__(self, strip: Strip, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._strip = strip
        self._drag: EdgeDrag | None = None
        self._last: tuple[int, int] | None = None
        self._pressed_x = 0.0
        self._clock = QElapsedTimer()
        self.enabled = False  # on once someone stores what is dropped
        strip.installEventFilter(self)

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    def press(self, pos: QPointF) -> bool:
        """Start dragging the edge under ``pos``; False when there is none (then seek)."""
        self._drag = edge_at(self._strip, pos.x(), pos.y()) if self.enabled else None
        if self._drag is None:
            return False
        self._last = self._drag.was
        self._pressed_x = pos.x()
        self._clock.restart()
        self._strip.grabKeyboard()  # for Esc
        return True

    def hover(self, pos: QPointF) -> bool:
        """The resize cursor over an edge; False when not over one."""
        if not self.enabled or edge_at(self._strip, pos.x(), pos.y()) is None:
            return False
        self._strip.setCursor(Qt.CursorShape.SizeHorCursor)
        return True

    def move(self, pos: QPointF) -> bool:
        if self._drag is None:
            return False
        self._strip.setCursor(Qt.CursorShape.SizeHorCursor)
        times = self._drag.to(self._strip.ms_at(pos.x()))
        if times != self._last and self._clock.elapsed() >= MOVE_EVERY_MS:
            self._last = times
            self._clock.restart()
            self.moved.emit(self._drag.row, *times)
        return True

    def release(self, pos: QPointF) -> bool:
        if self._drag is None:
            return False
        if abs(pos.x() - self._pressed_x) < CLICK_PX and self._last == self._drag.was:
            self._finish(self._drag.was)
            self.clicked.emit(self._strip.ms_at(pos.x()))
        else:
            self._finish(self._drag.to(self._strip.ms_at(pos.x())))
        return True

    def cancel(self) -> None:
        if self._drag is not None:
            self._finish(self._drag.was)

    def _finish(self, times: tuple[int, int]) -> None:
        drag, self._drag = self._drag, None
        assert drag is not None
        self._strip.releaseKeyboard()
        self._strip.unsetCursor()
        self.dropped.emit(drag.row, *times)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._drag is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.cancel()
            return True
        return super().eventFilter(watched, event)
