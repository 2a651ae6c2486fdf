"""SubRip files as tools really write them read into clean lines, and write back readable."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.core.formats.base import TranscriptFormatError
from app.core.formats.srt import TAG, read_srt, sniff_srt, write_srt
from app.core.transcript import Line, Transcript
from tests.conftest import DATA


def _read(name: str) -> str:
    # Raw bytes decoded keep CRLF and the BOM for the reader to deal with, as a raw file would.
    return (DATA / name).read_bytes().decode("utf-8")


def _spans(transcript: Transcript) -> list[tuple[int, int, str]]:
    return [(line.start_ms, line.end_ms, line.text) for line in transcript.lines]


def test_quirky_file_reads_clean() -> None:
    raw = _read("srt-quirks.srt")
    assert raw.startswith("\ufeff") and "\r\n" in raw  # the sample really has the quirks
    result = read_srt(raw)
    assert _spans(result.transcript) == [
        (1_000, 3_500, "Good evening."),
        (4_000, 6_250, "Tonight: the talks\nin Abu Dhabi."),
        (7_100, 9_000, "ANCHOR: Welcome back."),
        (9_500, 11_000, "Line one\nline two\nline three"),
    ]
    assert result.report.clean
    assert result.report.lines_read == 4
    assert result.report.format == "srt"


def test_speaker_label_stays_in_the_text() -> None:
    line = read_srt(_read("srt-quirks.srt")).transcript.lines[2]
    assert line.speaker == ""
    assert line.text == "ANCHOR: Welcome back."


def test_broken_cues_are_reported_with_their_line_numbers() -> None:
    result = read_srt(_read("srt-broken.srt"))
    assert _spans(result.transcript) == [
        (1_000, 2_000, "Fine."),
        (5_000, 5_000, "Backwards."),
        (8_000, 9_000, "First part\nsecond part"),
        (10_000, 11_000, "Last."),
    ]
    issues = {(i.line_no, i.repaired) for i in result.report.issues}
    assert issues == {(1, False), (8, True), (12, False), (15, False), (21, True)}
    reasons = {i.line_no: i.reason for i in result.report.issues}
    assert "before it starts" in reasons[8]
    assert "without text" in reasons[12]
    assert "bad time" in reasons[15]
    assert "1 skipped" not in result.report.summary()
    assert "3 skipped, 2 repaired" in result.report.summary()


def test_read_write_read_keeps_the_lines() -> None:
    for name in ("srt-quirks.srt", "srt-broken.srt"):
        first = read_srt(_read(name)).transcript
        again = read_srt(write_srt(first))
        assert _spans(again.transcript) == _spans(first)
        assert again.report.clean


def test_writer_writes_standard_subrip() -> None:
    transcript = Transcript(
        lines=[
            Line(0, 1_500, "Hello"),
            Line(3_723_045, 3_725_000, "Two\nrows", original_text="Tow\nrows"),
        ]
    )
    assert write_srt(transcript) == (
        "1\n00:00:00,000 --> 00:00:01,500\nHello\n\n2\n01:02:03,045 --> 01:02:05,000\nTwo\nrows\n"
    )


def test_writer_drops_blank_rows_that_would_split_a_cue() -> None:
    text = write_srt(Transcript(lines=[Line(0, 1_000, "One\n\nTwo"), Line(1_000, 2_000, "Three")]))
    assert _spans(read_srt(text).transcript) == [(0, 1_000, "One\nTwo"), (1_000, 2_000, "Three")]


def test_cue_numbers_in_the_text_are_not_taken_for_indexes() -> None:
    transcript = Transcript(lines=[Line(0, 1_000, "The answer is\n42"), Line(1_000, 2_000, "7")])
    assert _spans(read_srt(write_srt(transcript)).transcript) == _spans(transcript)


def test_millis_with_fewer_digits_are_fractions() -> None:
    lines = read_srt("1\n00:00:01,5 --> 00:00:02,25\nHi\n").transcript.lines
    assert (lines[0].start_ms, lines[0].end_ms) == (1_500, 2_250)


def test_text_without_cues_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="no SubRip timing"):
        read_srt("Just some words.\nAnd more.\n")


def test_sniff() -> None:
    assert sniff_srt(_read("srt-quirks.srt")) == 1.0
    assert sniff_srt("00:00:01,000 --> 00:00:02,000\nno index\n") > 0.5
    assert sniff_srt((DATA / "news-page.txt").read_text(encoding="utf-8")) == 0.0
    assert sniff_srt('{"format": "proofreel-transcript"}') == 0.0


_ROW = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"),
    min_size=1,
    max_size=30,
).filter(
    # What SubRip cannot carry: rows that are blank or padded, rows that look like a timing
    # line, and display tags, which the reader strips on purpose.
    lambda row: row.strip(" \t") == row and "->" not in row and TAG.search(row) is None
)


@st.composite
def _transcripts(draw: st.DrawFn) -> Transcript:
    texts = draw(st.lists(st.lists(_ROW, min_size=1, max_size=3), max_size=12))
    starts = sorted(
        draw(st.lists(st.integers(0, 360_000_000), min_size=len(texts), max_size=len(texts)))
    )
    lines = []
    for start, rows in zip(starts, texts, strict=True):
        length = draw(st.integers(0, 60_000))
        text = "\n".join(rows)
        assume(TAG.search(text) is None)  # a tag may also span rows: "{\\" then "}"
        lines.append(Line(start, start + length, text))
    return Transcript(lines=lines)


@given(_transcripts())
def test_generated_transcripts_round_trip_exactly(transcript: Transcript) -> None:
    result = read_srt(write_srt(transcript)) if transcript.lines else None
    if result is None:
        assert write_srt(transcript) == ""
        return
    assert _spans(result.transcript) == _spans(transcript)
    assert result.report.clean


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        result = read_srt(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert result.report.lines_read == len(result.transcript.lines)


@given(
    st.lists(
        st.sampled_from(
            [
                "1",
                "\n",
                "00:00:01,000",
                " --> ",
                "00:61:00.5",
                "<i>",
                "x",
                "\r\n",
                "2",
                "-->",
                "{\\an8}",
                "9999:00:00,1234",
            ]
        )
    )
)
def test_srt_like_noise_raises_only_format_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptFormatError):
        read_srt("".join(pieces))


# --- issue 12: negative times, lost timings, unknown tags, huge numbers ---


def _cues(text: str) -> list[tuple[int, int, str]]:
    return [(x.start_ms, x.end_ms, x.text) for x in read_srt(text).transcript.lines]


def _where(text: str) -> list[tuple[int, bool]]:
    return [(i.line_no, i.repaired) for i in read_srt(text).report.issues]


def test_negative_times_clamp_to_zero_and_are_reported() -> None:
    text = (
        "1\n-00:00:06,843 --> -00:00:02,850\nBoth negative\n\n"
        "2\n-00:00:01,471 --> 00:00:00,946\nStart negative\n\n"
        "3\n00:00:00,946 --> 00:00:03,364\nFine\n"
    )
    assert _cues(text) == [(0, 0, "Both negative"), (0, 946, "Start negative"), (946, 3364, "Fine")]
    assert _where(text) == [(2, True), (6, True)]
    assert "negative" in read_srt(text).report.issues[0].reason


def test_a_cue_without_timing_row_is_reported_not_joined() -> None:
    text = (
        "1\n00:00:00,500 --> 00:00:07,000\nCaption text #1\n\n"
        "2\nCaption text #2\n\n"
        "3\n00:00:11,890 --> 00:00:16,320\nCaption text #3\n"
    )
    result = read_srt(text)
    assert _cues(text) == [(500, 7000, "Caption text #1"), (11890, 16320, "Caption text #3")]
    assert _where(text) == [(5, False)]
    assert "no timing row" in result.report.issues[0].reason


def test_an_unrecognised_timing_row_is_reported_as_such() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n"
        "2\n00:00:02,000 --> soon\nTwo\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nThree\n"
    )
    result = read_srt(text)
    assert _cues(text) == [(1000, 2000, "One"), (3000, 4000, "Three")]
    assert _where(text) == [(6, False)]
    assert "unrecognised timing row '00:00:02,000 --> soon'" in result.report.issues[0].reason


def test_only_a_row_that_starts_like_a_timing_is_taken_for_one() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nThe score went 2 -> 3\nthen 3 --> 4 at 1:30\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n<i></i>00:00:09,000 --> 00:00:10,000\nquoted\n"
    )
    assert _cues(text) == [
        (1000, 2000, "The score went 2 -> 3\nthen 3 --> 4 at 1:30"),
        (3000, 4000, "00:00:09,000 --> 00:00:10,000\nquoted"),
    ]
    assert read_srt(text).report.clean


def test_unknown_and_malformed_tags_are_dropped_and_reported() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n<invalid_tag>A</invalid_tag> < u>b< / i > c <3\n"
    result = read_srt(text)
    assert _cues(text) == [(1000, 2000, "A b c <3")]
    reasons = " ".join(i.reason for i in result.report.issues)
    assert "'<invalid_tag>'" in reasons and "'< u>'" in reasons and "'< / i >'" in reasons


def test_huge_numbers_are_an_error_for_their_cue_not_a_traceback() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nKept\n\n"
        f"2\n{'9' * 23}:00:00,000 --> {'9' * 23}:00:01,000\nHours\n\n"
        f"3\n00:{'1' * 5000}:00,000 --> 00:00:01,000\nMinutes\n\n"
        f"4\n1000:00:00,000 --> 1000:00:01,000\nPast 999 h\n"
    )
    result = read_srt(text)
    assert _cues(text) == [(1000, 2000, "Kept")]
    assert _where(text) == [(6, False), (10, False), (14, False)]
    assert "hours past 999" in result.report.issues[0].reason
    assert "hours past 999" in result.report.issues[2].reason
