"""``proofreel --self-test``: prove an install (above all the frozen bundle) really works.

With the real pieces (Library, the libVLC player, MainWindow, the demo project) it opens the
demo, plays until libVLC's own clock has advanced a second, seeks to 60 s, and checks that
playback lands there and the line playing at 60 s is the highlighted one. One report line per
check on stdout; exit status 0, or 1 naming the check that failed. Never hangs: a check fails
after ``TIME_LIMIT_S`` and a watchdog ends the process if libVLC itself blocks.

Headless: with an X display (a desktop, or ``xvfb-run``) the window and the video are real (Qt
on xcb, VLC drawing into the window). Without one (Linux, no ``DISPLAY``) Qt runs offscreen and
VLC, finding no X server for its outputs, falls back to its dummy video output: decoding and the
clock are still real, only the picture is not drawn. Audio is off (``--no-audio``) either way,
as CI machines have no sound card. The library is a throw-away file unless ``--db`` is given,
and the window's settings go to a throw-away folder, so the user's own are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["run"]

TIME_LIMIT_S = 20.0
WATCHDOG_GRACE_S = 5.0  # after the limit, for a libVLC call that never returns
PLAY_MS = 1000
SEEK_MS = 60_000
TOLERANCE_MS = 500


class CheckFailed(Exception):
    """A check did not pass; the message names it."""


def _report(text: str) -> None:
    print(f"selftest: {text}", flush=True)


def _choose_platform(scratch: Path) -> str:
    """Qt platform for the run: the desktop's, or offscreen where there is no display."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        # VLC's Wayland outputs would complain once per probe about a missing runtime dir.
        os.environ.setdefault("XDG_RUNTIME_DIR", str(scratch))
        return "offscreen (no DISPLAY; VLC video output: dummy)"
    from app.player.platform import prepare_qt_platform

    return prepare_qt_platform() or "default"


def _start_watchdog() -> threading.Timer:
    def fire() -> None:
        limit = TIME_LIMIT_S + WATCHDOG_GRACE_S
        os.write(1, f"selftest: FAILED: hung for {limit:.0f} s\n".encode())
        os._exit(1)

    watchdog = threading.Timer(TIME_LIMIT_S + WATCHDOG_GRACE_S, fire)
    watchdog.daemon = True
    watchdog.start()
    return watchdog


class _Clock:
    """The run's deadline, and waiting on it with the Qt event loop running."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + TIME_LIMIT_S

    def spin(self, ms: int) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(self, done: Callable[[], bool], what: str) -> None:
        while not done():
            if time.monotonic() > self.deadline:
                raise CheckFailed(f"{what}: not within the {TIME_LIMIT_S:.0f} s limit")
            self.spin(20)


def _loaded_from(fragment: str) -> list[str]:
    """Paths of the mapped files whose name contains ``fragment`` (Linux; [] elsewhere)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if fragment in line}
    except OSError:
        return []
    return sorted(path for path in paths if path.startswith("/"))


def _in_bundle(path: str) -> bool:
    base = getattr(sys, "_MEIPASS", None)
    return base is not None and Path(path).resolve().is_relative_to(Path(base).resolve())


def _check_libvlc(player: Any) -> None:
    if not player.available:
        raise CheckFailed(f"libvlc: {player.unavailable_reason}")
    import vlc

    version = vlc.libvlc_get_version().decode(errors="replace").split()[0]
    if not version.startswith("3."):
        raise CheckFailed(f"libvlc: version {version}, Proofreel needs VLC 3")
    cores = _loaded_from("libvlccore")
    where = f" from {cores[0]}" if cores else ""
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        # The bundle must play with its own libVLC, not one that happens to be installed.
        if not cores or not all(_in_bundle(path) for path in cores):
            raise CheckFailed(f"libvlc: not the bundled one: {cores or 'none mapped'}")
    _report(f"libvlc ok ({version}){where}")


def _vlc_time(player: Any) -> int:
    """libVLC's own position, not the player's interpolated clock (which runs on regardless)."""
    media_player = player._mp  # VlcPlayer's libvlc_media_player_t; no public accessor yet
    return int(media_player.get_time()) if media_player is not None else -1


