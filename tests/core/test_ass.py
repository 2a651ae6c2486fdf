"""ASS/SSA: an Aegisub file reads as plain spoken lines with speakers, every skipped event is
reported by line, and what Proofreel writes is a valid file that reads back the same."""

from __future__ import annotations

from pathlib import Path

import pysubs2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import registry
from app.core.formats.ass import plain_text, read_ass, sniff_ass, write_ass
from app.core.formats.base import TranscriptFormatError
from app.core.transcript import Line, Transcript
from tests.conftest import DATA

SSA = """[Script Info]
ScriptType: v4.00

[V4 Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, \
BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, \
AlphaLevel, Encoding
Style: Default,Arial,20,16777215,65535,65535,-2147483640,-1,0,1,3,0,2,30,30,30,0,0

[Events]
Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,Narrator,0000,0000,0000,,Old {\\i1}SSA{\\i0} file
"""


def test_aegisub_file_reads_as_plain_lines() -> None:
    result = registry.read_path(DATA / "ass-aegisub.ass")
    assert result.report.format == "ass"
    assert result.transcript.title == "Interview, part 2"
    got = [(x.start_ms, x.end_ms, x.speaker, x.text) for x in result.transcript.lines]
    assert got == [
        (1_200, 3_500, "Anna", "Welcome back to the show."),
        (3_500, 6_040, "Ben", "Thanks.\nGlad to be here."),
        (4_000, 8_000, "", "Studio 3"),  # \h is a space; positioning tags gone
        (8_000, 10_250, "Anna", "Let's start with your book."),  # \n soft break: a space
        (14_000, 14_000, "Ben", "It took me ten years."),
    ]


def test_skipped_events_are_reported_by_line_but_comments_are_not() -> None:
    report = registry.read_path(DATA / "ass-aegisub.ass").report
    assert [(i.line_no, i.repaired) for i in report.issues] == [
        (27, False),  # {\p1} drawing
        (29, False),  # only an override block: no text
        (30, False),  # "0:00:1x.00": the rest of the file is still read
        (31, True),  # ends before it starts
    ]
    assert "drawing" in report.issues[0].reason
    assert "bad or missing time" in report.issues[2].reason
    assert report.lines_read == 5
    assert not any("comment" in i.reason.lower() for i in report.issues)


def test_ssa_v4_file_is_read() -> None:
    result = read_ass(SSA)
    assert [(x.start_ms, x.speaker, x.text) for x in result.transcript.lines] == [
        (1_000, "Narrator", "Old SSA file")
    ]
    assert registry.sniff(SSA).name == "ass"


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("{\\i1}a{\\i0} b", "a b"),
        ("one\\Ntwo\\N\\Nthree", "one\ntwo\nthree"),
        ("a\\hb", "a b"),
        ("{\\pos(1,2)\\c&H0000FF&}red  text ", "red text"),
        ("\\{not a tag\\}", "{not a tag}"),
    ],
)
def test_markup_is_stripped(markup: str, plain: str) -> None:
    assert plain_text(markup) == plain


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[Script Info]\nTitle: x\n", "no ASS/SSA \\[Events\\] section"),
    ],
)
def test_unreadable_files_raise_one_line(text: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError, match=message) as err:
        read_ass(text)
    assert "\n" not in str(err.value)


def test_written_file_is_valid_for_pysubs2_and_reads_back(tmp_path: Path) -> None:
    transcript = Transcript(
        title="Talk",
        lines=[
            Line(0, 1_500, "Hello,\nworld {really}", speaker="ANNA"),
            Line(1_500, 3_610, "Second line", speaker="Smith, J."),
            Line(3_600_000 * 10 + 5, 3_600_000 * 10 + 2_000, "Late"),
        ],
    )
    path = tmp_path / "out.ass"
    registry.write_path(transcript, path)
    subs = pysubs2.load(str(path))
    assert [e.name for e in subs.events] == ["ANNA", "Smith; J.", ""]  # commas split fields
    back = registry.read_path(path)
    assert back.report.clean and back.transcript.title == "Talk"
    assert [(x.start_ms, x.end_ms, x.speaker, x.text) for x in back.transcript.lines] == [
        (0, 1_500, "ANNA", "Hello,\nworld {really}"),
        (1_500, 3_610, "Smith; J.", "Second line"),
        (36_000_010, 36_002_000, "", "Late"),  # centiseconds: 5 ms rounds up to 10
    ]


