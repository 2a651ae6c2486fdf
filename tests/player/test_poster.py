"""Before libVLC has a picture (opened, never played; stopped) the player offers the decoded frame
at the position, so clicked lines show their picture; and a clock correction is not a seek."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.clock import InterpolatedClock
from app.player.vlc_player import _TIME, VlcPlayer
from tests.conftest import COLOR_RGB, COLOR_SECONDS
from tests.media import test_poster as media_poster

pytestmark = pytest.mark.vlc
numbered_video = media_poster.numbered_video  # the fixture, shared


def colour_at(image: QImage) -> str:
    """The COLOR_SECONDS name nearest to the image's centre pixel."""
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    rgb = (c.red(), c.green(), c.blue())
    return min(
        COLOR_RGB, key=lambda n: sum((a - b) ** 2 for a, b in zip(COLOR_RGB[n], rgb, strict=True))
    )


def frame_number(image: QImage) -> int:
    """The number a frame of ``numbered_video`` spells in its eight bands."""
    return sum(1 << k for k in range(8) if image.pixelColor(20 + 40 * k, 120).red() > 128)


def next_poster(qtbot: QtBot, player: VlcPlayer, action: object) -> QImage:
    with qtbot.waitSignal(player.posterChanged, timeout=5000) as blocker:
        action()  # type: ignore[operator]
    image = blocker.args[0]
    assert isinstance(image, QImage)
    return image


def test_opened_media_offers_its_first_frame(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path
) -> None:
    image = next_poster(qtbot, vlc_player, lambda: vlc_player.load(str(color_video)))
    assert not image.isNull() and image.width() == 320
    assert colour_at(image) == COLOR_SECONDS[0]
    assert vlc_player.state() == PlayerState.STOPPED  # nothing plays


def test_lines_clicked_before_play_show_their_picture(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path
) -> None:
    next_poster(qtbot, vlc_player, lambda: vlc_player.load(str(color_video)))
    for second in (2, 5, 3):
        image = next_poster(qtbot, vlc_player, lambda s=second: vlc_player.seek(s * 1000 + 300))
        assert colour_at(image) == COLOR_SECONDS[second]
    # Play starts where the last click put it, and VLC draws from then on: no poster.
    vlc_player.play()
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    with qtbot.assertNotEmitted(vlc_player.posterChanged, wait=500):
        vlc_player.seek(7_500)
    assert vlc_player.time() >= 7_500


def test_stop_shows_the_first_frame_again(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path
) -> None:
    next_poster(qtbot, vlc_player, lambda: vlc_player.load(str(color_video)))
    vlc_player.seek(4_200)
    vlc_player.play()
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    image = next_poster(qtbot, vlc_player, vlc_player.stop)
    assert colour_at(image) == COLOR_SECONDS[0]


def test_other_media_clears_the_old_picture(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path, ffmpeg: str, tmp_path: Path
) -> None:
    next_poster(qtbot, vlc_player, lambda: vlc_player.load(str(color_video)))
    tone = tmp_path / "tone.m4a"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac",
         str(tone)],
        check=True,
    )  # fmt: skip
    shown: list[QImage] = []
    vlc_player.posterChanged.connect(shown.append)
    vlc_player.load(str(tone))
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=5000)  # cleared, then "no picture"
    assert all(image.isNull() for image in shown)


def test_a_late_time_report_is_a_correction_not_a_seek(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path
) -> None:
    """Under load VLC's time reports stall and one arrives far behind the smooth clock: the
    clock falls back to it, but nobody moved the playhead, so it must not say "seeked" (a seek
    ends a loop or a selection play: Ctrl+Shift+L would never pause)."""
    vlc_player.load(str(color_video))
    vlc_player.seek(6_000)
    vlc_player.play()
    qtbot.waitUntil(lambda: vlc_player._mp.get_time() >= 6_000, timeout=5000)
    # Past the seek's settle time, when reports far from the target are no longer stale.
    qtbot.wait(round(InterpolatedClock.SEEK_SETTLE_S * 1000) + 200)
    seeks: list[int] = []
    vlc_player.seeked.connect(seeks.append)
    with qtbot.waitSignal(vlc_player.resynced, timeout=2000) as blocker:
        vlc_player._bridge.vlcEvent.emit(_TIME, 3_000)  # what a stalled VLC reports late
    assert abs(blocker.args[0] - 3_000) <= 100  # the clock follows VLC's truth
    qtbot.wait(200)
    assert seeks == []


def test_a_paused_seek_shows_exactly_the_frame_asked_for(
    qtbot: QtBot, vlc_player: VlcPlayer, numbered_video: Path
) -> None:
    """VLC's own paused picture lands up to 3 frames off on H.264 with B-frames
    (bench/bench_paused_seek.py); the poster shown over it is the frame at the time."""
    vlc_player.load(str(numbered_video))
    vlc_player.play()
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    vlc_player.pause()
    qtbot.waitUntil(lambda: vlc_player._mp.get_state() == vlc_player._vlc.State.Paused)
    for ms in (1200, 400, 2400, 1040, 1960, 520):
        image = next_poster(qtbot, vlc_player, lambda m=ms: vlc_player.seek(m))
        assert frame_number(image) == ms // 40, ms
    assert vlc_player.state() == PlayerState.PAUSED


def test_frame_steps_show_each_frame_before_play_and_paused(
    qtbot: QtBot, vlc_player: VlcPlayer, numbered_video: Path
) -> None:
    next_poster(qtbot, vlc_player, lambda: vlc_player.load(str(numbered_video)))
    assert vlc_player.frame_ms() == pytest.approx(40.0)  # from the file, before any Play
    next_poster(qtbot, vlc_player, lambda: vlc_player.seek(1_000))
    shown: list[QImage] = []
    vlc_player.posterChanged.connect(shown.append)
    vlc_player.play()
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    assert shown and shown[-1].isNull()  # playing: VLC's own picture again
    vlc_player.pause()
    qtbot.waitUntil(lambda: vlc_player._mp.get_state() == vlc_player._vlc.State.Paused)
    first = next_poster(qtbot, vlc_player, lambda: vlc_player.seek(2_000))
    assert frame_number(first) == 50
    for expected in (51, 52):
        image = next_poster(qtbot, vlc_player, lambda: vlc_player.step_frame(True))
        assert frame_number(image) == expected
    image = next_poster(qtbot, vlc_player, lambda: vlc_player.step_frame(False))
    assert frame_number(image) == 51
    assert vlc_player.time() == 51 * 40
