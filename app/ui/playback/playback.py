"""Review playback on top of the player: speed steps, skips, frame steps, line jumps, a line loop
and "play the selected lines only" -- what a reviewer needs to hear the same second five times
without touching the mouse.

The transcript-aware parts live here, not in the player: the player knows times, this knows
lines. Loops and selection play are checked on a short timer that runs only while one of them is
on and the player plays; one tick is a clock read and two integer compares.

Rows are source rows of the TranscriptModel (what ``TranscriptView.selected_rows`` returns).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from app.player.base import Player, PlayerState
from app.ui.playback.playback_settings import playback_settings
from app.ui.playback.spans import RATES, OwnSeek, Span, describe, format_rate, merged_spans, span_of
from app.ui.review.commands import counted
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["DEFAULT_REWIND_MS", "RATES", "PlaybackController", "format_rate"]

DEFAULT_REWIND_MS = 1000
DEFAULT_SKIP_SMALL_MS = 1000
DEFAULT_SKIP_BIG_MS = 5000

#: How often a loop or selection play checks the clock while playing.
WATCH_MS = 20
#: A seek that lands this close before a range's start still counts as inside it (a resume that
#: rewinds a little, a skip back from the start of a line).
BEFORE_START_SLACK_MS = 100


class PlaybackController(QObject):
    loopChanged = Signal(bool)
    selectionPlayChanged = Signal(bool)
    rateChanged = Signal(float)
    message = Signal(str)  # one line for the status bar
    #: A line jump landed on this source row (previous/next/replay): the window may select it.
    lineJumped = Signal(int)

    def __init__(
        self,
        player: Player,
        model: TranscriptModel,
        selected_rows: Callable[[], Sequence[int]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._model = model
        self._selected_rows = selected_rows
        self.skip_small_ms = DEFAULT_SKIP_SMALL_MS
        self.skip_big_ms = DEFAULT_SKIP_BIG_MS
        self.click_plays = True
        self._loop: Span | None = None
        self._spans: list[Span] = []  # play-selection segments, in time order
        self._span_ends: list[int] = []
        self._own_seek = 0
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check)
        player.stateChanged.connect(self._on_state)
        player.seeked.connect(self._on_seeked)
        player.rateChanged.connect(self.rateChanged)
        model.modelReset.connect(self._stop_modes)
        self.set_rewind_ms(DEFAULT_REWIND_MS)

    # -- settings --------------------------------------------------------------------------
    def set_rewind_ms(self, ms: int) -> None:
        """After a pause, playback restarts ``ms`` earlier (0 turns it off)."""
        self._player.set_resume_rewind(max(0, int(ms)))

    def rewind_ms(self) -> int:
        return self._player.resume_rewind()

    def set_skip_steps(self, small_ms: int, big_ms: int) -> None:
        self.skip_small_ms = max(1, int(small_ms))
        self.skip_big_ms = max(1, int(big_ms))

    def apply_settings(self, settings: QSettings | None = None) -> None:
        """Take the rewind and skip sizes from the preferences (defaults where unset)."""
        values = playback_settings(settings)
        self.set_rewind_ms(values.rewind_ms)
        self.set_skip_steps(values.skip_short_ms, values.skip_long_ms)
        self.click_plays = values.click_plays

    def line_activated(self, _row: int) -> None:
        """A click or Enter on a line, once the window has gone there: play from it, unless the
        preference says only go there."""
        if self.click_plays and not self._player.is_playing():
            self._player.play()

    # -- play / pause / skip -----------------------------------------------------------------
    def toggle(self) -> None:
        """Play/pause (the resume rewind is the player's: Space may call either)."""
        with self._seeking():
            self._player.toggle()

    def skip(self, ms: int) -> None:
        """Move by ``ms`` (negative: back), clamped to the media."""
        target = max(0, self._player.time() + int(ms))
        duration = self._player.duration()
        if duration > 0:
            target = min(target, duration)
        self._seek(target)

    def skip_back(self, big: bool = False) -> None:
        self.skip(-(self.skip_big_ms if big else self.skip_small_ms))

    def skip_forward(self, big: bool = False) -> None:
        self.skip(self.skip_big_ms if big else self.skip_small_ms)

    def step_frame(self, forward: bool = True) -> None:
        """One frame on or back while paused; while playing, the first press pauses."""
        if self._player.state() == PlayerState.STOPPED and self._player.duration() > 0:
            # Opened and never played, the media is held on its picture: step that picture.
            step = self._player.frame_ms() if forward else -self._player.frame_ms()
            self._seek(max(0, round(self._player.time() + step)))
            return
        if self._player.state() not in (PlayerState.PLAYING, PlayerState.PAUSED):
            self.message.emit(self.tr("Frame steps need a paused video"))
            return
        with self._seeking():
            self._player.step_frame(forward)

    # -- speed -------------------------------------------------------------------------------
    def rate(self) -> float:
        return self._player.rate()

    def set_rate(self, rate: float) -> None:
        rate = min(RATES[-1], max(RATES[0], float(rate)))
        self._player.set_rate(rate)  # the player's rateChanged is forwarded
        self.message.emit(self.tr("Speed %1").replace("%1", format_rate(self._player.rate())))

    def faster(self) -> None:
        current = self._player.rate()
        self.set_rate(next((r for r in RATES if r > current + 1e-6), RATES[-1]))

    def slower(self) -> None:
        current = self._player.rate()
        self.set_rate(next((r for r in reversed(RATES) if r < current - 1e-6), RATES[0]))

    def normal_speed(self) -> None:
        self.set_rate(1.0)

    # -- sound -------------------------------------------------------------------------------
    def toggle_mute(self) -> None:
        self._player.set_muted(not self._player.is_muted())
        self.message.emit(self.tr("Sound off") if self._player.is_muted() else self.tr("Sound on"))

    # -- lines -------------------------------------------------------------------------------
    def current_line_row(self) -> int | None:
        """The line playing, or the last one started (in a gap), or None before the first."""
        ms = self._player.time()
        row = self._model.row_at_time(ms)
        return row if row is not None else self._model.last_started_row(ms)

    def previous_line(self) -> None:
        """The start of the line before the playing one (in a gap: of the line just heard)."""
        ms = self._player.time()
        playing = self._model.row_at_time(ms)
        row = playing - 1 if playing is not None else self._model.last_started_row(ms)
        if row is None or row < 0:
            self.message.emit(self.tr("This is the first line"))
            return
        self._go_to_row(row)

    def next_line(self) -> None:
        """The start of the first line that starts after now."""
        lines = self._model.lines()
        row = bisect.bisect_right(lines, self._player.time(), key=lambda line: line.start_ms)
        if row >= len(lines):
            self.message.emit(self.tr("This is the last line"))
            return
        self._go_to_row(row)

    def replay_line(self) -> None:
        """From the start of the playing line, playing."""
        row = self.current_line_row()
        if row is None:
            if not self._model.rowCount():
                return
            row = 0
        self._go_to_row(row)
        self._play()

    # -- loop ----------------------------------------------------------------------------------
    @property
    def looping(self) -> bool:
        return self._loop is not None

    def loop_range(self) -> tuple[int, int] | None:
        return None if self._loop is None else (self._loop.start, self._loop.end)

    def toggle_loop(self, rows: Sequence[int] | None = None) -> None:
        """Loop the given lines (default: the selected ones, else the playing one), from the first
        one's start to the last one's end; a second call stops looping."""
        if self._loop is not None:
            self._set_loop(None)
            self.message.emit(self.tr("Loop off"))
            return
        span = span_of([self._model.line(row) for row in self._rows(rows)])
        if span is None:
            self.message.emit(self.tr("No line to loop"))
            return
        self._stop_selection_play()
        self._set_loop(span)
        ms = self._player.time()
        if not span.start - BEFORE_START_SLACK_MS <= ms < span.end:
            self._seek(span.start)
        self._play()
        self.message.emit(self.tr("Looping %1").replace("%1", describe(span)))

    # -- play selected lines only -------------------------------------------------------------
    @property
    def playing_selection(self) -> bool:
        return bool(self._spans)

    def play_selection(self, rows: Sequence[int] | None = None) -> None:
        """Play the given lines (default: the selected ones) and nothing between them: from the
        first one's start, jumping over unselected lines, pausing after the last."""
        picked = sorted(set(self._rows(rows)))
        if not picked:
            self.message.emit(self.tr("Select the lines to play"))
            return
        spans = merged_spans([self._model.line(row) for row in picked])
        self._set_loop(None)
        self._set_selection_play(spans)
        self._seek(spans[0].start)
        self._play()
        self.message.emit(
            counted(
                len(picked),
                self.tr("Playing the selected line"),
                self.tr("Playing %1 selected lines"),
            )
        )

    def stop_modes(self) -> None:
        """Loop and selection play off (e.g. a new transcript)."""
        self._stop_modes()

    # -- internals ------------------------------------------------------------------------------
    def _rows(self, rows: Sequence[int] | None) -> list[int]:
        if rows is None:
            rows = self._selected_rows()
        rows = [row for row in rows if 0 <= row < self._model.rowCount()]
        if not rows:
            row = self.current_line_row()
            rows = [] if row is None else [row]
        return list(rows)

    def _go_to_row(self, row: int) -> None:
        self._seek(self._model.line(row).start_ms)
        self.lineJumped.emit(row)

    def _seek(self, ms: int) -> None:
        with self._seeking():
            self._player.seek(ms)

    def _play(self) -> None:
        if self._player.state() != PlayerState.PLAYING:
            with self._seeking():
                self._player.play()

    def _seeking(self) -> OwnSeek:
        return OwnSeek(self)

    def _set_loop(self, span: Span | None) -> None:
        was = self._loop is not None
        self._loop = span
        if was != (span is not None):
            self.loopChanged.emit(span is not None)
        self._update_watch()

    def _set_selection_play(self, spans: list[Span]) -> None:
        was = bool(self._spans)
        self._spans = spans
        self._span_ends = [span.end for span in spans]
        if was != bool(spans):
            self.selectionPlayChanged.emit(bool(spans))
        self._update_watch()

    def _stop_selection_play(self) -> None:
        self._set_selection_play([])

    def _stop_modes(self) -> None:
        self._set_loop(None)
        self._stop_selection_play()

    def _update_watch(self) -> None:
        active = self._loop is not None or bool(self._spans)
        if active and self._player.state() == PlayerState.PLAYING:
            if not self._watch.isActive():
                self._watch.start()
        else:
            self._watch.stop()

    def _check(self) -> None:
        """One watch tick: keep the playhead inside the loop or the selected lines."""
        ms = self._player.time()
        if self._loop is not None:
            if ms >= self._loop.end:
                self._seek(self._loop.start)
            return
        if not self._spans:
            return
        index = bisect.bisect_right(self._span_ends, ms)
        if index >= len(self._spans):
            self._finish_selection_play()
        elif ms < self._spans[index].start - BEFORE_START_SLACK_MS:
            self._seek(self._spans[index].start)  # in a gap: on to the next selected line

    def _finish_selection_play(self) -> None:
        self._stop_selection_play()
        if self._player.state() == PlayerState.PLAYING:
            self._player.pause()
        self.message.emit(self.tr("End of the selected lines"))

    def _on_state(self, state: str) -> None:
        if state == PlayerState.ENDED:
            if self._loop is not None:  # the loop ran into the end of the media
                self._seek(self._loop.start)
                self._play()
            elif self._spans:
                self._finish_selection_play()
        elif state in (PlayerState.STOPPED, PlayerState.ERROR, PlayerState.EMPTY):
            self._stop_modes()
        self._update_watch()

    def _on_seeked(self, ms: int) -> None:
        """Someone else moved the playhead (a click on a line, the slider): leaving the loop or
        the selection ends that mode; our own seeks never do."""
        if self._own_seek:
            return
        if self._loop is not None and not (
            self._loop.start - self.rewind_ms() - BEFORE_START_SLACK_MS <= ms < self._loop.end
        ):
            self._set_loop(None)
            self.message.emit(self.tr("Loop off"))
        if self._spans and not any(
            s.start - self.rewind_ms() - BEFORE_START_SLACK_MS <= ms < s.end for s in self._spans
        ):
            self._stop_selection_play()
