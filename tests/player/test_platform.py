"""Qt platform choice before QApplication: xcb on Wayland so VLC can embed."""

from __future__ import annotations

import sys

import pytest

from app.player.platform import prepare_qt_platform
from app.player.vlc_loader import instance_args

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux rules")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "xcb"),
        # The user's explicit choice wins.
        (
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"},
            "wayland",
        ),
        # No XWayland: nothing to embed into anyway, leave Qt alone.
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, None),
    ],
)
def test_wayland_runs_qt_on_xcb(env: dict[str, str], expected: str | None) -> None:
    assert prepare_qt_platform(env) == expected
    assert env.get("QT_QPA_PLATFORM") == expected


def test_instance_options() -> None:
    args = instance_args(audio=False)
    assert "--no-audio" in args
    assert "--no-video-title-show" in args
    assert "--no-sub-autodetect-file" in args
    assert "--no-audio" not in instance_args(audio=True)


def test_no_xlib_unless_xlib_threads_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.player.vlc_loader.xlib_threads_ready", lambda: False)
    assert "--no-xlib" in instance_args()
    monkeypatch.setattr("app.player.vlc_loader.xlib_threads_ready", lambda: True)
    assert "--no-xlib" not in instance_args()
