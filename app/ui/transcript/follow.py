"""Follow playback: poll the player's smooth clock on the GUI thread, mark the playing line, and
keep it in view until the user scrolls away on purpose.

One tick is a clock read, a bisect and an integer compare; rows are repainted and the view is
scrolled only when the playing line changes, so a 100k-line transcript costs nothing extra.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.player.base import Player, PlayerState
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["FollowController"]

TICK_MS = 40  # 25 Hz: smooth to the eye, far below VLC's 250-500 ms updates in cost


class FollowController(QObject):
    currentRowChanged = Signal(object)  # int | None
    followingChanged = Signal(bool)
    #: "Back to current line" is worth offering: not following and the current line is off screen.
    backOffered = Signal(bool)
    ticked = Signal(int)  # the clock in ms, for the transport bar

    def __init__(
        self, player: Player, model: TranscriptModel, view: TranscriptView, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._model = model
        self._view = view
        self._is_row_visible: Callable[[int], bool] = view.is_row_visible  # in the view shown
        self._following = True
        self._offered = False
        self._hold = False  # the next line change comes from a click: leave the view be
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        player.stateChanged.connect(self._on_state)
        player.seeked.connect(self._on_seeked)
        view.userScrolled.connect(self._on_user_scrolled)
        model.modelReset.connect(self._on_reset)

    @property
    def following(self) -> bool:
        return self._following

    def set_following(self, on: bool) -> None:
        if on == self._following:
            return
        self._following = on
        self.followingChanged.emit(on)
        if on:
            self._bring_into_view(force=True)
        self._update_offer()

    def show_in(self, is_row_visible: Callable[[int], bool]) -> None:
        """The user now sees the transcript in another view (the reading view): whether the
        current line is on screen is that view's to say."""
        self._is_row_visible = is_row_visible
        self._update_offer()

    def user_scrolled(self) -> None:
        """The user moved the view they see (wheel, scroll bar, keys): stop following."""
        self._on_user_scrolled()

    def back_to_current(self) -> None:
        self.set_following(True)

    def follow_from_click(self) -> None:
        """The user picked a line on screen to play from: follow again, but never scroll the
        row under the mouse away (a double-click's second click must land on the same line)."""
        self._hold = True
        if not self._following:
            self._following = True
            self.followingChanged.emit(True)
        self._update_offer()

    def tick(self) -> None:
        ms = self._player.time()
        self.ticked.emit(ms)
        row = self._model.row_at_time(ms)
        if self._model.set_current_row(row):
            self.currentRowChanged.emit(row)
            held, self._hold = self._hold, False
            # Scroll only to follow playback: a seek while paused (a click, a key) or the line a
            # click just chose stays where the user sees it.
            playing = self._player.state() == PlayerState.PLAYING
            visible = row is not None and self._is_row_visible(row)
            if self._following and playing and not (held and visible):
                self._bring_into_view()
            self._update_offer()

    def _bring_into_view(self, *, force: bool = False) -> None:
        row = self._model.current_row
        if row is None:
            row = self._model.last_started_row(self._player.time())
        if row is None:
            return
        self._view.keep_in_view(row, force=force)

    def _on_state(self, state: str) -> None:
        if state == PlayerState.PLAYING:
            self._timer.start()
        else:
            self._timer.stop()
        self.tick()

    def _on_seeked(self, _ms: int) -> None:
        self.tick()

    def _on_user_scrolled(self) -> None:
        if self._following and self._model.current_row is not None:
            self.set_following(False)
        self._update_offer()

    def _on_reset(self) -> None:
        self._following = True
        self.followingChanged.emit(True)
        self._update_offer()

    def _update_offer(self) -> None:
        row = self._model.current_row
        offer = not self._following and row is not None and not self._is_row_visible(row)
        if offer != self._offered:
            self._offered = offer
            self.backOffered.emit(offer)
