"""Plain time-stamped text: three stamp styles, speakers only from name-like labels, write back."""

from __future__ import annotations

import contextlib
import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.plain import (
    is_speaker_label,
    read_plain,
    sniff_plain,
    split_speaker,
    write_plain,
)
from app.core.transcript import Line, Transcript
from tests.conftest import DATA


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _rows(transcript: Transcript) -> list[tuple[int, str, str]]:
    return [(x.start_ms, x.speaker, x.text) for x in transcript.lines]


def test_three_stamp_styles_and_speakers() -> None:
    result = read_plain(_read("plain-stamped.txt"))
    assert _rows(result.transcript) == [
        (1_000, "Dr. Smith", "Good evening."),
        (4_000, "", "He said: hello to everyone"),
        (7_000, "JOHN", "Thanks, doctor.\nIt is good to be here."),
        (9_500, "Mary-Jane O'Brien", "And me."),
        (3_723_250, "", "Closing words"),
    ]
    lines = result.transcript.lines
    for line, following in pairwise(lines):
        assert line.end_ms == following.start_ms and line.end_inferred
    issues = [(i.line_no, i.repaired, i.reason) for i in result.report.issues]
    assert issues == [(1, False, "text before the first time stamp")]


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("Dr. Smith", True), ("SPEAKER 2", True), ("Speaker_00", True), ("李明", True),
        ("Ludwig van Beethoven", True), ("Q", True), ("He said", False), ("Note", False),
        ("Hello. Bob", False), ("Why, then", False), ("One Two Three Four Five", False),
        ("A" * 33, False), ("", False),
    ],
)  # fmt: skip
def test_speaker_labels(label: str, speaker: bool) -> None:
    assert is_speaker_label(label) is speaker


def test_split_speaker() -> None:
    assert split_speaker("Dr. Smith: hello") == ("Dr. Smith", "hello")
    assert split_speaker("He said: hello") == ("", "He said: hello")
    assert split_speaker("At 10:30 we met") == ("", "At 10:30 we met")
    assert split_speaker("JOHN:\nrow two") == ("JOHN", "row two")


def test_broken_lines_are_reported_with_line_numbers() -> None:
    result = read_plain(_read("plain-broken.txt"))
    assert _rows(result.transcript) == [
        (1_000, "", "Fine."),
        (6_000, "", "Six."),
        (3_000, "", "Back in time.\nLoose paragraph after a blank."),
    ]
    issues = {(i.line_no, i.repaired): i.reason for i in result.report.issues}
    assert set(issues) == {(2, False), (3, False), (5, True), (7, True), (8, False)}
    assert "below 60" in issues[2, False]
    assert "no text" in issues[3, False]
    assert "backwards" in issues[5, True]
    assert "joined" in issues[7, True]
    assert "no text" in issues[8, False]  # "Speaker 2:" with nothing said


def test_writer_writes_what_reads_back() -> None:
    transcript = Transcript(
        lines=[Line(0, 1_500, "Hello", speaker="Ann"), Line(3_723_045, 3_725_000, "Two\n\nrows")]
    )
    assert write_plain(transcript) == "[0:00:00.000] Ann: Hello\n[1:02:03.045] Two\nrows\n"
    again = read_plain(write_plain(transcript))
    assert _rows(again.transcript) == [(0, "Ann", "Hello"), (3_723_045, "", "Two\nrows")]
    assert again.report.clean


def test_read_write_read_keeps_the_sample() -> None:
    first = read_plain(_read("plain-stamped.txt")).transcript
    again = read_plain(write_plain(first)).transcript
    assert [(x.start_ms, x.end_ms, x.speaker, x.text) for x in again.lines] == [
        (x.start_ms, x.end_ms, x.speaker, x.text) for x in first.lines
    ]


def test_text_without_stamps_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="no time stamps"):
        read_plain("Dear diary, nothing happened today.\n")


def test_sniff() -> None:
    assert sniff_plain(_read("plain-stamped.txt")) > 0.6
    for other in ("news-page.txt", "srt-quirks.srt", "sbv-speakers.sbv", "youtube-paste.txt"):
        assert sniff_plain(_read(other)) == 0.0
    assert sniff_plain(_read("otter.txt")) == 0.0
    assert registry.sniff(_read("plain-stamped.txt")).name == "plain"
    assert registry.sniff(_read("news-page.txt")).name == "page"


def test_content_picks_plain_for_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    shutil.copy(DATA / "plain-stamped.txt", path)
    result = registry.read_path(path)
    assert result.report.format == "plain"
    assert result.transcript.lines[0].speaker == "Dr. Smith"


_STAMPED = re.compile(r"^[\[(]?(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{2}")
# What this format carries: starts (ends are inferred, so the generator makes each line end where
# the next starts), speakers that look like names, rows that are neither blank nor padded nor
# begin with a stamp (that would start a new line), and a first row that does not read as
# "Name: ..." (it would become the speaker of a line that has none).
_ROW = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"),
    min_size=1,
    max_size=30,
).filter(lambda row: row.strip() == row and not _STAMPED.match(row))
_TEXT = (
    st.lists(_ROW, min_size=1, max_size=3)
    .map("\n".join)
    .filter(lambda text: split_speaker(text)[0] == "")
)
_NAME = st.lists(st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True), min_size=1, max_size=3)
_SPEAKER = st.one_of(st.just(""), _NAME.map(" ".join).filter(is_speaker_label))


@st.composite
def _transcripts(draw: st.DrawFn) -> Transcript:
    starts = sorted(draw(st.sets(st.integers(0, 360_000_000), min_size=1, max_size=10)))
    ends = [*starts[1:], starts[-1] + 1]
    lines = [
        Line(start, end, draw(_TEXT), speaker=draw(_SPEAKER), end_inferred=True)
        for start, end in zip(starts, ends, strict=True)
    ]
    return Transcript(lines=lines)


@given(_transcripts())
def test_generated_transcripts_round_trip(transcript: Transcript) -> None:
    result = read_plain(write_plain(transcript))
    assert _rows(result.transcript) == _rows(transcript)
    ends = [x.end_ms for x in result.transcript.lines]
    assert ends[:-1] == [x.end_ms for x in transcript.lines][:-1]
    assert result.report.clean


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        result = read_plain(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert result.report.lines_read == len(result.transcript.lines) > 0


_PIECES = ["[0:01]", "(1:02)", "00:01:02", "[9:99.5]", " ", "\n", "\n\n", "Bob:", "x", "[", ")"]


@given(st.lists(st.sampled_from(_PIECES)))
def test_plain_like_noise_raises_only_format_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptFormatError):
        read_plain("".join(pieces))
