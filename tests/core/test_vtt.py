"""WebVTT read into clean lines (voices, markup, YouTube's rolling captions) and written back."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import registry, webvtt_spec
from app.core.formats.base import TranscriptFormatError
from app.core.formats.vtt import read_vtt, sniff_vtt, write_vtt
from app.core.transcript import Line, Note, Transcript
from tests.conftest import DATA

Row = tuple[int, int, str, str]


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _lines(transcript: Transcript) -> list[Row]:
    return [(x.start_ms, x.end_ms, x.speaker, x.text) for x in transcript.lines]


def _issues(name: str) -> set[tuple[int, bool]]:
    return {(i.line_no, i.repaired) for i in read_vtt(_read(name)).report.issues}


def test_voices_markup_and_entities() -> None:
    result = read_vtt(_read("vtt-voices.vtt"))
    assert _lines(result.transcript) == [
        (1_000, 3_500, "Dr. Smith", "Good evening & welcome."),
        (4_000, 6_250, "Mary Jones", "We say <hi>\u00a0here\nand there too."),
        (7_000, 9_000, "", "No voice 漢 here."),  # ruby text (the reading) is dropped
        (9_500, 11_000, "Bob", "Hi, Alice.\nAlice: Hi, Bob."),
    ]
    [issue] = result.report.issues
    assert (issue.line_no, issue.repaired) == (15, True)
    assert "second voice" in issue.reason and "Alice" in issue.reason


def test_youtube_rolling_captions_give_each_row_once() -> None:
    result = read_vtt(_read("vtt-youtube-auto.vtt"))
    assert _lines(result.transcript) == [
        (0, 2_310, "", "hello everyone and welcome"),
        (2_320, 5_030, "", "to the show"),
        (5_040, 7_990, "", "today we talk about rock&roll"),
        (8_000, 10_500, "", "[Music]"),
    ]
    [issue] = result.report.issues
    assert issue.line_no == 0 and issue.repaired and "rolling" in issue.reason


def test_repeated_rows_of_ordinary_captions_are_kept() -> None:
    # Without YouTube's word stamps a repeated row is a repeated line (a chorus), not rolling.
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nHey!\n\n00:02.000 --> 00:03.000\nHey!\n"
    assert [x.text for x in read_vtt(text).transcript.lines] == ["Hey!", "Hey!"]


def test_notes_styles_and_regions_are_not_lines_nor_issues() -> None:
    result = read_vtt(_read("vtt-notes-styles.vtt"))
    assert _lines(result.transcript) == [
        (1_000, 2_000, "", "First."),
        (2_500, 4_000, "", "Second."),
    ]
    assert result.report.clean


def test_broken_cues_are_reported_with_their_line_numbers() -> None:
    result = read_vtt(_read("vtt-broken.vtt"))
    assert _lines(result.transcript) == [
        (1_000, 2_000, "", "Fine."),
        (5_000, 5_000, "", "Ends before it starts."),
        (3_000, 3_500, "", "Back in time."),
        (11_000, 12_000, "", "Last."),
    ]
    assert _issues("vtt-broken.vtt") == {
        (6, False), (8, True), (11, False), (14, False), (17, True), (20, False)
    }  # fmt: skip
    reasons = {i.line_no: i.reason for i in result.report.issues}
    assert "outside a cue" in reasons[6]
    assert "before it starts" in reasons[8]
    assert "without text" in reasons[11]
    assert "bad time" in reasons[14]
    assert "backwards" in reasons[17]
    assert "not valid WebVTT" in reasons[20]
    assert [i.line_no for i in result.report.issues] == sorted(reasons)


def test_header_quirks() -> None:
    no_header = read_vtt("00:01.000 --> 00:02.000\nHi\n")
    assert _lines(no_header.transcript) == [(1_000, 2_000, "", "Hi")]
    assert [(i.line_no, i.repaired) for i in no_header.report.issues] == [(1, True)]
    glued = read_vtt("WEBVTT\n00:01.000 --> 00:02.000\nHi\n")
    assert [(i.line_no, i.repaired) for i in glued.report.issues] == [(2, True)]
    cue_ids_and_crlf = read_vtt("\ufeffWEBVTT\r\n\r\nintro\r\n00:01.000 --> 00:02.000\r\nHi\r\n")
    assert _lines(cue_ids_and_crlf.transcript) == [(1_000, 2_000, "", "Hi")]
    with pytest.raises(TranscriptFormatError, match="not WebVTT"):
        read_vtt("Just some words.\n")


def test_writer_writes_voices_escapes_and_notes() -> None:
    transcript = Transcript(
        lines=[
            Line(0, 1_500, "Fish & <chips>", speaker="Dr. Smith", notes=[Note("Check -->", "ann")]),
            Line(3_723_045, 3_725_000, "Two\n\nrows", notes=[Note("x\n\ny")]),
        ]
    )
    assert write_vtt(transcript) == (
        "WEBVTT\n\n"
        "NOTE ann: Check ->\n\n"
        "00:00:00.000 --> 00:00:01.500\n<v Dr. Smith>Fish &amp; &lt;chips&gt;\n\n"
        "NOTE x\ny\n\n"
        "01:02:03.045 --> 01:02:05.000\nTwo\nrows\n"
    )
    back = read_vtt(write_vtt(transcript))
    assert _lines(back.transcript)[0] == (0, 1_500, "Dr. Smith", "Fish & <chips>")
    assert back.report.clean


@pytest.mark.parametrize("name", ["vtt-voices.vtt", "vtt-youtube-auto.vtt", "vtt-broken.vtt"])
def test_read_write_read_keeps_the_lines(name: str) -> None:
    first = read_vtt(_read(name)).transcript
    again = read_vtt(write_vtt(first))
    assert _lines(again.transcript) == _lines(first)
    assert [i for i in again.report.issues if "backwards" not in i.reason] == []


def test_sniff_tells_vtt_from_subrip() -> None:
    assert sniff_vtt(_read("vtt-voices.vtt")) == 1.0
    assert sniff_vtt("\ufeffWEBVTT\n") == 1.0
    assert sniff_vtt(_read("srt-quirks.srt")) == 0.0
    assert sniff_vtt("WEBVTTX\n") == 0.0
    for name in ("vtt-voices.vtt", "vtt-youtube-auto.vtt", "vtt-notes-styles.vtt"):
        assert registry.sniff(_read(name)).name == "vtt"


def test_content_wins_over_a_txt_extension(tmp_path: Path) -> None:
    path = tmp_path / "captions.txt"
    shutil.copy(DATA / "vtt-voices.vtt", path)
    result = registry.read_path(path)
    assert result.report.format == "vtt"
    assert result.transcript.lines[0].speaker == "Dr. Smith"


# What WebVTT carries exactly: rows that are not blank and not padded with spaces or tabs (the
# reader trims them), speakers on one line with single spaces. "&", "<", ">" and "-->" are fine:
# the writer escapes them. NUL is not carried: the spec's parser turns it into U+FFFD. Form feed
# is white space to the spec, trimmed like spaces and tabs.
_ROW = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n\x00"),
    min_size=1,
    max_size=30,
).filter(lambda row: row.strip(" \t\f") == row)
_NO_NUL = st.characters(exclude_characters="\x00")
_SPEAKER = st.text(_NO_NUL, max_size=20).map(lambda s: " ".join(s.split()))
_NOTE = st.builds(Note, body=st.text(_NO_NUL, max_size=20), author=st.text(_NO_NUL, max_size=8))


@st.composite
def _transcripts(draw: st.DrawFn) -> Transcript:
    count = draw(st.integers(0, 10))
    starts = sorted(draw(st.lists(st.integers(0, 360_000_000), min_size=count, max_size=count)))
    lines = []
    for start in starts:
        rows = draw(st.lists(_ROW, min_size=1, max_size=3))
        notes = draw(st.lists(_NOTE, max_size=2))
        speaker = draw(_SPEAKER)
        end = start + draw(st.integers(0, 60_000))
        lines.append(Line(start, end, "\n".join(rows), speaker=speaker, notes=notes))
    return Transcript(lines=lines)


@given(_transcripts())
def test_generated_transcripts_round_trip_exactly(transcript: Transcript) -> None:
    result = read_vtt(write_vtt(transcript))
    assert _lines(result.transcript) == _lines(transcript)
    assert result.report.clean


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        result = read_vtt(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert result.report.lines_read == len(result.transcript.lines)
        rows = text.count("\n") + text.count("\r") + 1
        assert all(0 <= issue.line_no <= rows for issue in result.report.issues)


_PIECES = [
    "WEBVTT", "\n", "\n\n", "00:01.000", " --> ", "00:00:02.500", "99:99.9999", "NOTE ", "STYLE",
    "<v Bob>", "<v.loud", "<c>", "</c>", "<00:00:01.500>", "&amp;", "&#99999999;", "<ruby>", "<rt>",
    "x", " ", "-->", "\r\n",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES)))
def test_vtt_like_noise_raises_only_format_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptFormatError):
        read_vtt("".join(pieces))


def test_a_note_with_long_arrows_never_becomes_a_cue() -> None:
    from app.core.transcript import Line, Note, Transcript

    notes = [Note(body="a ---> b --> c", author="x-->y")]
    line = Line(start_ms=0, end_ms=1000, text="Hello", notes=notes)
    text = write_vtt(Transcript(lines=[line]))
    assert "-->" not in text.split("\n\n")[1]  # the NOTE block
    back = read_vtt(text).transcript.lines
    assert [(x.start_ms, x.end_ms, x.text) for x in back] == [(0, 1000, "Hello")]


# --- the W3C parsing algorithm: the cases real files hit (issue 12) ---


def _texts(text: str) -> list[str]:
    return [line.text for line in read_vtt(text).transcript.lines]


def test_a_row_of_spaces_before_a_cue_id_keeps_the_cue() -> None:
    # A Netflix file: the first block starts with a row of spaces, so the id row and the
    # timing row belong to it; the timing row, third in its block, starts a new cue (spec).
    result = read_vtt("WEBVTT\n\n   \n1\n00:00:01.000 --> 00:00:02.000\nFirst line\n")
    assert [line.text for line in result.transcript.lines] == ["First line"]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(3, False)]
    assert "a row of spaces" in result.report.issues[0].reason


def test_settings_glued_to_the_end_time_are_settings() -> None:
    parsed = webvtt_spec.parse("WEBVTT\n\n00:00.000 --> 00:01.000line:40%\nGlued\n")
    assert [(c.start_ms, c.end_ms, c.settings, c.text) for c in parsed.cues] == [
        (0, 1000, {"line": "40%"}, "Glued")
    ]
    assert _texts("WEBVTT\n\n00:00.000 --> 00:01.000line:40%\nGlued\n") == ["Glued"]


def test_form_feed_is_white_space_in_timings() -> None:
    text = "WEBVTT\n\nff\n\f00:00:00.000\f-->\f00:00:01.000\f\n\ftext3\n"
    assert _texts(text) == ["text3"]
    assert webvtt_spec.parse(text).cues[0].id == "ff"


def test_rt_outside_ruby_keeps_its_text() -> None:
    assert _texts("WEBVTT\n\n00:00.000 --> 00:02.000\n<rt>Hee!</rt>\n") == ["Hee!"]
    ruby = "WEBVTT\n\n00:00.000 --> 00:02.000\n<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>\n"
    assert _texts(ruby) == ["漢字"]


def test_unknown_and_malformed_tags_are_dropped_and_reported() -> None:
    text = "WEBVTT\n\n00:00.000 --> 00:02.000\n<invalid_tag>A</invalid_tag> < u>b< / i > c\n"
    result = read_vtt(text)
    assert [line.text for line in result.transcript.lines] == ["A b c"]
    reasons = [i.reason for i in result.report.issues]
    assert any("'<invalid_tag>'" in r for r in reasons)
    assert any("'< u>'" in r for r in reasons)
    assert any("'< / i >'" in r for r in reasons)


def test_style_and_region_blocks_are_not_text_and_not_reported() -> None:
    text = (
        "WEBVTT\n\nREGION\nid:fred\nwidth:40%\n\nSTYLE\n::cue { color: red }\n\n"
        "00:00.000 --> 00:01.000 region:fred\nHi\n"
    )
    result = read_vtt(text)
    assert [line.text for line in result.transcript.lines] == ["Hi"]
    assert result.report.clean


def test_a_second_timing_row_starts_a_new_cue() -> None:
    text = "WEBVTT\n\n00:00.000 --> 00:01.000\nOne\n00:01.000 --> 00:02.000\nTwo\n"
    assert _texts(text) == ["One", "Two"]


def test_hours_past_999_are_an_error_for_that_cue() -> None:
    text = (
        "WEBVTT\n\n00:00.000 --> 00:01.000\nKept\n\n"
        f"{'9' * 23}:00:00.000 --> {'9' * 23}:00:01.000\nHuge\n\n"
        f"{'1' * 5000}:00:00.000 --> 00:00:01.000\nLong\n"
    )
    result = read_vtt(text)
    assert [line.text for line in result.transcript.lines] == ["Kept"]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(6, False), (9, False)]
    assert all("hours past 999" in i.reason for i in result.report.issues)


def test_srt_style_commas_are_read_and_reported() -> None:
    result = read_vtt("WEBVTT\n\n00:00:01,000 --> 00:00:02,500\nComma\n")
    assert [(x.start_ms, x.end_ms, x.text) for x in result.transcript.lines] == [
        (1000, 2500, "Comma")
    ]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(3, True)]


def test_nul_becomes_replacement_character_with_its_line_reported(tmp_path: Path) -> None:
    path = tmp_path / "nul.vtt"
    path.write_bytes(
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nte\x00xt\n\n00:01.000 --> 00:02.000\nok\n"
    )
    result = registry.read_path(path)
    assert [line.text for line in result.transcript.lines] == ["te\ufffdxt", "ok"]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(4, True)]
    assert "NUL" in result.report.issues[0].reason


def test_a_real_binary_file_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "video.vtt"
    path.write_bytes(
        b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + bytes(range(256)) * 8
    )
    with pytest.raises(TranscriptFormatError, match="binary file"):
        registry.read_path(path)
