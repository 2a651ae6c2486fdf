"""VlcCore: what VlcPlayer holds and how it follows libVLC, on the GUI thread.

It holds libVLC's objects (from app.player.vlc_loader), the interpolated clock, what is known of
the loaded media (codecs, frame length, a seek waiting for playback) and the poster shown while
VLC draws nothing (app.player.poster). It reacts to the events the bridge (app.player.vlc_events)
brings over from VLC's threads: time, length, playing, paused, stopped, ended, error, parsed.
VlcPlayer (app.player.vlc_player) adds what the UI asks of it, the Player interface.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QImage

from app.player import vlc_events as ev
from app.player.base import Player, PlayerState
from app.player.clock import InterpolatedClock
from app.player.poster import PosterMaker
from app.player.vlc_events import EventBridge
from app.player.vlc_loader import load_instance
from app.player.vlc_tracks import decoder_verdict, track_codecs

__all__ = ["VlcCore"]


class VlcCore(Player):
    """The state and the GUI-thread event handling of VlcPlayer; not a player on its own."""

    #: Once playback has run this far, a media track VLC did not select has no decoder.
    DECODER_CHECK_MS = 250

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        audio: bool = True,
        vlc_args: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        vlc, instance, reason = load_instance(audio=audio, extra_args=vlc_args)
        self._audio = audio
        # Any: python-vlc has no type hints, and the module is None only when unavailable.
        self._vlc: Any = cast(Any, vlc)
        self._instance: Any = instance
        self.available = self._instance is not None
        self.unavailable_reason = reason
        self._mp: Any = None
        self._media: Any = None
        self._state = PlayerState.EMPTY
        self._clock = InterpolatedClock()
        self._pending_seek: int | None = None  # applied once VLC is really playing
        self._want_pause = False  # pause() came while VLC was still opening the media
        # play() after a pause, VLC's Playing event not here yet: no paused redraw may be due
        # (play() stops it, seek() starts none), since next_frame on a playing input pauses it.
        self._resuming = False
        self._released = False
        self._volume = 100
        self._muted = False
        self._has_video = True
        self._frame_ms: float | None = None  # known once VLC shows the video
        self._video_codecs: list[str] = []  # fourccs of the media's tracks, once parsed
        self._audio_codecs: list[str] = []
        self._decoders_checked = False
        self._first_tick_ms: int | None = None
        self._media_events: Any = None
        # Paused, VLC decodes the sought frame but sometimes never displays it (about one run
        # in three under Xvfb the old picture stays up). Stepping one frame once the seek has
        # landed makes it draw; stepping at once can race the seek and show the old position.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(150)
        self._redraw.timeout.connect(self._redraw_paused)
        self._path = ""
        # libVLC draws nothing until it plays: before that the pane shows a decoded frame.
        self._poster = PosterMaker(self)
        self._poster.ready.connect(self._on_poster)
        self._bridge = EventBridge(self)
        self._bridge.vlcEvent.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        if not self.available:
            return
        self._mp = self._instance.media_player_new()
        # Qt, not VLC, must get clicks and keys over the video (VLC would e.g. toggle fullscreen).
        self._mp.video_set_mouse_input(False)
        self._mp.video_set_key_input(False)
        et = self._vlc.EventType
        events = self._mp.event_manager()
        self._bridge.attach(events, et.MediaPlayerTimeChanged, ev.TIME, "new_time")
        self._bridge.attach(events, et.MediaPlayerLengthChanged, ev.LENGTH, "new_length")
        self._bridge.attach(events, et.MediaPlayerPlaying, ev.PLAYING)
        self._bridge.attach(events, et.MediaPlayerPaused, ev.PAUSED)
        self._bridge.attach(events, et.MediaPlayerStopped, ev.STOPPED)
        self._bridge.attach(events, et.MediaPlayerEndReached, ev.ENDED)
        self._bridge.attach(events, et.MediaPlayerEncounteredError, ev.ERROR)

    # -- the picture while VLC shows none -------------------------------------------------------

    def _on_poster(self, image: QImage, _ms: int, frame_ms: float) -> None:
        if not self._usable() or self._media is None:
            return
        if self._frame_ms is None and frame_ms > 0:
            self._frame_ms = frame_ms  # frame steps are right before VLC has run the video
        if self._state == PlayerState.PLAYING or self._mp.get_state() == self._vlc.State.Playing:
            return  # VLC's moving picture is the one to see
        self.posterChanged.emit(image)

    def _redraw_paused(self) -> None:
        if self._usable() and self._media is not None and self._state == PlayerState.PAUSED:
            self._mp.next_frame()  # one frame on (40 ms at 25 fps); the clock keeps the target

    # -- VLC events (GUI thread) -------------------------------------------------------------------

    def _on_event(self, kind: int, value: int) -> None:
        if self._released or self._media is None:
            return  # queued before release() or before the media changed
        if self._state == PlayerState.ERROR:
            return  # VLC may still say Ended/Stopped after an error: the error is what counts
        if kind == ev.TIME:
            self._on_time(value)
        elif kind == ev.LENGTH:
            self._set_duration(value)
        elif kind == ev.PLAYING:
            self._on_playing()
        elif kind == ev.PAUSED:
            self._clock.set_playing(False)
            self._set_state(PlayerState.PAUSED)
        elif kind == ev.STOPPED:
            if self._state in (PlayerState.PLAYING, PlayerState.PAUSED):
                self._clock.set_playing(False)
                self._set_state(PlayerState.STOPPED)
        elif kind == ev.ENDED:
            # Ended before the first time report, from well before the end: VLC found nothing
            # it could decode (once playback has run, ended tracks read as unselected: no check).
            early = self._clock.time() < self._clock.duration - 1000
            if self._first_tick_ms is None and early and self._check_decoders():
                return
            self._clock.set_playing(False)
            self._clock.update(self._clock.duration or self._clock.time())
            self._set_state(PlayerState.ENDED)
            self._poster.request(self._path, self._clock.time())  # VLC closes its picture
        elif kind == ev.ERROR:
            self._fail(f"VLC could not play this file{self._vlc_detail()}")
        elif kind == ev.PARSED:
            self._on_parsed(value)

    def _on_time(self, ms: int) -> None:
        if self._pending_seek is not None:
            return  # VLC is still at the old spot; the clock already shows the target
        if not self._decoders_checked and self._state == PlayerState.PLAYING:
            if self._first_tick_ms is None:
                self._first_tick_ms = ms
            elif ms - self._first_tick_ms >= self.DECODER_CHECK_MS and self._check_decoders():
                return
        if self._state == PlayerState.PLAYING and not self._clock.playing:
            # First tick after starting: only now is the picture moving (VLC buffers first).
            self._clock.update(ms)
            self._clock.set_playing(True)
        elif self._clock.update(ms):
            # The clock ran ahead of a stalled VLC and fell back: a correction, not a seek.
            self.resynced.emit(self._clock.time())

    def _on_playing(self) -> None:
        self._first_tick_ms = None
        self._resuming = False
        self._poster.cancel()  # VLC draws from now on
        self.posterChanged.emit(QImage())
        self._apply_audio()  # VLC may have made its audio output only now
        if self._pending_seek is not None:
            target, self._pending_seek = self._pending_seek, None
            self._mp.set_time(target)
            self._clock.seek(target)
        self._set_state(PlayerState.PLAYING)
        if self._want_pause:
            self._want_pause = False
            self.pause()

    def _on_parsed(self, status: int) -> None:
        ps = self._vlc.MediaParsedStatus
        if status == ps.failed:
            self._fail("Cannot open the video: VLC cannot read this file (not a video?)")
        elif status == ps.done:
            tracks = self._media.tracks_get() or ()
            self._audio_codecs, self._video_codecs = track_codecs(tracks)
            if not self._audio_codecs and not self._video_codecs:
                self._fail(
                    "Cannot open the video: no audio or video found in this file "
                    "(damaged, incomplete, or not a media file?)"
                )
                return
            self._set_has_video(bool(self._video_codecs))
            self._set_duration(self._media.get_duration())

    def _check_decoders(self) -> bool:
        """Once per media, after playback ran a little (or ended at once): a track VLC left
        unselected is one it has no decoder for. Nothing playable is an error; a picture that
        cannot be decoded while the sound plays is a warning, and the media counts as audio-only.
        Returns True when it failed the media.
        """
        if self._decoders_checked or self._media is None:
            return False
        self._decoders_checked = True
        # The tracks are asked for only where there is one that could be lost.
        verdict = decoder_verdict(
            self._video_codecs,
            self._audio_codecs,
            audio_on=self._audio,
            video_track=self._mp.video_get_track() if self._video_codecs else -1,
            audio_track=self._mp.audio_get_track() if self._audio_codecs and self._audio else -1,
        )
        if verdict.error:
            self._fail(verdict.error)
            return True
        if verdict.video_lost:
            self._set_has_video(False)
        if verdict.warning:
            self.warningOccurred.emit(verdict.warning)
        return False

    # -- helpers ---------------------------------------------------------------------------------

    def _usable(self) -> bool:
        return self.available and not self._released

    def _apply_audio(self) -> None:
        """Give VLC our volume and mute. Also on Playing: without an audio output yet (before the
        first play, or with --no-audio) VLC refuses them, so ours are the truth."""
        if self._usable():
            self._mp.audio_set_volume(self._volume)
            self._mp.audio_set_mute(self._muted)

    def _close_media(self) -> None:
        if self._media is None:
            self._clock.reset()
            return
        media, self._media = self._media, None  # events still queued for it are dropped
        self._mp.stop()
        manager, self._media_events = self._media_events, None
        self._bridge.detach(manager, self._vlc.EventType.MediaParsedChanged)
        media.release()
        self._poster.cancel()
        self.posterChanged.emit(QImage())  # the old media's picture goes with it
        self._pending_seek = None
        self._want_pause = False
        self._resuming = False
        self._paused_in_place = False
        self._has_video = True
        self._frame_ms = None
        self._video_codecs = []
        self._audio_codecs = []
        self._decoders_checked = False
        self._first_tick_ms = None
        had_duration = self._clock.duration > 0
        self._clock.reset()
        if had_duration:
            self.durationChanged.emit(0)  # unknown until the new media is parsed

    def _set_duration(self, ms: int) -> None:
        if ms > 0 and ms != self._clock.duration:
            self._clock.set_duration(ms)
            self.durationChanged.emit(ms)

    def _set_has_video(self, has_video: bool) -> None:
        self._has_video = has_video
        self.hasVideoChanged.emit(has_video)

    def _set_state(self, state: PlayerState) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state.value)

    def _fail(self, reason: str) -> None:
        if self._state == PlayerState.ERROR:
            return  # one message per failure, not one per VLC event
        self._clock.set_playing(False)
        self._set_state(PlayerState.ERROR)
        self.errorOccurred.emit(reason)

    def _vlc_detail(self) -> str:
        message = self._vlc.libvlc_errmsg()
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return f": {message}" if message else ""