def _check_play(player: Any, clock: _Clock) -> None:
    from app.player.base import PlayerState

    player.play()
    clock.wait(lambda: player.state() == PlayerState.PLAYING, "play: state PLAYING")
    clock.wait(lambda: _vlc_time(player) > 0, "play: libVLC reports a time")
    first, wall = _vlc_time(player), time.monotonic()
    clock.wait(lambda: _vlc_time(player) >= first + PLAY_MS, "play: libVLC time advancing 1 s")
    now = _vlc_time(player)
    if player.state() != PlayerState.PLAYING:
        raise CheckFailed(f"play: state {player.state()} after playing")
    shown = player.time()
    if abs(shown - now) > TOLERANCE_MS:
        raise CheckFailed(f"play: window clock {shown} ms, libVLC {now} ms")
    _report(
        f"played {(now - first) / 1000:.1f} s "
        f"(libVLC {first / 1000:.2f} s -> {now / 1000:.2f} s in "
        f"{time.monotonic() - wall:.1f} s)"
    )
    plugins = _loaded_from("_plugin.so")
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        outside = [path for path in plugins if not _in_bundle(path)]
        if outside:
            raise CheckFailed(f"plugins: loaded from outside the bundle: {outside[:3]}")
    if plugins:
        _report(f"plugins ok ({len(plugins)} loaded from {Path(plugins[0]).parent.parent})")


def _rows_at(lines: Any, ms: int) -> set[int]:
    return {row for row, line in enumerate(lines) if line.start_ms <= ms < line.end_ms}


def _check_seek(window: Any, clock: _Clock) -> None:
    player = window.player
    asked = time.monotonic()
    player.seek(SEEK_MS)

    def landed() -> bool:
        elapsed_ms = (time.monotonic() - asked) * 1000
        return SEEK_MS - TOLERANCE_MS <= _vlc_time(player) <= SEEK_MS + elapsed_ms + TOLERANCE_MS

    clock.wait(landed, f"seek: libVLC at {SEEK_MS / 1000:.0f} s")
    vlc_ms, shown = _vlc_time(player), player.time()
    if abs(shown - vlc_ms) > TOLERANCE_MS:
        raise CheckFailed(f"seek: window clock {shown} ms, libVLC {vlc_ms} ms")
    clock.spin(120)  # a few follow ticks (40 ms each)
    lines = window.model.lines()
    expected = _rows_at(lines, SEEK_MS) | _rows_at(lines, player.time())
    current = window.model.current_row
    if not expected:
        raise CheckFailed(f"seek: the demo has no line at {SEEK_MS / 1000:.0f} s")
    if current not in expected:
        raise CheckFailed(f"seek: highlighted row {current}, expected one of {sorted(expected)}")
    _report(
        f"seek ok (libVLC {vlc_ms / 1000:.2f} s, clock {shown / 1000:.2f} s, "
        f"line {current + 1} highlighted)"
    )


def _run(db: str | None, scratch: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from app.player import create_player
    from app.resources import demo_paths
    from app.store.library import Library
    from app.ui.window.application import DEMO_TITLE, open_into
    from app.ui.window.main_window import MainWindow

    clock = _Clock()
    _report(f"qt platform {_choose_platform(scratch)}")
    QCoreApplication.setOrganizationName("Proofreel")
    QCoreApplication.setApplicationName("Proofreel")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(scratch / "settings"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    media, transcript = demo_paths()
    for needed in (media, transcript):
        if not needed.is_file():
            raise CheckFailed(f"demo: {needed} is missing")
    library = Library.open(db or str(scratch / "library.sqlite3"))
    window: Any = None
    try:
        player = create_player(audio=False)
        _check_libvlc(player)
        window = MainWindow(library, player, open_files=lambda _window: None)
        app.aboutToQuit.connect(window.shutdown)
        window.show()
        if not open_into(window, str(transcript), str(media), DEMO_TITLE):
            raise CheckFailed("demo: could not be opened")
        clock.wait(lambda: window.model.rowCount() > 0, "demo: transcript shown")
        _report(f"demo open ({window.model.rowCount()} lines, {media.name})")
        _check_play(player, clock)
        _check_seek(window, clock)
    finally:
        if window is not None:
            window.close()  # stops VLC before its window goes
        library.close()


def run(db: str | None) -> int:
    """Run every check; 0 when all passed, 1 (after naming the failed check) otherwise."""
    watchdog = _start_watchdog()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="proofreel-selftest-") as scratch:
            _run(db, Path(scratch))
    except CheckFailed as failed:
        _report(f"FAILED: {failed}")
        return 1
    except Exception as err:  # any crash is a failed self-test, reported as such
        traceback.print_exc()
        _report(f"FAILED: {type(err).__name__}: {err}")
        return 1
    finally:
        watchdog.cancel()
    _report(f"all checks passed in {time.monotonic() - started:.1f} s")
    return 0
