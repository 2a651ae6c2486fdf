"""Advanced SubStation Alpha (``.ass``) and SubStation Alpha (``.ssa``) subtitles.

pysubs2 parses the file; this module turns its events into plain lines: the Name field is the
speaker, override blocks (``{\\i1}``, ``{\\pos(..)}``...) are dropped, ``\\N`` is a new row and
``\\n``/``\\h`` are spaces. Comment events are the author's notes, not speech, so they are left
out without a report; vector drawings (``{\\p1}``) are not text and are skipped with a report.

pysubs2 gives no line numbers and gives up on the whole file at the first bad time stamp, so
the events are first located by a light scan of our own: an event with a bad time is reported
with its line number and kept from pysubs2, the rest of the file is read as usual.
"""

from __future__ import annotations

import re
import warnings

import pysubs2

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.transcript import Line, Transcript

__all__ = ["FORMAT", "read_ass", "sniff_ass", "write_ass"]

_EVENT_PREFIXES = ("Dialogue:", "Comment:")
# Sections in which pysubs2 reads every row as a key or as attachment data, never as an event.
_NON_EVENT_SECTIONS = ("info", "aegisub", "fonts", "graphics")
_SECTION = re.compile(r"^\[[^\]]+\]$")
_TIME = re.compile(r"^\s*-?\d{1,2}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?\s*$", re.ASCII)
# \N hard break, \n soft break (a space unless wrap style 2), \h hard space, \{ \} literal
# braces (libass), then whole override blocks.
_MARKUP = re.compile(r"\\[Nnh{}]|\{[^}]*\}")
_MARKUP_TEXT = {"\\N": "\n", "\\n": " ", "\\h": " ", "\\{": "{", "\\}": "}"}
# \p1.. switches an override block into vector drawing mode (\pos and \pbo are not it).
_DRAWING = re.compile(r"\{[^}]*\\p[1-9]", re.ASCII)
_DEFAULT_TITLES = {"", "Default Aegisub file", "<untitled>"}


def _event_rows(rows: list[str], report: ImportReport) -> list[int]:
    """1-based row numbers of the events pysubs2 will read; rows with a bad time are blanked
    in ``rows`` (so pysubs2 reads the rest) and reported."""
    found: list[int] = []
    section = ""
    for index, raw in enumerate(rows):
        row = raw.strip()
        if _SECTION.match(row):
            section = row.lower()
            continue
        if not row.startswith(_EVENT_PREFIXES) or any(s in section for s in _NON_EVENT_SECTIONS):
            continue
        fields = row.split(":", 1)[1].split(",", 3)
        if len(fields) < 4 or not (_TIME.match(fields[1]) and _TIME.match(fields[2])):
            report.skip(index + 1, "event with a bad or missing time")
            rows[index] = ""
            continue
        found.append(index + 1)
    return found


def plain_text(markup: str) -> str:
    """An event's text without ASS markup: override blocks gone, ``\\N`` as a new row."""
    if "\\" in markup or "{" in markup:
        markup = _MARKUP.sub(lambda m: _MARKUP_TEXT.get(m.group(), ""), markup)
    rows = (" ".join(row.split()) for row in markup.split("\n"))
    return "\n".join(row for row in rows if row)


def _parse(text: str, report: ImportReport) -> tuple[pysubs2.SSAFile, list[int]]:
    rows = text.split("\n")
    numbers = _event_rows(rows, report)
    kind = "ssa" if re.search(r"^\[V4 Styles\]", text, re.MULTILINE | re.IGNORECASE) else "ass"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            subs = pysubs2.SSAFile.from_string("\n".join(rows), format_=kind)
        except (ValueError, KeyError, IndexError, TypeError, pysubs2.Pysubs2Error) as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise TranscriptFormatError(f"not a readable ASS/SSA file: {reason}") from None
    for warning in caught:  # e.g. a style with a bad margin: pysubs2 used a default
        report.repair(0, " ".join(str(warning.message).split()))
    if len(numbers) != len(subs.events):  # our scan and pysubs2 disagree: no line numbers
        numbers = [0] * len(subs.events)
    return subs, numbers


def read_ass(text: str) -> ReadResult:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    report = ImportReport(format="ass")
    subs, numbers = _parse(text, report)
    if not subs.events and not re.search(r"^\[events\]", text, re.MULTILINE | re.IGNORECASE):
        raise TranscriptFormatError("no ASS/SSA [Events] section or Dialogue lines found")
    lines: list[Line] = []
    for event, line_no in zip(subs.events, numbers, strict=True):
        if event.is_comment:
            continue
        if "\\p" in event.text and _DRAWING.search(event.text):
            report.skip(line_no, "vector drawing (\\p), not text")
            continue
        body = plain_text(event.text)
        if not body:
            report.skip(line_no, "event without text")
            continue
        start, end = event.start, event.end
        if start < 0:
            report.repair(line_no, "negative start time: set to 0")
            start = 0
        if end < start:
            report.repair(line_no, "event ends before it starts: end set to start")
            end = start
        lines.append(Line(start, end, body, speaker=event.name.strip()))
    report.lines_read = len(lines)
    report.issues.sort(key=lambda issue: issue.line_no)  # the time scan reported ahead
    title = subs.info.get("Title", "").strip()
    return ReadResult(
        Transcript(lines=lines, title="" if title in _DEFAULT_TITLES else title), report
    )


def _stamp(ms: int) -> str:
    """``H:MM:SS.cc``: ASS counts centiseconds; rounded to the nearest, as Aegisub does."""
    if ms < 0:
        raise ValueError(f"negative time: {ms} ms")
    centis = (ms + 5) // 10
    seconds, cs = divmod(centis, 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{cs:02d}"


def _field(value: str) -> str:
    """A Name field: one row, and no comma (commas separate the fields)."""
    return " ".join(value.split()).replace(",", ";")


def _text(value: str) -> str:
    rows = (" ".join(row.split()) for row in value.replace("\r\n", "\n").split("\n"))
    escaped = "\\N".join(row for row in rows if row)
    return escaped.replace("{", "\\{").replace("}", "\\}")


_HEADER = """\
[Script Info]
; Written by Proofreel
Title: {title}
ScriptType: v4.00+
WrapStyle: 0
ScaledBorderAndShadow: yes
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,54,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,2,1,\
2,60,60,50,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


def write_ass(transcript: Transcript) -> str:
    """A minimal ASS file: one default style, the speaker in Name, ``\\N`` between rows."""
    out = [_HEADER.format(title=_field(transcript.title) or "Proofreel transcript")]
    for line in transcript.lines:
        out.append(
            f"Dialogue: 0,{_stamp(line.start_ms)},{_stamp(line.end_ms)},Default,"
            f"{_field(line.speaker)},0,0,0,,{_text(line.text)}\n"
        )
    return "".join(out)


def sniff_ass(text: str) -> float:
    head = text[:65_536].lower()
    if "[script info]" in head:
        return 1.0
    if "[events]" in head and re.search(r"^\s*dialogue:\s*\d", head, re.MULTILINE):
        return 0.9
    return 0.0


FORMAT = Format(
    name="ass",
    label="Advanced SubStation Alpha subtitles",
    extensions=("ass", "ssa"),
    sniff=sniff_ass,
    read=read_ass,
    write=write_ass,
)
