"""Process-wide set-up the player needs before the QApplication exists.

libVLC draws into a native window it is given. That works on X11, Windows and macOS, but a
Wayland surface cannot be handed to libVLC 3, so on a Wayland session Qt must run on xcb
(XWayland). Both decisions must be taken before Qt opens its display, hence a function that
``app.__main__`` calls first thing.

XInitThreads: libVLC's Xlib-based video outputs (OpenGL through GLX, VDPAU, VA-API on X11) share
Xlib with Qt from VLC's own threads. libX11 1.8+ makes Xlib thread-safe by itself, but older
ones (Ubuntu 22.04 ships 1.7.5) need XInitThreads() as the very first Xlib call of the process.
Without it VLC prints "Xlib not initialized for threads", refuses those outputs and falls back to
its pure-XCB ones (no GL scaling); if it did not, Xlib would corrupt its state. Calling it early is
harmless everywhere, so we do; and ``VlcPlayer`` passes ``--no-xlib`` when it was not done, so
VLC sticks to the always-safe XCB outputs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

__all__ = ["prepare_qt_platform", "xlib_threads_ready"]

_xlib_threads = False


def prepare_qt_platform(environ: dict[str, str] | None = None) -> str | None:
    """Pick the Qt platform plugin for video embedding and make Xlib thread-safe.

    Call before any QApplication exists. On a Wayland session with an X display (XWayland) and
    no ``QT_QPA_PLATFORM`` chosen by the user, sets ``QT_QPA_PLATFORM=xcb``. Returns the value
    of ``QT_QPA_PLATFORM`` afterwards (None when unset). ``environ`` defaults to ``os.environ``.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("win", "darwin")):
        wayland = env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(
            env.get("WAYLAND_DISPLAY")
        )
        if wayland and not env.get("QT_QPA_PLATFORM") and env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "xcb"
    if sys.platform.startswith("linux") and environ is None:
        platform = env.get("QT_QPA_PLATFORM", "")
        # Qt picks xcb by default when DISPLAY is set and nothing else is asked for.
        if env.get("DISPLAY") and (platform in ("", "xcb") or platform.startswith("xcb:")):
            _init_xlib_threads()
    return env.get("QT_QPA_PLATFORM")


def xlib_threads_ready() -> bool:
    """True once XInitThreads() succeeded through ``prepare_qt_platform``."""
    return _xlib_threads


def _init_xlib_threads() -> None:
    global _xlib_threads
    if _xlib_threads:
        return
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        xlib = ctypes.CDLL(name)
        _xlib_threads = bool(xlib.XInitThreads())
    except (OSError, AttributeError):
        # No libX11: no X display to embed into either; VlcPlayer will use --no-xlib.
        _xlib_threads = False
