"""YouTube's SBV captions: times, ">>" speaker changes, broken cues reported, written back."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.plain import is_speaker_label, split_speaker
from app.core.formats.sbv import read_sbv, sniff_sbv, write_sbv
from app.core.transcript import Line, Transcript
from tests.conftest import DATA

Row = tuple[int, int, str, str]


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _lines(transcript: Transcript) -> list[Row]:
    return [(x.start_ms, x.end_ms, x.speaker, x.text) for x in transcript.lines]


def test_speaker_changes() -> None:
    result = read_sbv(_read("sbv-speakers.sbv"))
    assert _lines(result.transcript) == [
        (1_000, 3_500, "JOHN", "Good evening."),
        (4_000, 6_250, "JOHN", "Tonight, the talks\nin Abu Dhabi."),  # no ">>": same speaker
        (7_100, 9_000, "", "Thank you, John."),  # bare ">>": someone else, unnamed
        (9_500, 11_000, "Dr. Mary Jones", "Glad to be here.\n>> not a change here"),
        (11_000, 12_000, "Dr. Mary Jones", "He said: fine."),
    ]
    assert result.report.clean
    assert result.report.lines_read == 5


def test_broken_cues_are_reported_with_their_line_numbers() -> None:
    result = read_sbv(_read("sbv-broken.sbv"))
    assert _lines(result.transcript) == [
        (1_000, 2_000, "", "Fine."),
        (5_000, 5_000, "", "Ends before it starts."),
        (3_000, 3_500, "", "Back in time.\njoined after a blank"),
    ]
    reasons = {(i.line_no, i.repaired): i.reason for i in result.report.issues}
    assert set(reasons) == {(1, False), (5, True), (8, False), (10, False), (13, True), (16, True)}
    assert "before the first cue" in reasons[1, False]
    assert "before it starts" in reasons[5, True]
    assert "without text" in reasons[8, False]
    assert "bad time" in reasons[10, False]
    assert "backwards" in reasons[13, True]
    assert "joined" in reasons[16, True]
    assert "3 skipped, 3 repaired" in result.report.summary()


def test_writer_marks_speaker_changes_only() -> None:
    transcript = Transcript(
        lines=[
            Line(0, 1_500, "Hello", speaker="Ann"),
            Line(1_500, 2_000, "Still Ann\n\nafter a blank", speaker="Ann"),
            Line(3_723_045, 3_725_000, "Someone", speaker=""),
        ]
    )
    assert write_sbv(transcript) == (
        "0:00:00.000,0:00:01.500\n>> Ann: Hello\n\n"
        "0:00:01.500,0:00:02.000\nStill Ann\nafter a blank\n\n"
        "1:02:03.045,1:02:05.000\n>> Someone\n"
    )


@pytest.mark.parametrize("name", ["sbv-speakers.sbv", "sbv-broken.sbv"])
def test_read_write_read_keeps_the_lines(name: str) -> None:
    first = read_sbv(_read(name)).transcript
    again = read_sbv(write_sbv(first))
    assert _lines(again.transcript) == _lines(first)


def test_text_without_timings_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="no SBV timing"):
        read_sbv("Just some words.\n")


def test_sniff() -> None:
    assert sniff_sbv(_read("sbv-speakers.sbv")) == 0.95
    assert sniff_sbv(_read("srt-quirks.srt")) == 0.0
    assert sniff_sbv(_read("news-page.txt")) == 0.0
    for name in ("sbv-speakers.sbv", "sbv-broken.sbv"):
        assert registry.sniff(_read(name)).name == "sbv"


def test_content_wins_over_a_txt_extension(tmp_path: Path) -> None:
    path = tmp_path / "captions.txt"
    shutil.copy(DATA / "sbv-speakers.sbv", path)
    result = registry.read_path(path)
    assert result.report.format == "sbv"
    assert result.transcript.lines[0].speaker == "JOHN"


# What SBV carries exactly: rows not blank nor padded (the reader trims them), no row that reads
# as a timing row, no row starting with ">>" (that marks a speaker change), a first row that
# does not read as "Name: ..." (after a bare ">>" it would become the speaker), and speakers
# that look like names (only those are taken from "Name:").
_ROW = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"),
    min_size=1,
    max_size=30,
).filter(
    lambda row: (
        row.strip() == row
        and not row.startswith(">>")
        and re.fullmatch(r"[0-9:. \t]*,[0-9:. \t]*", row) is None
    )
)
_TEXT = (
    st.lists(_ROW, min_size=1, max_size=3)
    .map("\n".join)
    .filter(lambda text: split_speaker(text)[0] == "")
)
_NAME = st.lists(st.from_regex(r"[A-Z][a-z]{0,6}", fullmatch=True), min_size=1, max_size=3)
_SPEAKER = st.one_of(st.just(""), _NAME.map(" ".join).filter(is_speaker_label))


@st.composite
def _transcripts(draw: st.DrawFn) -> Transcript:
    count = draw(st.integers(0, 10))
    starts = sorted(draw(st.lists(st.integers(0, 360_000_000), min_size=count, max_size=count)))
    lines = []
    for start in starts:
        end = start + draw(st.integers(0, 60_000))
        lines.append(Line(start, end, draw(_TEXT), speaker=draw(_SPEAKER)))
    return Transcript(lines=lines)


@given(_transcripts())
def test_generated_transcripts_round_trip_exactly(transcript: Transcript) -> None:
    if not transcript.lines:
        assert write_sbv(transcript) == ""
        return
    result = read_sbv(write_sbv(transcript))
    assert _lines(result.transcript) == _lines(transcript)
    assert result.report.clean


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        result = read_sbv(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert result.report.lines_read == len(result.transcript.lines)


_PIECES = ["0:00:01.000", ",", "0:00:02.5", "9:99:99.9999", "\n", "\n\n", ">>", " JOHN:", "x", " "]


@given(st.lists(st.sampled_from(_PIECES)))
def test_sbv_like_noise_raises_only_format_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptFormatError):
        read_sbv("".join(pieces))


def test_a_5000_digit_field_is_an_error_for_its_cue() -> None:
    text = f"0:00:{'9' * 5000}.000,0:00:01.000\nlost\n\n0:00:02.000,0:00:03.000\nkept\n"
    result = read_sbv(text)
    assert [(x.start_ms, x.end_ms, x.text) for x in result.transcript.lines] == [
        (2000, 3000, "kept")
    ]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(1, False)]


def test_an_unrecognised_timing_row_is_reported_as_such_and_kept_out_of_the_text() -> None:
    # webvtt-py's invalid_timeframe.sbv: cue 3's timing has an 'f' in its milliseconds.
    text = (
        "0:00:11.378,0:00:12.305\nCaption text #2\n\n"
        "0:00:13.f89,0:00:15.489\nCaption text #3\n\n"
        "0:00:15.489,0:00:16.234\nCaption text #4\n"
    )
    result = read_sbv(text)
    assert [x.text for x in result.transcript.lines] == ["Caption text #2", "Caption text #4"]
    assert [(i.line_no, i.repaired, i.reason) for i in result.report.issues] == [
        (4, False, "unrecognised timing row '0:00:13.f89,0:00:15.489': cue skipped")
    ]


def test_text_after_a_blank_row_is_reported_as_lacking_its_own_timing() -> None:
    # webvtt-py's missing_timeframe.sbv: cue 2 has no timing row; its text is kept with cue 1
    # and the report says why, not "blank line inside a cue".
    text = "0:00:00.378,0:00:11.378\nCaption text #1\n\nCaption text #2\n"
    result = read_sbv(text)
    assert [x.text for x in result.transcript.lines] == ["Caption text #1\nCaption text #2"]
    ((line_no, reason),) = [(i.line_no, i.reason) for i in result.report.issues]
    assert line_no == 4 and "no timing row of its own" in reason
