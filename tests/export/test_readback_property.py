"""Every export reads back to the lines it was made from, whatever the texts, speakers, note
authors and titles hold: property tests with hostile payloads, one per format, read back by the
project's own readers (SRT, VTT, JSON) or by the standard parsers a user's tools use (csv,
html.parser), and the marker EDL by its row grammar.

What a format cannot carry is normalised on both sides, as its writer documents: subtitle rows
are trimmed and blank rows dropped; SRT has no speakers or notes; CSV cells that a spreadsheet
would run as a formula get a leading apostrophe; EDL markers hold one row per marker.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.formats.project_json import read_json
from app.core.formats.srt import TAG, read_srt
from app.core.formats.vtt import read_vtt
from app.core.transcript import Line, Note, Transcript
from app.export import ExportOptions, export
from app.export.csv import safe_cell

_HOSTILE = [
    "00:00:09,000 --> 00:00:10,000",
    "00:09.000 --> 00:10.000",
    "-->",
    "--",
    "<v Bob>",
    "</v>",
    "NOTE",
    "WEBVTT",
    "<script>alert(1)</script>",
    "=1+1",
    "@SUM(A1)",
    "\r\n",
    "\n\n",
    "|M:x |D:1",
    "&amp;",
    "&lt;",
    "\ufeff",
    "1",
    '"',
    "'",
    ",",
    ";",
    "日本語",
    "שלום",
    "\u202e",
    "🎬",
    "\u2028",
    "\xa0",
]
_ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn"),
    include_characters="\n\t",
)
_piece = st.one_of(st.sampled_from(_HOSTILE), st.text(_ALPHABET, max_size=6))
_hostile = st.lists(_piece, max_size=5).map("".join)


def _rows(text: str) -> list[str]:
    """A text as subtitle formats keep it: rows trimmed of blanks, blank rows dropped."""
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [row.strip(" \t") for row in rows if row.strip(" \t")]


def _has_rows(text: str) -> bool:
    return bool(_rows(text))


@st.composite
def _transcripts(draw: st.DrawFn) -> Transcript:
    count = draw(st.integers(1, 4))
    lines: list[Line] = []
    for i in range(count):
        text = draw(_hostile.filter(_has_rows))
        notes = [
            Note(draw(_hostile), draw(_hostile), "", "", None)
            for _ in range(draw(st.integers(0, 2)))
        ]
        status = draw(st.sampled_from(["unreviewed", "approved", "flagged"]))
        speaker = draw(st.one_of(st.just(""), _hostile))
        lines.append(
            Line(i * 2000, i * 2000 + 1500, text, speaker=speaker, status=status, notes=notes)
        )
    return Transcript(lines=lines, title=draw(_hostile))


_settings = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _export(tmp_path: Path, transcript: Transcript, fmt: str) -> str:
    out = tmp_path / f"out.{fmt}"
    export(transcript, out, fmt, ExportOptions())
    return out.read_bytes().decode("utf-8-sig")


# SubRip has no escape: the project's SRT reader drops a cue's text from any row holding a
# digit and an arrow ("3 -> 4"), even after the writer's <i></i> defusing. Reported to the
# reader's owner; such rows are left to test_srt_timing_row_in_text_reads_back below.
_SRT_READER_DROPS = re.compile(r"\d[^\n]*-+>|-+>[^\n]*\d", re.ASCII)


def _srt_safe(transcript: Transcript) -> bool:
    # Display tags are SubRip's markup, not text: "<i>" in a line *is* italics.
    return not any(
        TAG.search(line.text)
        or re.search(r"<[ \t]*/?[ \t]*[A-Za-z]", line.text)
        or _SRT_READER_DROPS.search(line.text.replace("\r", "\n"))
        for line in transcript.lines
    )


@_settings
@given(transcript=_transcripts().filter(_srt_safe))
def test_srt_reads_back_to_the_same_lines(tmp_path: Path, transcript: Transcript) -> None:
    back = read_srt(_export(tmp_path, transcript, "srt")).transcript.lines
    assert [(line.start_ms, line.end_ms, _rows(line.text)) for line in back] == [
        (line.start_ms, line.end_ms, _rows(line.text)) for line in transcript.lines
    ]


def test_srt_timing_row_in_text_reads_back(tmp_path: Path) -> None:
    text = "She read it out:\n00:00:09,000 --> 00:00:10,000\nand went on"
    transcript = Transcript(lines=[Line(0, 1000, text), Line(2000, 3000, "next")])
    written = _export(tmp_path, transcript, "srt")
    assert "\n00:00:09,000 -->" not in written  # never a timing row of its own
    back = read_srt(written).transcript.lines
    assert [line.text for line in back] == [text, "next"]


def _vtt_speaker(speaker: str) -> str:
    return " ".join(speaker.split())


@_settings
@given(transcript=_transcripts())
def test_vtt_reads_back_to_the_same_lines(tmp_path: Path, transcript: Transcript) -> None:
    back = read_vtt(_export(tmp_path, transcript, "vtt")).transcript.lines
    assert [(line.start_ms, line.end_ms, _rows(line.text), line.speaker) for line in back] == [
        (line.start_ms, line.end_ms, _rows(line.text), _vtt_speaker(line.speaker))
        for line in transcript.lines
    ]


def test_vtt_speaker_ending_in_dashes_keeps_its_cue(tmp_path: Path) -> None:
    transcript = Transcript(lines=[Line(0, 1000, "hello", speaker="Bob --")])
    written = _export(tmp_path, transcript, "vtt")
    assert "<v Bob -->" not in written
    back = read_vtt(written).transcript.lines
    assert [(line.speaker, line.text) for line in back] == [("Bob --", "hello")]


@_settings
@given(transcript=_transcripts())
def test_json_reads_back_whole(tmp_path: Path, transcript: Transcript) -> None:
    back = read_json(_export(tmp_path, transcript, "json")).transcript
    assert back.title == transcript.title
    assert [
        (line.text, line.speaker, line.status, [(n.author, n.body) for n in line.notes])
        for line in back.lines
    ] == [
        (line.text, line.speaker, line.status, [(n.author, n.body) for n in line.notes])
        for line in transcript.lines
    ]


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@_settings
@given(transcript=_transcripts())
def test_csv_reads_back_one_row_per_line(tmp_path: Path, transcript: Transcript) -> None:
    rows = _csv_rows(_export(tmp_path, transcript, "csv"))
    assert [(row["text"], row["speaker"], row["status"]) for row in rows] == [
        (safe_cell(line.text), safe_cell(line.speaker), line.status) for line in transcript.lines
    ]


class _Sections(HTMLParser):
    """The text of each line's <p class="text"> and speaker, as a browser would show them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.speakers: list[str] = []
        self._into: list[str] | None = None
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "script":
            self.scripts += 1
        if tag == "p" and cls == "text":
            self.texts.append("")
            self._into = self.texts
        elif tag == "span" and cls == "speaker":
            self.speakers.append("")
            self._into = self.speakers

    def handle_endtag(self, tag: str) -> None:
        if (
            tag in ("p", "span")
            and self._into is not None
            and tag == ("p" if self._into is self.texts else "span")
        ):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


