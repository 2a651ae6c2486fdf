"""FakePlayer: a Player with a hand-driven clock, for logic tests that need no picture.

It keeps the same rules as VlcPlayer where the UI can notice them: a seek before the first play
is kept and applied when playing starts, seeking while paused keeps the state, the clock stops at
the duration and the state becomes ENDED there. Tests move time with ``advance(ms)``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.player.base import Player, PlayerState

__all__ = ["FakePlayer"]


class FakePlayer(Player):
    def __init__(
        self,
        parent: QObject | None = None,
        *,
        duration: int = 0,
        video: bool = True,
        fps: float = 25.0,
    ) -> None:
        super().__init__(parent)
        self._time = 0.0
        self._duration = duration
        self._rate = 1.0
        self._volume = 100
        self._muted = False
        #: What ``has_video`` says once a media is loaded (False: an audio-only file).
        self.video = video
        self.fps = fps
        self._has_video = True
        self._state = PlayerState.EMPTY
        self.path: str | None = None
        self.window: int | None = None
        self.released = False
        #: Every seek target, in order, as the test can check them.
        self.seeks: list[int] = []
        #: Every state entered, in order (also emitted as stateChanged).
        self.states: list[PlayerState] = []
        #: Paths that ``load`` must fail on, with the reason to emit.
        self.fail_on: dict[str, str] = {}

    # -- test controls ---------------------------------------------------------------------------

    def advance(self, ms: int) -> None:
        """Let ``ms`` of wall time pass: the position moves by ms x rate while playing."""
        if self._state != PlayerState.PLAYING:
            return
        self._time += ms * self._rate
        if self._duration and self._time >= self._duration:
            self._time = float(self._duration)
            self._set_state(PlayerState.ENDED)

    def set_duration(self, ms: int) -> None:
        self._duration = ms
        self.durationChanged.emit(ms)

    def fail(self, reason: str) -> None:
        """Simulate a backend error while playing."""
        self._set_state(PlayerState.ERROR)
        self.errorOccurred.emit(reason)

    # -- Player interface ------------------------------------------------------------------------

    def load(self, path: str) -> None:
        self.path = path
        self._time = 0.0
        self._paused_in_place = False
        if path in self.fail_on:
            self.fail(self.fail_on[path])
            return
        self._set_state(PlayerState.STOPPED)
        if self._duration:
            self.durationChanged.emit(self._duration)
        self._has_video = self.video
        self.hasVideoChanged.emit(self.video)

    def play(self) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        if self._state == PlayerState.ENDED and self._time >= self._duration:
            self._time = 0.0
        if self._state == PlayerState.PAUSED:
            target = self._resume_target()
            if target is not None:
                self.seek(target)
        self._paused_in_place = False
        self._set_state(PlayerState.PLAYING)

    def pause(self) -> None:
        if self._state == PlayerState.PLAYING:
            self._set_state(PlayerState.PAUSED)
            self._paused_in_place = True

    def stop(self) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        self._time = 0.0
        self._paused_in_place = False
        self._set_state(PlayerState.STOPPED)

    def seek(self, ms: int) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        ms = max(0, int(ms))
        if self._duration:
            ms = min(ms, self._duration)
        self.seeks.append(ms)
        self._time = float(ms)
        self._paused_in_place = False
        if self._state == PlayerState.ENDED and ms < self._duration:
            self._set_state(PlayerState.PAUSED)
        self.seeked.emit(ms)

    def time(self) -> int:
        return int(self._time)

    def duration(self) -> int:
        return self._duration

    def state(self) -> PlayerState:
        return self._state

    def set_rate(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        if rate != self._rate:
            self._rate = rate
            self.rateChanged.emit(float(rate))

    def rate(self) -> float:
        return self._rate

    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, int(volume)))
        if volume != self._volume:
            self._volume = volume
            self.volumeChanged.emit(volume)

    def volume(self) -> int:
        return self._volume

    def set_muted(self, muted: bool) -> None:
        if bool(muted) != self._muted:
            self._muted = bool(muted)
            self.mutedChanged.emit(self._muted)

    def is_muted(self) -> bool:
        return self._muted

    def has_video(self) -> bool:
        return self._has_video

    def frame_ms(self) -> float:
        return 1000.0 / self.fps

    def set_video_window(self, win_id: int) -> None:
        self.window = win_id

    def release(self) -> None:
        self.released = True
        self._state = PlayerState.EMPTY

    def _set_state(self, state: PlayerState) -> None:
        if state != self._state:
            self._state = state
            self.states.append(state)
            self.stateChanged.emit(state.value)
