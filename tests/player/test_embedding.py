"""The right frame really reaches the screen: VLC embedded in a Qt native window under X."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFrame
from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer
from tests.conftest import COLOR_RGB, COLOR_SECONDS

pytestmark = [pytest.mark.vlc, pytest.mark.gui]

# VLC runs here as in the app after prepare_qt_platform() (see tests/player/conftest.py): Xlib
# thread-safe, so VLC draws with OpenGL. The --no-xlib fallback (pure XCB output) is left out on
# purpose: there a seek while paused sometimes still shows a frame of the old position (1 run in 4).

# H.264 in yuv420p and back shifts pure colours a little; far from any other test colour.
COLOR_TOLERANCE = 40


def close_to(rgb: tuple[int, int, int], name: str) -> bool:
    return all(abs(a - b) <= COLOR_TOLERANCE for a, b in zip(rgb, COLOR_RGB[name], strict=True))


def centre_rgb(image: QImage) -> tuple[int, int, int]:
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    return c.red(), c.green(), c.blue()


def snapshot_rgb(player: VlcPlayer, path: Path) -> tuple[int, int, int] | None:
    path.unlink(missing_ok=True)
    if not player.snapshot(path):
        return None
    image = QImage(str(path))
    return None if image.isNull() else centre_rgb(image)


def screen_rgb(frame: QFrame) -> tuple[int, int, int]:
    """What the X server shows at the centre of the frame: grab the root window there, since VLC
    draws into a child window that Qt's own rendering (QWidget.grab) never sees."""
    screen = QGuiApplication.primaryScreen()
    centre = frame.mapToGlobal(frame.rect().center())
    image = screen.grabWindow(0, centre.x() - 2, centre.y() - 2, 5, 5).toImage()
    return centre_rgb(image)


@pytest.fixture
def embedded(
    qtbot: QtBot, vlc_player: VlcPlayer, video_frame: QFrame, color_video: Path
) -> VlcPlayer:
    vlc_player.set_video_window(int(video_frame.winId()))
    vlc_player.load(str(color_video))
    qtbot.waitUntil(lambda: vlc_player.duration() > 0, timeout=15_000)
    vlc_player.play()
    # Pause once VLC has a video output and its clock runs: the first picture is up.
    qtbot.waitUntil(lambda: vlc_player._mp.has_vout() > 0 and vlc_player.time() > 0, timeout=15_000)
    vlc_player.pause()
    qtbot.waitUntil(lambda: vlc_player._mp.get_state() == vlc_player._vlc.State.Paused)
    return vlc_player


@pytest.mark.parametrize("ms", [2_500, 5_500, 900])
def test_paused_seek_shows_the_right_frame(
    qtbot: QtBot, embedded: VlcPlayer, video_frame: QFrame, tmp_path: Path, ms: int
) -> None:
    expected = COLOR_SECONDS[ms // 1000]
    embedded.seek(ms)
    assert embedded.time() == ms
    # What the user sees: the X server's pixels inside the Qt frame. Checked before any VLC
    # snapshot, because a snapshot asked for before the new frame is up takes the old picture and
    # VLC, paused, then shows nothing new: the test itself would hide the seek.
    seen: list[tuple[int, int, int]] = []

    def screen_shows_expected() -> bool:
        seen.append(screen_rgb(video_frame))
        return close_to(seen[-1], expected)

    qtbot.waitUntil(screen_shows_expected, timeout=5000)
    assert embedded.state() == PlayerState.PAUSED
    # VLC's own snapshot of the displayed picture agrees. VLC writes it from its video thread:
    # a first request can come back empty, so ask until it answers (or time runs out).
    shots: list[tuple[int, int, int] | None] = []

    def snapshot_agrees() -> bool:
        shots.append(snapshot_rgb(embedded, tmp_path / "shot.png"))
        return shots[-1] is not None and close_to(shots[-1], expected)

    qtbot.waitUntil(snapshot_agrees, timeout=3000)
    assert embedded.time() == ms
