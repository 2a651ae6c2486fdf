"""The Player interface the UI talks to, whatever plays the media.

Every method is called on the Qt GUI thread. ``time()`` is cheap and smooth (interpolated between
the backend's coarse updates) so the UI can poll it on a timer to follow playback.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal

__all__ = ["Player", "PlayerState"]


class PlayerState(StrEnum):
    EMPTY = "empty"  # nothing loaded
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"
    ERROR = "error"


class Player(QObject):
    """Abstract player. Subclasses implement the methods; signals are shared.

    Signals are emitted on the GUI thread only.
    """

    stateChanged = Signal(str)  # a PlayerState value
    durationChanged = Signal(int)  # ms, once known
    seeked = Signal(int)  # ms: the clock jumped (user seek), follow the new position at once
    errorOccurred = Signal(str)  # one-line, user-readable reason

    #: False when the backend cannot play at all (e.g. libVLC missing); see ``unavailable_reason``.
    available: bool = True
    unavailable_reason: str = ""

    def load(self, path: str) -> None:
        """Open a media file (paused at 0 until ``play``); errors go to ``errorOccurred``."""
        raise NotImplementedError

    def play(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def toggle(self) -> None:
        """Play if paused/stopped/ended, pause if playing."""
        if self.state() == PlayerState.PLAYING:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        raise NotImplementedError

    def seek(self, ms: int) -> None:
        """Go to ``ms`` now, or as soon as playback can seek (a pending seek before first play)."""
        raise NotImplementedError

    def time(self) -> int:
        """Current position in ms, interpolated between backend updates, never running backwards
        except after a seek."""
        raise NotImplementedError

    def duration(self) -> int:
        """Media length in ms, or 0 while unknown."""
        raise NotImplementedError

    def state(self) -> PlayerState:
        raise NotImplementedError

    def set_rate(self, rate: float) -> None:
        """Playback speed, 1.0 is normal (reviewers slow down to 0.5-0.75 for fast speech)."""
        raise NotImplementedError

    def rate(self) -> float:
        return 1.0

    def is_playing(self) -> bool:
        return self.state() == PlayerState.PLAYING

    def set_video_window(self, win_id: int) -> None:
        """Draw video into the native window ``win_id`` (a QWidget's ``winId()``)."""

    def release(self) -> None:
        """Stop and free the backend; call before the video widget is destroyed."""
