"""SubViewer 2, MicroDVD, MPL2, TMPlayer and LRC files read as what they are, not as a video
page or stamped text: their times, their rows, and a report line for whatever was changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.lrc import read_lrc
from app.core.formats.microdvd import read_microdvd, read_mpl2
from app.core.formats.subviewer2 import read_subviewer2
from app.core.formats.tmplayer import read_tmplayer


def _cues(result: object) -> list[tuple[int, int, str]]:
    lines = result.transcript.lines  # type: ignore[attr-defined]
    return [(line.start_ms, line.end_ms, line.text) for line in lines]


def _issues(result: object) -> list[tuple[int, bool, str]]:
    issues = result.report.issues  # type: ignore[attr-defined]
    return [(i.line_no, i.repaired, i.reason) for i in issues]


def test_microdvd_takes_its_frame_rate_from_the_header_row() -> None:
    result = read_microdvd("{1}{1}50\n{50}{100}Hello|{y:i}world\n{100}{150}/Next\n")
    assert _cues(result) == [(1000, 2000, "Hello\nworld"), (2000, 3000, "Next")]
    assert result.report.clean


def test_microdvd_without_a_frame_rate_assumes_25_fps_and_says_so() -> None:
    result = read_microdvd("{25}{50}Hello\n{-10}{75}Early\n")
    assert _cues(result) == [(1000, 2000, "Hello"), (0, 3000, "Early")]
    reasons = [reason for _, _, reason in _issues(result)]
    assert any("25 fps assumed" in reason for reason in reasons)
    assert (2, True, "negative start time: set to 0") in _issues(result)


def test_microdvd_reports_rows_it_cannot_read_and_unknown_codes() -> None:
    result = read_microdvd("{25}{50}One\nnot a cue\n{75}{100}{q:x}Two {c:$0000FF}blue\n")
    assert _cues(result) == [(1000, 2000, "One"), (3000, 4000, "Two blue")]
    issues = _issues(result)
    assert (2, False, "not a MicroDVD row: 'not a cue'") in issues
    assert (3, True, "unknown MicroDVD code '{q:x}' dropped") in issues


def test_mpl2_counts_tenths_of_a_second() -> None:
    result = read_mpl2("[10][25]First|/second row\n[30][45]<i>Third</i>\n")
    assert _cues(result) == [(1000, 2500, "First\nsecond row"), (3000, 4500, "Third")]
    assert result.report.clean


def test_tmplayer_lines_end_where_the_next_starts() -> None:
    result = read_tmplayer("-0:00:07:Early\n0:00:01:Hello|there\n00:00:04=Next one\n")
    assert _cues(result)[:2] == [(0, 1000, "Early"), (1000, 4000, "Hello\nthere")]
    assert _cues(result)[2][:2] == (4000, 5000)  # the last: as long as its text takes to say
    assert _issues(result) == [(1, True, "negative start time: set to 0")]


def test_lrc_reads_repeated_rows_tags_and_end_rows() -> None:
    text = (
        "[ti:Song]\n[ar:Someone]\n[offset:+500]\n"
        "[00:10.00][00:30.00]Chorus <00:11.00>line\n[00:20.50]Verse\n[00:25.00]\n"
    )
    result = read_lrc(text)
    assert result.transcript.title == "Song"
    assert _cues(result) == [
        (9500, 20000, "Chorus line"),
        (20000, 24500, "Verse"),  # ended by the empty [00:25.00] row
        (29500, 30500, "Chorus line"),
    ]
    assert [(n, r) for n, r, reason in _issues(result) if "offset" in reason] == [(3, True)]


def test_subviewer2_reads_header_breaks_and_hundredths() -> None:
    text = (
        "[INFORMATION]\n[TITLE]x\n[END INFORMATION]\n[SUBTITLE]\n[COLF]&HFFFFFF,[SIZE]18\n\n"
        "00:00:01.50,00:00:03.20\nOne[br]<i>two</i>\n\n"
        "-00:00:00.50,00:00:04.00\nThree\n"
    )
    result = read_subviewer2(text)
    assert _cues(result) == [(1500, 3200, "One\ntwo"), (0, 4000, "Three")]
    assert _issues(result) == [(10, True, "negative start time: set to 0")]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("{1}{25}Hello\n{30}{50}There\n", "microdvd"),
        ("[10][25]Hello\n[30][45]There\n", "mpl2"),
        ("00:00:01:Hello\n00:00:04:There\n", "tmplayer"),
        ("[00:01.00]Hello\n[00:04.00]There\n", "lrc"),
        ("00:00:01.50,00:00:03.20\nOne[br]two\n\n00:00:04.00,00:00:05.00\nx\n", "subviewer2"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".sub", ".lrc"])
def test_the_content_decides_the_format_whatever_the_extension(
    tmp_path: Path, text: str, fmt: str, suffix: str
) -> None:
    path = tmp_path / f"subs{suffix}"
    path.write_text(text, encoding="utf-8")
    assert registry.read_path(path).report.format == fmt


@pytest.mark.parametrize(
    ("reader", "text", "name"),
    [
        (read_microdvd, "hello\n", "MicroDVD"),
        (read_mpl2, "[a][b]x\n", "MPL2"),
        (read_tmplayer, "hello\n", "TMPlayer"),
        (read_lrc, "[ti:x]\n", "LRC"),
        (read_subviewer2, "[INFORMATION]\n[END INFORMATION]\n", "SubViewer 2"),
    ],
)
def test_a_file_with_no_cue_is_refused_naming_the_format(
    reader: object, text: str, name: str
) -> None:
    with pytest.raises(TranscriptFormatError, match=name):
        reader(text)  # type: ignore[operator]


def test_subviewer2_reports_an_unrecognised_timing_row_as_such_with_its_cue() -> None:
    text = (
        "[INFORMATION]\n[END INFORMATION]\n00:00:01.00,00:00:02.00\nOne\n\n"
        "00:00:03.00,00:00:0x.00\nTwo[br]rows\n\n00:00:05.00,00:00:06.00\nThree\n"
    )
    result = read_subviewer2(text)
    assert [line.text for line in result.transcript.lines] == ["One", "Three"]
    assert [(i.line_no, i.repaired, i.reason) for i in result.report.issues] == [
        (6, False, "unrecognised timing row '00:00:03.00,00:00:0x.00': cue skipped")
    ]
