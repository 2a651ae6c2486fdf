"""frame_at: the picture a reviewer sees at a time, decoded exactly, B-frames included."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.media.poster import Picture, PosterError, frame_at
from tests.conftest import COLOR_RGB, COLOR_SECONDS

#: Each frame spells its number in eight black/white bands, 40 px wide (bit k in band k).
BANDS = "geq=lum='16+219*mod(floor(N/pow(2\\,floor(X/40)))\\,2)'"


@pytest.fixture(scope="module")
def numbered_video(ffmpeg: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 s at 25 fps, H.264 with B-frames (x264's default) and a keyframe every 25 frames."""
    out = tmp_path_factory.mktemp("poster") / "numbered.mp4"
    source = f"color=c=black:s=320x240:r=25:d=3,format=gray,{BANDS}"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", source, "-c:v", "libx264",
         "-g", "25", "-pix_fmt", "yuv420p", str(out)],
        check=True,
    )  # fmt: skip
    return out


def frame_number(picture: Picture) -> int:
    row = picture.rgb[120 * picture.width * 3 : 121 * picture.width * 3]
    return sum(1 << k for k in range(8) if row[(20 + 40 * k) * 3] > 128)


def pixel(picture: Picture, x: int, y: int) -> tuple[int, int, int]:
    at = (y * picture.width + x) * 3
    r, g, b = picture.rgb[at : at + 3]
    return r, g, b


@pytest.mark.parametrize(
    ("ms", "frame"),
    [(0, 0), (39, 0), (40, 1), (41, 1), (520, 13), (1000, 25), (1040, 26), (1960, 49), (2999, 74)],
)
def test_the_frame_on_screen_at_a_time_is_exact(numbered_video: Path, ms: int, frame: int) -> None:
    picture = frame_at(numbered_video, ms)
    assert picture is not None
    assert frame_number(picture) == frame
    assert picture.time_ms == frame * 40
    assert (picture.width, picture.height) == (320, 240)


def test_past_the_end_shows_the_last_frame(numbered_video: Path) -> None:
    picture = frame_at(numbered_video, 60_000)
    assert picture is not None and frame_number(picture) == 74


def test_the_colour_video_shows_its_colour_per_second(color_video: Path) -> None:
    for second in (0, 2, 5):
        picture = frame_at(color_video, second * 1000 + 500)
        assert picture is not None
        expected = COLOR_RGB[COLOR_SECONDS[second]]
        assert all(
            abs(a - b) <= 40 for a, b in zip(pixel(picture, 160, 120), expected, strict=True)
        )


def test_a_large_video_is_scaled_down(ffmpeg: str, tmp_path: Path) -> None:
    out = tmp_path / "wide.mp4"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=blue:s=1920x1080:r=25:d=1",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", str(out)],
        check=True,
    )  # fmt: skip
    picture = frame_at(out, 0, max_width=640)
    assert picture is not None and (picture.width, picture.height) == (640, 360)
    assert len(picture.rgb) == 640 * 360 * 3


def test_audio_only_media_has_no_picture(ffmpeg: str, tmp_path: Path) -> None:
    out = tmp_path / "tone.m4a"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac",
         str(out)],
        check=True,
    )  # fmt: skip
    assert frame_at(out, 0) is None


def test_a_file_that_is_no_media_is_one_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.mp4"
    junk.write_text("not a video at all\n" * 50)
    with pytest.raises(PosterError, match=r"notes\.mp4") as caught:
        frame_at(junk, 0)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PosterError, match=r"gone\.mp4"):
        frame_at(tmp_path / "gone.mp4", 0)
