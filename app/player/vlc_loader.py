"""Find libVLC and make the one vlc.Instance, or say in one line what the user should install.

python-vlc loads libVLC when imported: a missing library shows up as ImportError, OSError or
NotImplementedError at import, AttributeError on a too-old libVLC, and a libVLC without its
plugins as ``vlc.Instance()`` returning None. Every case ends in a readable reason, never a crash:
the transcript stays usable without video.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from app.player.platform import xlib_threads_ready

__all__ = ["LoadResult", "install_hint", "instance_args", "load_instance"]

LoadResult = tuple[ModuleType | None, Any, str]  # (vlc module, vlc.Instance, reason if failed)


def install_hint() -> str:
    if sys.platform.startswith("win"):
        return "install VLC 3 (64-bit) from https://www.videolan.org"
    if sys.platform == "darwin":
        return "install VLC 3 into /Applications from https://www.videolan.org"
    return (
        "install VLC 3 (Debian/Ubuntu: sudo apt install vlc; Fedora: sudo dnf install vlc; "
        "Arch: sudo pacman -S vlc)"
    )


def instance_args(*, audio: bool = True) -> list[str]:
    args = [
        "--quiet",
        "--no-video-title-show",  # VLC would write the file name over the picture
        "--no-snapshot-preview",  # a snapshot would otherwise show a thumbnail over the video
        "--no-osd",  # the app shows its own time and state
        # VLC would load video.srt next to video.mp4 and burn it into the picture: that is the
        # very transcript being checked, shown twice and out of date.
        "--no-sub-autodetect-file",
        "--no-stats",
        # Keep the pitch when the speed changes (VLC's scaletempo audio filter). It is VLC 3's
        # default; said here so that a vlcrc turning it off cannot give reviewers chipmunk voices.
        "--audio-time-stretch",
    ]
    if sys.platform.startswith("linux") and not xlib_threads_ready():
        # Xlib was not made thread-safe before Qt started (see platform.py): keep VLC on its
        # pure-XCB video outputs, which are safe alongside Qt whatever libX11 does.
        args.append("--no-xlib")
    if not audio:
        args.append("--no-audio")  # tests and CI machines have no sound card
    return args


def _import_vlc() -> ModuleType:
    import vlc  # imported here, not at the top: loading libVLC may fail

    module: ModuleType = vlc
    return module


def _version(vlc: ModuleType) -> str:
    try:
        raw = vlc.libvlc_get_version()
    except (AttributeError, OSError, NameError):
        return ""
    return (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)).strip()


def load_instance(*, audio: bool = True, extra_args: Sequence[str] = ()) -> LoadResult:
    """``extra_args`` go after ours (tests send the sound to a file with ``--aout=afile``)."""
    hint = install_hint()
    try:
        vlc = _import_vlc()
    except (ImportError, OSError, NotImplementedError, AttributeError) as err:
        return None, None, f"libVLC was not found: {hint}. ({type(err).__name__}: {err})"
    except SystemExit:
        # python-vlc exits the process when PYTHON_VLC_LIB_PATH names no loadable library; a
        # wrong setting must cost the video, not the transcript the user is working on.
        return None, None, f"libVLC was not found where PYTHON_VLC_LIB_PATH points: {hint}."
    version = _version(vlc)
    if version and not version.startswith("3."):  # unknown: try, rather than refuse
        return vlc, None, f"libVLC {version} was found, but Proofreel needs VLC 3: {hint}."
    try:
        instance = vlc.Instance([*instance_args(audio=audio), *extra_args])
    except (OSError, AttributeError, NameError, TypeError) as err:
        return vlc, None, f"libVLC could not start: {hint}. ({type(err).__name__}: {err})"
    if instance is None:
        return vlc, None, f"libVLC was found but could not start (plugins missing?): {hint}."
    return vlc, instance, ""
