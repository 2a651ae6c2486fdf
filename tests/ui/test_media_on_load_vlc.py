"""Opening a project with real libVLC and real media, before anyone presses Play: the duration is
on the clock at once, and opening other media starts afresh (its own duration, none of the last
project's). Paused, a click on a line shows that line's first frame."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript
from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.playback.playback_settings import CLICK_PLAYS_KEY
from app.ui.window.main_window import MainWindow
from tests.conftest import COLOR_SECONDS
from tests.player.test_embedding import close_to, screen_rgb
from tests.ui.conftest import open_window

pytestmark = [pytest.mark.vlc, pytest.mark.gui]


def _srt(path: Path, seconds: int, step: int = 1) -> Path:
    lines = [
        Line(start_ms=i * 1000, end_ms=(i + step) * 1000, text=f"Second {i}")
        for i in range(0, seconds, step)
    ]
    write_path(Transcript(lines=lines), path, "srt")
    return path


@pytest.fixture(scope="module")
def two_minute_video(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 s of cyan, small and at 5 fps: quick to make, long enough for a 02:00 clock."""
    out = tmp_path_factory.mktemp("long") / "two_minutes.mp4"
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=cyan:s=160x120:r=5:d=120",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(out),
        ],
        check=True,
    )
    return out


@pytest.fixture
def vlc_window(
    qtbot: QtBot, library: Library, color_video: Path, tmp_path: Path
) -> Iterator[MainWindow]:
    srt = _srt(tmp_path / "colors.srt", len(COLOR_SECONDS))
    window = open_window(qtbot, library, VlcPlayer(audio=False), srt, color_video)
    yield window
    window.close()


def _video_shows(window: MainWindow, colour: str) -> bool:
    return close_to(screen_rgb(window.video.surface), colour)


def _click_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    rect = window.view.row_rect(row)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_duration_on_the_clock_before_any_play(qtbot: QtBot, vlc_window: MainWindow) -> None:
    w = vlc_window
    qtbot.waitUntil(lambda: w.transport.time_label.text() == "00:00 / 00:10", timeout=5000)
    assert w.player.state() != PlayerState.PLAYING


def test_opening_other_media_resets_duration_and_picture(
    qtbot: QtBot, vlc_window: MainWindow, library: Library, two_minute_video: Path, tmp_path: Path
) -> None:
    w = vlc_window
    qtbot.waitUntil(lambda: w.transport.time_label.text().endswith("/ 00:10"), timeout=5000)
    durations: list[int] = []
    w.player.durationChanged.connect(durations.append)
    opened = open_pair(library, _srt(tmp_path / "long.srt", 120, step=3), two_minute_video)
    w.show_project(opened.project_id, opened.transcript, opened.report)
    assert not w.transport.time_label.text().endswith("/ 00:10")  # no old duration meanwhile
    qtbot.waitUntil(lambda: w.transport.time_label.text() == "00:00 / 02:00", timeout=5000)
    assert durations[0] == 0 and abs(durations[-1] - 120_000) <= 300
    assert w.player.state() != PlayerState.PLAYING


FRAME_MS = 40
BANDS = "geq=lum='16+219*mod(floor(N/pow(2\\,floor(X/40)))\\,2)'"


@pytest.fixture(scope="module")
def numbered_video(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 s at 25 fps whose picture spells its frame number in eight black/white bands (bit k in
    the k-th 40 px band of 320), H.264 without B-frames."""
    out = tmp_path_factory.mktemp("numbered") / "frames.mp4"
    source = f"color=c=black:s=320x240:r=25:d=3,format=gray,{BANDS}"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", source, "-c:v", "libx264",
         "-bf", "0", "-g", "25", "-pix_fmt", "yuv420p", str(out)],
        check=True,
    )  # fmt: skip
    return out


def _shown_frame(window: MainWindow) -> int:
    """The frame number on screen: the X server's pixels across the middle of the picture."""
    surface = window.video.surface
    screen = QGuiApplication.primaryScreen()
    # VLC keeps the 4:3 picture's aspect: find its left edge and width inside the surface.
    corner = surface.mapToGlobal(surface.rect().topLeft())
    width, height = surface.width(), surface.height()
    shown_w = min(width, height * 4 // 3)
    left = corner.x() + (width - shown_w) // 2
    row = screen.grabWindow(0, left, corner.y() + height // 2, shown_w, 1).toImage()
    band = shown_w / 8
    return sum(1 << k for k in range(8) if row.pixelColor(int(band * k + band / 2), 0).red() > 128)


def test_a_click_while_paused_shows_the_lines_first_frame(
    qtbot: QtBot, library: Library, numbered_video: Path, tmp_path: Path
) -> None:
    """Not a frame from before the line starts (it was one to four frames early)."""
    starts = [0, 520, 1000, 1240, 1600, 2000, 2400]
    lines = [
        Line(start_ms=a, end_ms=b, text=f"From {a} ms")
        for a, b in zip(starts, [*starts[1:], 3000], strict=True)
    ]
    srt = tmp_path / "frames.srt"
    write_path(Transcript(lines=lines), srt, "srt")
    QSettings().setValue(CLICK_PLAYS_KEY, False)  # Preferences: clicking a line only goes there
    window = open_window(qtbot, library, VlcPlayer(audio=False), srt, numbered_video)
    try:
        player = window.player
        qtbot.waitUntil(lambda: player.duration() > 0, timeout=5000)
        player.play()  # paused after a first Play, as a reviewer pauses
        qtbot.waitUntil(lambda: player._mp.has_vout() > 0 and player.time() > 0, timeout=5000)
        player.pause()
        qtbot.waitUntil(lambda: player._mp.get_state() == player._vlc.State.Paused)
        for row in (3, 1, 5, 2, 6, 4):
            wanted = starts[row] // FRAME_MS
            _click_row(qtbot, window, row)
            assert window.view.current_source_row() == row, window.playback.click_plays
            assert window.player.time() == starts[row], window.playback.click_plays
            seen: list[int] = []

            def lands(want: int = wanted, seen: list[int] = seen) -> bool:
                seen.append(_shown_frame(window))
                return seen[-1] in (want, want + 1)

            qtbot.waitUntil(lands, timeout=3000)
            qtbot.wait(300)  # and stays there
            assert _shown_frame(window) - wanted in (0, 1), seen
            assert window.player.state() != PlayerState.PLAYING
    finally:
        window.close()
        QSettings().remove(CLICK_PLAYS_KEY)
