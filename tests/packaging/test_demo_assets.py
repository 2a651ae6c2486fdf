"""The committed demo project (resources/demo) that ``proofreel --demo`` opens.

Rebuild it with ``.venv/bin/python packaging/make_demo.py``; these tests check what is committed:
the files are there and small, the video has a picture and sound, lasts the whole transcript,
and speaks at the transcript's time stamps (sound at the start of sampled lines, silence in a gap).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.formats.page import read_page
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
VIDEO = DEMO / "news.mp4"
PAGE = DEMO / "news-page.txt"
MAX_BYTES = 5 * 1024 * 1024
SPEECH_DB = -45.0  # mean volume over a second of speech is around -20 dB
SILENCE_DB = -60.0  # digital silence decodes far below this


@pytest.fixture(scope="module")
def ffprobe() -> str:
    path = shutil.which("ffprobe")
    if path is None:
        if IN_CI:
            pytest.fail("ffprobe is required in CI but missing", pytrace=False)
        pytest.skip("ffprobe missing")
    return path


@pytest.fixture(scope="module")
def starts_ms() -> list[int]:
    return [line.start_ms for line in read_page(PAGE.read_text(encoding="utf-8")).transcript.lines]


def _mean_volume(ffmpeg: str, start_s: float, length_s: float) -> float:
    result = subprocess.run(
        [
            ffmpeg,
            "-hide_banner",
            "-nostats",
            "-ss",
            f"{start_s:.3f}",
            "-t",
            f"{length_s:.3f}",
            "-i",
            str(VIDEO),
            "-vn",
            "-af",
            "volumedetect",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"mean_volume: (-?[\d.]+|-inf) dB", result.stderr)
    assert match, result.stderr[-2000:]
    return float(match.group(1))


def test_demo_files_are_committed_and_small() -> None:
    assert VIDEO.is_file() and PAGE.is_file() and (DEMO / "README.md").is_file()
    assert VIDEO.stat().st_size < MAX_BYTES
    source = ROOT / "tests" / "data" / "news-page.txt"
    assert PAGE.read_bytes() == source.read_bytes(), "re-run packaging/make_demo.py"


def test_demo_transcript_reads(starts_ms: list[int]) -> None:
    assert len(starts_ms) == 61
    assert starts_ms == sorted(starts_ms)


def test_demo_video_has_picture_and_sound_for_the_whole_transcript(
    ffprobe: str, starts_ms: list[int]
) -> None:
    result = subprocess.run(
        [
            ffprobe,
            "-v",
            "error",
            "-show_entries",
            "format=duration:stream=codec_type",
            "-of",
            "json",
            str(VIDEO),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    info = json.loads(result.stdout)
    kinds = [stream["codec_type"] for stream in info["streams"]]
    assert kinds.count("video") == 1 and kinds.count("audio") == 1, kinds
    assert float(info["format"]["duration"]) >= starts_ms[-1] / 1000 + 1.0


@pytest.mark.parametrize("index", [0, 1, 2, 25, 60])
def test_demo_speaks_each_sampled_line_at_its_start(
    ffmpeg: str, starts_ms: list[int], index: int
) -> None:
    # 25 is a one-second slot that needed the fastest speech; 60 is the last line.
    mean = _mean_volume(ffmpeg, starts_ms[index] / 1000, 1.0)
    assert mean > SPEECH_DB, f"line {index + 1} at {starts_ms[index]} ms: {mean} dB"


def test_demo_is_silent_between_lines(ffmpeg: str, starts_ms: list[int]) -> None:
    # The first line takes about 5 s to say but its slot runs 26 s: the end of it is quiet,
    # so the speech is placed at the stamps and is not just sound everywhere.
    assert starts_ms[1] >= 20_000
    mean = _mean_volume(ffmpeg, starts_ms[1] / 1000 - 6.0, 5.0)
    assert mean < SILENCE_DB, f"{mean} dB"
