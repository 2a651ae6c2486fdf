"""A smooth media clock between a backend's coarse time reports.

libVLC 3 reports the position in 250-500 ms steps, and its reports jitter: one can arrive a little
behind what we already showed. The UI polls ``time()`` every few tens of ms to follow playback,
so this clock interpolates from the last anchor (media ms, wall time) and refuses to run backwards
unless told that the user jumped (``seek``).

Pure Python on purpose (no Qt): the wall clock is injectable, so the tests drive time by hand.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable

__all__ = ["InterpolatedClock"]


class InterpolatedClock:
    """Media position in ms, interpolated while playing, monotonic between seeks.

    ``now`` returns wall seconds from a monotonic source (default ``time.monotonic``).
    """

    #: A backend report further behind than this is not jitter but a real jump (the backend
    #: restarted, or stalled for long): follow it instead of freezing the display for seconds.
    RESYNC_MS = 1500
    #: After a seek, reports far from the target are stale (queued before the seek landed) and are
    #: ignored for this long, so the clock does not bounce back to the old position.
    SEEK_SETTLE_S = 1.0
    SEEK_SETTLE_MS = 1000

    def __init__(self, now: Callable[[], float] = _time.monotonic) -> None:
        self._now = now
        self._anchor_ms = 0.0
        self._anchor_wall = now()
        self._rate = 1.0
        self._playing = False
        self._duration = 0
        # Highest value already shown (or that would have been shown): the clock never goes below
        # it until the next seek.
        self._floor = 0.0
        self._seek_target: int | None = None
        self._seek_deadline = 0.0

    # -- queries -------------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def duration(self) -> int:
        return self._duration

    def time(self) -> int:
        """Current position in ms (an int, clamped to ``[0, duration]`` once duration is known)."""
        value = max(self._floor, self._predict())
        self._floor = value
        return round(self._clamp(value))  # round, not int(): 0.8 - 0.1 s is 699.99.. ms

    # -- changes ---------------------------------------------------------------------------------

    def update(self, media_ms: int) -> bool:
        """A backend time report. Returns True when it made the clock jump backwards (a resync the
        UI should treat like a seek); small lags are absorbed by holding still until caught up."""
        predicted = self._predict()
        if self._seek_target is not None:
            if self._now() >= self._seek_deadline:
                self._seek_target = None
            elif abs(media_ms - predicted) > self.SEEK_SETTLE_MS:
                # Stale (queued before the seek landed), or VLC's restart of its outputs after
                # a seek, which reports 0 or the old spot for a while even after a report from
                # the target: the whole settle time, only reports near the target count.
                return False
        if media_ms <= 0 and self._playing and predicted > self.RESYNC_MS:
            return False  # libVLC's "no time yet" while its input restarts, not a real jump
        self._anchor(float(media_ms))
        if media_ms < predicted - self.RESYNC_MS:
            self._floor = float(media_ms)
            return True
        # Hold: whatever we could have shown stays the minimum; the anchor runs on from the true
        # position and overtakes the floor when the backend has caught up.
        self._floor = max(self._floor, predicted)
        return False

    def seek(self, media_ms: int) -> None:
        """The user jumped: take ``media_ms`` as truth, even backwards."""
        media_ms = int(self._clamp(max(0, media_ms)))
        self._anchor(float(media_ms))
        self._floor = float(media_ms)
        self._seek_target = media_ms
        self._seek_deadline = self._now() + self.SEEK_SETTLE_S

    def set_playing(self, playing: bool) -> None:
        if playing == self._playing:
            return
        # Freeze (or restart) from the value the user sees, so play/pause never causes a jump.
        self._anchor(max(self._floor, self._predict()))
        self._playing = playing

    def set_rate(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self._anchor(max(self._floor, self._predict()))
        self._rate = rate

    def set_duration(self, ms: int) -> None:
        self._duration = max(0, int(ms))

    def reset(self) -> None:
        """Back to 0, stopped, duration unknown (a new media)."""
        self._playing = False
        self._duration = 0
        self._seek_target = None
        self.seek(0)
        self._seek_target = None

    # -- internals -------------------------------------------------------------------------------

    def _anchor(self, media_ms: float) -> None:
        self._anchor_ms = media_ms
        self._anchor_wall = self._now()

    def _predict(self) -> float:
        if not self._playing:
            return self._anchor_ms
        return self._anchor_ms + (self._now() - self._anchor_wall) * 1000.0 * self._rate

    def _clamp(self, value: float) -> float:
        if self._duration > 0:
            value = min(value, float(self._duration))
        return max(0.0, value)
