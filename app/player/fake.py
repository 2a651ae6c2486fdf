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
    def __init__(self, parent: QObject | None = None, *, duration: int = 0) -> None:
        super().__init__(parent)
        self._time = 0.0
        self._duration = duration
        self._rate = 1.0
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
        if path in self.fail_on:
            self.fail(self.fail_on[path])
            return
        self._set_state(PlayerState.STOPPED)
        if self._duration:
            self.durationChanged.emit(self._duration)

    def play(self) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        if self._state == PlayerState.ENDED and self._time >= self._duration:
            self._time = 0.0
        self._set_state(PlayerState.PLAYING)

    def pause(self) -> None:
        if self._state == PlayerState.PLAYING:
            self._set_state(PlayerState.PAUSED)

    def stop(self) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        self._time = 0.0
        self._set_state(PlayerState.STOPPED)

    def seek(self, ms: int) -> None:
        if self._state in (PlayerState.EMPTY, PlayerState.ERROR):
            return
        ms = max(0, int(ms))
        if self._duration:
            ms = min(ms, self._duration)
        self.seeks.append(ms)
        self._time = float(ms)
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
        self._rate = rate

    def rate(self) -> float:
        return self._rate

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