# No backslashes: ASS has no escape for a literal "\N", so user text holding one cannot survive.
_TEXT = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\\"
    )
)


def _rows(text: str) -> str:
    return "\n".join(" ".join(row.split()) for row in text.split("\n") if row.split())


@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 10**5), _TEXT, _TEXT), max_size=8))
def test_round_trip(cues: list[tuple[int, int, str, str]]) -> None:
    """Times survive to the centisecond, text and speakers up to white space (and commas in
    names); lines without text are the only ones lost."""
    lines = [Line(s * 10, (s + d) * 10, "\n".join(t.split("|")), speaker=n) for s, d, t, n in cues]
    back = read_ass(write_ass(Transcript(lines=lines))).transcript.lines
    expected = [x for x in lines if _rows(x.text)]
    assert [(x.start_ms, x.end_ms, x.text, x.speaker) for x in back] == [
        (x.start_ms, x.end_ms, _rows(x.text), " ".join(x.speaker.split()).replace(",", ";"))
        for x in expected
    ]


def test_sniff() -> None:
    ass = (DATA / "ass-aegisub.ass").read_text(encoding="utf-8")
    assert sniff_ass(ass) == 1.0
    assert sniff_ass("1\n00:00:01,000 --> 00:00:02,000\nHi\n") == 0.0
    assert registry.sniff(ass).name == "ass"
    assert registry.for_path("x.SSA") is registry.by_name("ass")


# --- issue 12: Format lines in any order, a bad style costs nothing, bounded numbers ---


def test_fields_in_another_order_are_read_by_their_format_lines() -> None:
    # go-astisub writes [V4 Styles] fields alphabetically; pysubs2 refuses such a file.
    text = (
        "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        "Format: Name, Alignment, Fontsize, Fontname, Bold\nStyle: 1,2,big,Arial,0\n\n"
        "[Events]\nFormat: Start, Name, End, Layer, Style, Text\n"
        "Dialogue: 0:00:01.00,Anna,0:00:02.50,0,1,Hi, there\n"
    )
    result = read_ass(text)
    assert [(x.start_ms, x.end_ms, x.speaker, x.text) for x in result.transcript.lines] == [
        (1000, 2500, "Anna", "Hi, there")
    ]
    assert result.report.clean


def test_a_malformed_style_is_reported_and_the_events_are_read() -> None:
    text = (
        "[Script Info]\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize\n"
        "Style: Default,Arial,big,&H0,&H0\n"
        "[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi\n"
    )
    result = read_ass(text)
    assert [x.text for x in result.transcript.lines] == ["Hi"]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(4, True)]


def test_negative_and_huge_times() -> None:
    text = (
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,-0:00:00.50,0:00:01.00,Default,,0,0,0,,Early\n"
        f"Dialogue: 0,{'9' * 5000}:00:00.00,0:00:01.00,Default,,0,0,0,,Huge\n"
        "Dialogue: 0,1000:00:00.00,1000:00:01.00,Default,,0,0,0,,Past 999 h\n"
        "Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,Fine\n"
    )
    result = read_ass(text)
    assert [(x.start_ms, x.end_ms, x.text) for x in result.transcript.lines] == [
        (0, 1000, "Early"), (2000, 3000, "Fine")
    ]  # fmt: skip
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [
        (3, True), (4, False), (5, False), (5, False)
    ]  # fmt: skip