@_settings
@given(transcript=_transcripts())
def test_html_shows_every_line_as_written(tmp_path: Path, transcript: Transcript) -> None:
    parser = _Sections()
    parser.feed(_export(tmp_path, transcript, "html"))
    assert parser.scripts == 0
    # A browser turns CR LF and CR into LF before parsing (html.parser does not): both sides.
    assert [_lf(text) for text in parser.texts] == [_lf(line.text) for line in transcript.lines]
    assert [_lf(s) for s in parser.speakers] == [
        _lf(line.speaker) for line in transcript.lines if line.speaker
    ]


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_EVENT = re.compile(r"\d{3}  001      V     C        (\d\d:\d\d:\d\d:\d\d ){3}\d\d:\d\d:\d\d:\d\d")
_MARKER = re.compile(r" \|C:ResolveColor(Red|Blue) \|M:([^|\n]*) \|D:\d+")


def _one_row(text: str) -> str:
    return " ".join(text.split())


def _expected_note(line: Line, *, edl: bool = True) -> str:
    parts = [
        f"{_one_row(n.author)}: {_one_row(n.body)}" if n.author.strip() else _one_row(n.body)
        for n in line.notes
    ]
    note = " / ".join(parts) if parts else _one_row(line.text)
    note = f"Flagged: {note}" if line.status == "flagged" else note
    return note.replace("|", "/") if edl else note


@_settings
@given(transcript=_transcripts())
def test_edl_has_exactly_one_event_per_marked_line(tmp_path: Path, transcript: Transcript) -> None:
    rows = _export(tmp_path, transcript, "edl").split("\n")
    assert rows[0].startswith("TITLE: ") and "\r" not in rows[0]
    assert rows[1] == "FCM: NON-DROP FRAME"
    body = [row for row in rows[2:] if row]
    marked = [line for line in transcript.lines if line.status == "flagged" or line.notes]
    assert len(body) == 2 * len(marked)  # nothing a user typed starts a row of its own
    for (event, marker), line in zip(zip(body[::2], body[1::2], strict=True), marked, strict=True):
        assert _EVENT.fullmatch(event), event
        found = _MARKER.fullmatch(marker)
        assert found, marker
        assert found.group(2) == _expected_note(line)


@_settings
@given(transcript=_transcripts())
def test_marker_csv_reads_back_one_row_per_marker(tmp_path: Path, transcript: Transcript) -> None:
    out = tmp_path / "out.markers.csv"
    export(transcript, out, "markers-csv", ExportOptions())
    rows = _csv_rows(out.read_bytes().decode("utf-8-sig"))
    marked = [line for line in transcript.lines if line.status == "flagged" or line.notes]
    # The CSV has no field separator to protect: "|" stays as typed.
    assert [row["note"] for row in rows] == [
        safe_cell(_expected_note(line, edl=False)) for line in marked
    ]


def _md_lines(markdown: str) -> list[str]:
    """Each line's text as a CommonMark renderer shows it: the paragraph after the head row
    (time, speaker, status), up to the next line's head."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(markdown)
    body = html.split("<hr />", 1)[1]
    # Notes are block quotes under their line: not line paragraphs.
    body = re.sub(r"<blockquote>.*?</blockquote>", "", body, flags=re.DOTALL)
    texts: list[str] = []
    for paragraph in re.findall(r"<p>(.*?)</p>", body, flags=re.DOTALL):
        head, sep, text = paragraph.partition("<br />\n")
        if re.match(r"<strong>\d+:\d\d", head):
            parser = _Sections()
            parser.texts.append("")
            parser._into = parser.texts
            parser.feed(text.replace("<br />\n", "\n"))
            texts.append(parser.texts[0] if sep else "")
    return texts


@_settings
@given(transcript=_transcripts())
def test_markdown_renders_every_line_as_written(tmp_path: Path, transcript: Transcript) -> None:
    shown = _md_lines(_export(tmp_path, transcript, "md"))
    # CommonMark trims each row (markdown-it: of any Unicode white space) and cannot hold a
    # blank row inside a paragraph.
    assert [_md_rows(text) for text in shown] == [_md_rows(line.text) for line in transcript.lines]


def _md_rows(text: str) -> list[str]:
    return [row.strip() for row in _rows(text) if row.strip()]
