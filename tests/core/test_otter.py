"""Otter.ai's text export: speaker headings with a start time, paragraphs as lines."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.otter import read_otter, sniff_otter
from app.core.transcript import Transcript
from tests.conftest import DATA


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _lines(transcript: Transcript) -> list[tuple[int, int, str, str]]:
    return [(x.start_ms, x.end_ms, x.speaker, x.text) for x in transcript.lines]


def test_export_reads_speakers_and_paragraphs() -> None:
    result = read_otter(_read("otter.txt"))
    lines = _lines(result.transcript)
    assert lines[:2] == [
        (0, 15_000, "Speaker 1", "Hello everyone, welcome to the weekly sync."),
        (
            15_000,
            3_723_000,
            "Jane Doe",
            "Thanks. I have two updates today.\nFirst, the release is ready.",
        ),
    ]
    start, end, speaker, text = lines[2]
    assert (start, speaker, text) == (3_723_000, "Speaker 1", "Great, let's wrap up.")
    assert end > start and result.transcript.lines[2].end_inferred
    issues = [(i.line_no, i.repaired, i.reason) for i in result.report.issues]
    assert issues == [
        (1, False, "text before the first speaker heading"),
        (14, False, "Otter.ai footer"),
    ]


def test_one_space_heading_needs_a_name_like_speaker() -> None:
    text = "Jane Doe 0:05\nHello.\nsee you at 3:30\n"
    assert _lines(read_otter(text).transcript)[0][2:] == ("Jane Doe", "Hello.\nsee you at 3:30")


def test_broken_export_is_reported_with_line_numbers() -> None:
    result = read_otter(_read("otter-broken.txt"))
    assert [(s, who, text) for s, _, who, text in _lines(result.transcript)] == [
        (10_000, "Speaker 1", "Fine."),
        (5_000, "Speaker 1", "Back in time.\nA paragraph after a blank."),
    ]
    issues = {(i.line_no, i.repaired): i.reason for i in result.report.issues}
    assert set(issues) == {(4, False), (7, False), (9, True), (12, True)}
    assert "below 60" in issues[4, False]
    assert "no text" in issues[7, False]
    assert "backwards" in issues[9, True]
    assert "joined" in issues[12, True]


def test_text_without_headings_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="no speaker headings"):
        read_otter("Dear diary, nothing happened today.\n")


def test_sniff() -> None:
    assert sniff_otter(_read("otter.txt")) == 0.95
    for other in ("news-page.txt", "srt-quirks.srt", "youtube-paste.txt", "plain-stamped.txt"):
        assert sniff_otter(_read(other)) == 0.0
    assert registry.sniff(_read("otter.txt")).name == "otter"
    assert registry.sniff(_read("otter-broken.txt")).name == "otter"


def test_content_picks_otter_for_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "meeting.txt"
    shutil.copy(DATA / "otter.txt", path)
    result = registry.read_path(path)
    assert result.report.format == "otter"
    assert [x.speaker for x in result.transcript.lines] == ["Speaker 1", "Jane Doe", "Speaker 1"]


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        result = read_otter(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert result.report.lines_read == len(result.transcript.lines) > 0


_PIECES = [
    "Speaker 1", "  ", " ", "\t", "0:00", "1:02:03", "9:99", "\n", "\n\n", "text.", "otter.ai",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES)))
def test_otter_like_noise_raises_only_format_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptFormatError):
        read_otter("".join(pieces))
