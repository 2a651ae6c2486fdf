"""VlcPlayer: the Player interface over libVLC 3 (python-vlc), embedded in a Qt native window.

Threading rule: libVLC is called on the GUI thread only. VLC runs its event callbacks on its own
threads, and libVLC is not reentrant, so a callback does nothing but emit ``_Bridge.vlcEvent``,
connected with Qt.QueuedConnection: the real handling happens later, on the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from app.player.base import DEFAULT_FRAME_MS, Player, PlayerState
from app.player.clock import InterpolatedClock
from app.player.poster import PosterMaker
from app.player.vlc_loader import load_instance

__all__ = ["VlcPlayer"]

# Event kinds carried by _Bridge.vlcEvent (ours, not VLC's numbers: the bridge must work even when
# the vlc module could not be imported).
_TIME, _LENGTH, _PLAYING, _PAUSED, _STOPPED, _ENDED, _ERROR, _PARSED = range(8)


class _Bridge(QObject):
    """Lives on the GUI thread; VLC threads only ever call ``vlcEvent.emit``."""

    vlcEvent = Signal(int, int)  # (kind, value); not "event": that is QObject.event()


class VlcPlayer(Player):
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
        self._released = False
        self._volume = 100
        self._muted = False
        self._has_video = True
        self._frame_ms: float | None = None  # known once VLC shows the video
        self._video_codecs: list[str] = []  # fourccs of the media's tracks, once parsed
        self._audio_codecs: list[str] = []
        self._decoders_checked = False
        self._first_tick_ms: int | None = None
        self._attached: list[tuple[Any, Any]] = []  # (event manager, vlc.EventType)
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
        self._bridge = _Bridge(self)
        self._bridge.vlcEvent.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        if not self.available:
            return
        self._mp = self._instance.media_player_new()
        # Qt, not VLC, must get clicks and keys over the video (VLC would e.g. toggle fullscreen).
        self._mp.video_set_mouse_input(False)
        self._mp.video_set_key_input(False)
        et = self._vlc.EventType
        # Keep one manager per source: python-vlc keeps the callbacks alive on that very object.
        events = self._mp.event_manager()
        self._attach(events, et.MediaPlayerTimeChanged, _TIME, "new_time")
        self._attach(events, et.MediaPlayerLengthChanged, _LENGTH, "new_length")
        self._attach(events, et.MediaPlayerPlaying, _PLAYING)
        self._attach(events, et.MediaPlayerPaused, _PAUSED)
        self._attach(events, et.MediaPlayerStopped, _STOPPED)
        self._attach(events, et.MediaPlayerEndReached, _ENDED)
        self._attach(events, et.MediaPlayerEncounteredError, _ERROR)

    # -- Player interface ------------------------------------------------------------------------

    def load(self, path: str) -> None:
        if not self._usable():
            return
        self._close_media()
        file = Path(path)
        if not file.is_file():
            self._fail(f"Cannot open the video: file not found: {path}")
            return
        if not os.access(file, os.R_OK):
            self._fail(f"Cannot open the video: permission denied: {path}")
            return
        self._media = self._instance.media_new_path(str(file))
        if self._media is None:
            self._fail(f"Cannot open the video: VLC refused the path: {path}")
            return
        self._mp.set_media(self._media)
        self._path = str(file)
        self._poster.request(self._path, 0)
        self._apply_audio()
        self._media_events = self._media.event_manager()
        self._attach(
            self._media_events, self._vlc.EventType.MediaParsedChanged, _PARSED, "new_status"
        )
        # Parse now (not at first play) so the duration is known and a non-media file is
        # reported as soon as it is opened.
        self._media.parse_with_options(self._vlc.MediaParseFlag.local, 5000)
        self._set_state(PlayerState.STOPPED)

    def play(self) -> None:
        if not self._usable() or self._media is None or self._state == PlayerState.ERROR:
            return
        self._want_pause = False
        if self._state == PlayerState.PAUSED:
            target = self._resume_target()
            if target is not None:
                self.seek(target)
                self._redraw.stop()  # playing on draws the picture anyway
            self._paused_in_place = False
            self._mp.set_pause(0)
            return
        if self._mp.get_state() == self._vlc.State.Ended:
            # Restart the input; a seek made after the end waits in _pending_seek.
            self._mp.stop()
        if self._mp.play() == -1:
            self._fail(f"VLC could not start playback{self._vlc_detail()}")

    def pause(self) -> None:
        if not self._usable() or self._media is None:
            return
        if self._state == PlayerState.PLAYING:
            self._mp.set_pause(1)
            self._clock.set_playing(False)  # freeze now; the Paused event comes later
            self._set_state(PlayerState.PAUSED)
            self._paused_in_place = True
        elif self._state != PlayerState.PAUSED:
            self._want_pause = True  # still opening: pause once the Playing event arrives

    def stop(self) -> None:
        if not self._usable() or self._media is None:
            return
        self._mp.stop()
        self._pending_seek = None
        self._want_pause = False
        self._paused_in_place = False
        self._clock.set_playing(False)
        self._clock.seek(0)
        self._set_state(PlayerState.STOPPED)
        self._poster.request(self._path, 0)  # VLC closed its picture

    def seek(self, ms: int) -> None:
        if not self._usable() or self._media is None:
            return
        ms = max(0, int(ms))
        if self._clock.duration > 0:
            ms = min(ms, self._clock.duration)
        self._paused_in_place = False
        vlc_state = self._mp.get_state()
        live = vlc_state in (self._vlc.State.Playing, self._vlc.State.Paused)
        if live and self._pending_seek is None:
            # Paused, VLC sends no TimeChanged: the clock is set below.
            if vlc_state == self._vlc.State.Paused:
                self._set_paused_time(ms)
                self._redraw.start()
                # VLC's paused picture can be frames off (B-frames): the poster is exact.
                self._poster.request(self._path, ms)
            else:
                self._mp.set_time(ms)
        else:
            self._pending_seek = ms  # VLC ignores set_time before playback starts
            self._poster.request(self._path, ms)  # and shows no picture: the poster does
        self._clock.seek(ms)
        self.seeked.emit(ms)

    def _set_paused_time(self, ms: int) -> None:
        """Seek while paused. VLC then shows the last frame that starts *before* the time asked
        for, one frame early (bench/bench_paused_seek.py): it is sent to the middle of the frame
        ``ms`` falls in, never a frame's edge (where VLC may draw nothing new). The clock keeps
        ``ms``."""
        frame = self.frame_ms()
        self._mp.set_time(round((ms // frame) * frame + frame / 2))

    def time(self) -> int:
        return self._clock.time()

    def duration(self) -> int:
        return self._clock.duration

    def state(self) -> PlayerState:
        return self._state

    def set_rate(self, rate: float) -> None:
        if not self._usable():
            return
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        if self._mp.set_rate(float(rate)) == 0 and float(rate) != self._clock.rate:
            self._clock.set_rate(float(rate))
            self.rateChanged.emit(float(rate))

    def rate(self) -> float:
        return self._clock.rate

    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, int(volume)))
        if volume == self._volume:
            return
        self._volume = volume
        self._apply_audio()
        self.volumeChanged.emit(volume)

    def volume(self) -> int:
        return self._volume

    def set_muted(self, muted: bool) -> None:
        if bool(muted) == self._muted:
            return
        self._muted = bool(muted)
        self._apply_audio()
        self.mutedChanged.emit(self._muted)

    def is_muted(self) -> bool:
        return self._muted

    def has_video(self) -> bool:
        return self._has_video

    def frame_ms(self) -> float:
        # From VLC's video output once it runs. Not from the parsed track: python-vlc declares
        # libVLC 3's track union as three pointers, so its ``video`` field reads past the struct.
        if self._frame_ms is None:
            fps = float(self._mp.get_fps() or 0.0) if self._usable() and self._media else 0.0
            if not 1.0 <= fps <= 300.0:
                return DEFAULT_FRAME_MS  # not known yet: ask again next time
            self._frame_ms = 1000.0 / fps
        return self._frame_ms

    def set_video_window(self, win_id: int) -> None:
        if not self._usable():
            return
        if sys.platform.startswith("win"):
            self._mp.set_hwnd(int(win_id))
        elif sys.platform == "darwin":
            self._mp.set_nsobject(int(win_id))
        else:
            self._mp.set_xwindow(int(win_id))

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        self._poster.close()
        self._detach_all()
        if self._mp is not None:
            self._mp.stop()  # before the window VLC draws into goes away
            self._mp.release()
            self._mp = None
        if self._media is not None:
            self._media.release()
            self._media = None
        if self._instance is not None:
            self._instance.release()
            self._instance = None

    # -- extras ------------------------------------------------------------------------------------

    def snapshot(self, path: str | os.PathLike[str]) -> bool:
        """Write the picture on screen to ``path`` (PNG) at the video's size; True on success."""
        if not self._usable() or self._media is None:
            return False
        return bool(self._mp.video_take_snapshot(0, os.fspath(path), 0, 0) == 0)

    def _apply_audio(self) -> None:
        """Give VLC our volume and mute. Also on Playing: without an audio output yet (before the
        first play, or with --no-audio) VLC refuses them, so ours are the truth."""
        if self._usable():
            self._mp.audio_set_volume(self._volume)
            self._mp.audio_set_mute(self._muted)

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
        if kind == _TIME:
            self._on_time(value)
        elif kind == _LENGTH:
            self._set_duration(value)
        elif kind == _PLAYING:
            self._on_playing()
        elif kind == _PAUSED:
            self._clock.set_playing(False)
            self._set_state(PlayerState.PAUSED)
        elif kind == _STOPPED:
            if self._state in (PlayerState.PLAYING, PlayerState.PAUSED):
                self._clock.set_playing(False)
                self._set_state(PlayerState.STOPPED)
        elif kind == _ENDED:
            # Ended before the first time report, from well before the end: VLC found nothing
            # it could decode (once playback has run, ended tracks read as unselected: no check).
            early = self._clock.time() < self._clock.duration - 1000
            if self._first_tick_ms is None and early and self._check_decoders():
                return
            self._clock.set_playing(False)
            self._clock.update(self._clock.duration or self._clock.time())
            self._set_state(PlayerState.ENDED)
            self._poster.request(self._path, self._clock.time())  # VLC closes its picture
        elif kind == _ERROR:
            self._fail(f"VLC could not play this file{self._vlc_detail()}")
        elif kind == _PARSED:
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
            tracks = list(self._media.tracks_get() or ())
            # libvlc_track_type_t: 0 = audio, 1 = video
            self._audio_codecs = [_fourcc(t.codec) for t in tracks if t.type == 0]
            self._video_codecs = [_fourcc(t.codec) for t in tracks if t.type == 1]
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
        video_lost = bool(self._video_codecs) and self._mp.video_get_track() == -1
        audio_lost = bool(self._audio_codecs) and self._audio and self._mp.audio_get_track() == -1
        lost = [f"video '{c}'" for c in self._video_codecs if video_lost]
        lost += [f"audio '{c}'" for c in self._audio_codecs if audio_lost]
        audio_plays = bool(self._audio_codecs) and self._audio and not audio_lost
        video_plays = bool(self._video_codecs) and not video_lost
        if lost and not audio_plays and not video_plays:
            codecs = ", ".join(lost)
            self._fail(f"Cannot play this file: VLC has no decoder for its codec ({codecs})")
            return True
        if video_lost:
            self._set_has_video(False)
            self.warningOccurred.emit(
                f"No picture: VLC has no decoder for this video's codec ({', '.join(lost)}); "
                "the sound plays"
            )
        elif audio_lost:
            self.warningOccurred.emit(
                f"No sound: VLC has no decoder for this audio's codec ({', '.join(lost)})"
            )
        return False

    # -- helpers ---------------------------------------------------------------------------------

    def _usable(self) -> bool:
        return self.available and not self._released

    def _attach(self, manager: Any, event_type: Any, kind: int, field: str | None = None) -> None:
        bridge = self._bridge

        def callback(event: Any) -> None:  # runs on a VLC thread: emit only
            value = int(getattr(event.u, field)) if field else 0
            with contextlib.suppress(RuntimeError):  # the bridge was deleted during shutdown
                bridge.vlcEvent.emit(kind, value)

        manager.event_attach(event_type, callback)
        self._attached.append((manager, event_type))

    def _detach_all(self) -> None:
        for manager, event_type in self._attached:
            manager.event_detach(event_type)
        self._attached.clear()

    def _close_media(self) -> None:
        if self._media is None:
            self._clock.reset()
            return
        media, self._media = self._media, None  # events still queued for it are dropped
        self._mp.stop()
        manager, self._media_events = self._media_events, None
        manager.event_detach(self._vlc.EventType.MediaParsedChanged)
        self._attached = [(m, e) for m, e in self._attached if m is not manager]
        media.release()
        self._poster.cancel()
        self.posterChanged.emit(QImage())  # the old media's picture goes with it
        self._pending_seek = None
        self._want_pause = False
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


def _fourcc(codec: int) -> str:
    """VLC's codec id as its four characters ('h264', 'mp4a'), or the number when not text."""
    text = int(codec).to_bytes(4, "little").decode("ascii", "replace").strip()
    return text if text and text.isprintable() else str(codec)
