"""VlcPlayer: the Player interface over libVLC 3 (python-vlc), embedded in a Qt native window.

This module holds what the UI asks of it (load, play, pause, seek, rate, sound, the video window,
release). What it holds and how it follows VLC's events is VlcCore (app.player.vlc_core); the
bridge from VLC's threads to the GUI thread is app.player.vlc_events (libVLC is called on the GUI
thread only); finding libVLC and its options, app.player.vlc_loader.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.player import vlc_events as ev
from app.player.base import DEFAULT_FRAME_MS, PlayerState
from app.player.vlc_core import VlcCore
from app.player.vlc_events import TIME as _TIME  # noqa: F401  (tests emit it on the bridge)

__all__ = ["VlcPlayer"]


class VlcPlayer(VlcCore):
    """The real player: libVLC embedded in a native window, its clock smooth between VLC's
    coarse reports. Never raises for a missing libVLC: ``available`` says whether it can play."""

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
        self._bridge.attach(
            self._media_events, self._vlc.EventType.MediaParsedChanged, ev.PARSED, "new_status"
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
            self._redraw.stop()  # playing on draws the picture (and a frame step would pause)
            self._resuming = True
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
        resuming, self._resuming = self._resuming, False
        if self._state == PlayerState.PLAYING or resuming:  # resuming: VLC is about to play
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
        self._resuming = False
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
                if not self._resuming:
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
        self._bridge.detach_all()
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
