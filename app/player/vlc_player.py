"""VlcPlayer: the Player interface over libVLC 3 (python-vlc), embedded in a Qt native window.

Threading rule: libVLC is called on the GUI thread only. VLC runs its event callbacks on its own
threads, and libVLC is not reentrant, so a callback does nothing but emit ``_Bridge.vlcEvent``,
connected with Qt.QueuedConnection: the real handling happens later, on the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.player.base import Player, PlayerState
from app.player.clock import InterpolatedClock
from app.player.vlc_loader import load_instance

__all__ = ["VlcPlayer"]

# Event kinds carried by _Bridge.vlcEvent (ours, not VLC's numbers: the bridge must work even when
# the vlc module could not be imported).
_TIME, _LENGTH, _PLAYING, _PAUSED, _STOPPED, _ENDED, _ERROR, _PARSED = range(8)


class _Bridge(QObject):
    """Lives on the GUI thread; VLC threads only ever call ``vlcEvent.emit``."""

    vlcEvent = Signal(int, int)  # (kind, value); not "event": that is QObject.event()


class VlcPlayer(Player):
    def __init__(self, parent: QObject | None = None, *, audio: bool = True) -> None:
        super().__init__(parent)
        vlc, instance, reason = load_instance(audio=audio)
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
        self._attached: list[tuple[Any, Any]] = []  # (event manager, vlc.EventType)
        self._media_events: Any = None
        # Paused, VLC decodes the sought frame but sometimes never displays it (about one run
        # in three under Xvfb the old picture stays up). Stepping one frame once the seek has
        # landed makes it draw; stepping at once can race the seek and show the old position.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(150)
        self._redraw.timeout.connect(self._redraw_paused)
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
        elif self._state != PlayerState.PAUSED:
            self._want_pause = True  # still opening: pause once the Playing event arrives

    def stop(self) -> None:
        if not self._usable() or self._media is None:
            return
        self._mp.stop()
        self._pending_seek = None
        self._want_pause = False
        self._clock.set_playing(False)
        self._clock.seek(0)
        self._set_state(PlayerState.STOPPED)

    def seek(self, ms: int) -> None:
        if not self._usable() or self._media is None:
            return
        ms = max(0, int(ms))
        if self._clock.duration > 0:
            ms = min(ms, self._clock.duration)
        vlc_state = self._mp.get_state()
        live = vlc_state in (self._vlc.State.Playing, self._vlc.State.Paused)
        if live and self._pending_seek is None:
            self._mp.set_time(ms)  # paused, VLC sends no TimeChanged: the clock is set below
            if vlc_state == self._vlc.State.Paused:
                self._redraw.start()
        else:
            self._pending_seek = ms  # VLC ignores set_time before playback starts
        self._clock.seek(ms)
        self.seeked.emit(ms)

    def time(self) -> int:
        return self._clock.time()

    def duration(self) -> int:
        return self._clock.duration

    def state(self) -> PlayerState:
        return self._state

    def set_rate(self, rate: float) -> None:
        if not self._usable():
            return
        if self._mp.set_rate(float(rate)) == 0:
            self._clock.set_rate(float(rate))

    def rate(self) -> float:
        return self._clock.rate

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
            self._clock.set_playing(False)
            self._clock.update(self._clock.duration or self._clock.time())
            self._set_state(PlayerState.ENDED)
        elif kind == _ERROR:
            self._fail(f"VLC could not play this file{self._vlc_detail()}")
        elif kind == _PARSED:
            self._on_parsed(value)

    def _on_time(self, ms: int) -> None:
        if self._pending_seek is not None:
            return  # VLC is still at the old spot; the clock already shows the target
        if self._state == PlayerState.PLAYING and not self._clock.playing:
            # First tick after starting: only now is the picture moving (VLC buffers first).
            self._clock.update(ms)
            self._clock.set_playing(True)
        elif self._clock.update(ms):
            self.seeked.emit(self._clock.time())

    def _on_playing(self) -> None:
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
            if not any(t.type in (0, 1) for t in self._media.tracks_get() or ()):
                # 0 = audio, 1 = video (libvlc_track_type_t)
                self._fail("Cannot open the video: no audio or video found in this file")
                return
            self._set_duration(self._media.get_duration())

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
        self._pending_seek = None
        self._want_pause = False
        self._clock.reset()

    def _set_duration(self, ms: int) -> None:
        if ms > 0 and ms != self._clock.duration:
            self._clock.set_duration(ms)
            self.durationChanged.emit(ms)

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
