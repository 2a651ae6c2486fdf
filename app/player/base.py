"""The Player interface the UI talks to, whatever plays the media.

Every method is called on the Qt GUI thread. ``time()`` is cheap and smooth (interpolated between
the backend's coarse updates) so the UI can poll it on a timer to follow playback.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

__all__ = ["DEFAULT_FRAME_MS", "Player", "PlayerState"]

#: A frame at 25 fps, for media whose frame rate is unknown (and audio-only media).
DEFAULT_FRAME_MS = 40.0


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
    #: ms: the clock corrected itself backwards to the backend's report (VLC stalled, e.g. under
    #: load). Not a seek: nobody moved the playhead, so loops and selection play go on.
    resynced = Signal(int)
    errorOccurred = Signal(str)  # one-line, user-readable reason
    #: One-line, user-readable: something is wrong but playback goes on (e.g. sound only because
    #: the video's codec cannot be decoded).
    warningOccurred = Signal(str)
    rateChanged = Signal(float)
    volumeChanged = Signal(int)  # 0-100
    mutedChanged = Signal(bool)
    #: Whether the media has a picture, once known (after parsing); False for audio-only media,
    #: so the window can give the video area to the transcript.
    hasVideoChanged = Signal(bool)
    #: The exact picture at the position while the backend shows none, or not exactly that one
    #: (opened and never played, stopped, ended, seeked or stepped while paused): the video pane
    #: shows it instead of the backend's window. A null QImage: show the backend's picture again
    #: (it plays), or there is none (no media, no picture in it).
    posterChanged = Signal(QImage)

    #: False when the backend cannot play at all (e.g. libVLC missing); see ``unavailable_reason``.
    available: bool = True
    unavailable_reason: str = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._resume_rewind_ms = 0
        #: Paused by ``pause`` and not moved since: the resume rewind applies.
        self._paused_in_place = False

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

    # -- sound -----------------------------------------------------------------------------------

    def set_volume(self, volume: int) -> None:
        """0-100 (values outside are clamped); kept across media."""
        raise NotImplementedError

    def volume(self) -> int:
        return 100

    def set_muted(self, muted: bool) -> None:
        raise NotImplementedError

    def is_muted(self) -> bool:
        return False

    # -- what the media holds --------------------------------------------------------------------

    def has_video(self) -> bool:
        """True while unknown; False once the loaded media is known to have no picture."""
        return True

    def frame_ms(self) -> float:
        """Length of one video frame in ms (from the video track's frame rate; 40 when unknown)."""
        return DEFAULT_FRAME_MS

    # -- review helpers --------------------------------------------------------------------------

    def step_frame(self, forward: bool = True) -> None:
        """One frame on or back while paused (a playing player just pauses). The base version
        seeks by one frame; backends with a native step override the forward case."""
        if self.state() == PlayerState.PLAYING:
            self.pause()
            return
        if self.state() != PlayerState.PAUSED:
            return
        delta = self.frame_ms() if forward else -self.frame_ms()
        self.seek(max(0, round(self.time() + delta)))

    def set_resume_rewind(self, ms: int) -> None:
        """Resuming after a pause restarts ``ms`` earlier (0: off, the default), unless the user
        moved the position while paused: then playback starts where they put it."""
        self._resume_rewind_ms = max(0, int(ms))

    def resume_rewind(self) -> int:
        return self._resume_rewind_ms

    def _resume_target(self) -> int | None:
        """Where a resume starts when the rewind applies (called by ``play`` while paused)."""
        rewind = self.resume_rewind()
        if rewind <= 0 or not self._paused_in_place:
            return None
        return max(0, self.time() - rewind)

    def set_video_window(self, win_id: int) -> None:
        """Draw video into the native window ``win_id`` (a QWidget's ``winId()``)."""

    def release(self) -> None:
        """Stop and free the backend; call before the video widget is destroyed."""
