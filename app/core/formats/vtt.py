"""WebVTT (``.vtt``) captions, including YouTube's automatic "rolling" captions.

Blocks are separated by empty rows. NOTE blocks are comments and STYLE/REGION blocks are styling,
so they are dropped without a report; so are cue ids and cue settings (``align:start``). Inside a
cue, ``<v Speaker>`` gives the line's speaker, other markup (``<c>``, ``<i>``, ``<ruby>``, inline
word stamps ``<00:00:01.500>``) is dropped and character references are unescaped.

YouTube's automatic captions roll: each cue shows the previous cue's last row above the new one,
and 10 ms cues in between repeat the finished row. When a file has inline word stamps and that
repetition, rows already shown are dropped, so each spoken row becomes one line with the times of
the cue in which it was spoken. Only an empty row ends a block: YouTube puts rows of a single
space inside its cues.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from itertools import pairwise

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.plain import split_rows, text_rows
from app.core.timecode import format_vtt
from app.core.transcript import Line, Note, Transcript

__all__ = ["FORMAT", "read_vtt", "sniff_vtt", "write_vtt"]

_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_SIDE = r"(?:([0-9]+):)?([0-9]+):([0-9]+)(?:[.,]([0-9]+))?"
_TIMING = re.compile(rf"^[ \t]*{_SIDE}[ \t]*-->[ \t]*{_SIDE}(?:[ \t].*)?$")
_COMMENT = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+(?P<name>[^<>]*))?>")
_RUBY_TEXT = re.compile(r"<rt(?:\.[^\s<>]*)?>.*?(?:</rt>|(?=</ruby>)|$)", re.DOTALL)
_TAG = re.compile(r"</?(?:c|i|b|u|v|ruby|rt|lang)(?:\.[^\s<>]*)?(?:[ \t][^<>]*)?>")
_WORD_STAMP = re.compile(r"<(?:[0-9]+:)?[0-9]+:[0-9]+\.[0-9]+>")
# Only references closed by ";": html.unescape alone would also turn "&notes" into "¬es".
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(slots=True)
class _Cue:
    line_no: int  # of the timing row
    start: int
    end: int
    raw: list[str] = field(default_factory=list)


def _millis(h: str | None, m: str, s: str, frac: str | None) -> int:
    """Milliseconds of one side of a timing row; -1 for values no clock shows."""
    if int(m) > 59 or int(s) > 59 or (frac is not None and len(frac) > 3):
        return -1
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int((frac or "0").ljust(3, "0"))


def _unescape(text: str) -> str:
    return _REFERENCE.sub(lambda m: html.unescape(m[0]), text) if "&" in text else text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clean(payload: str) -> tuple[str, list[str], list[str]]:
    """Speaker, text rows, and the further voices of one cue's payload."""
    speaker = ""
    others: list[str] = []

    def voice(match: re.Match[str]) -> str:
        nonlocal speaker
        name = _unescape(match["name"] or "").strip(" \t")
        if not speaker or name in ("", speaker):
            speaker = speaker or name
            return ""
        others.append(name)  # a line has one speaker: later voices stay visible in the text
        return f"{name}: "

    if "<" in payload:
        payload = _VOICE.sub(voice, payload)
        payload = _TAG.sub("", _WORD_STAMP.sub("", _RUBY_TEXT.sub("", payload)))
    rows = [_unescape(row.strip(" \t")) for row in payload.split("\n")]
    return speaker, [row for row in rows if row], others


def _blocks(rows: list[str], first: int) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for index in range(first, len(rows)):
        if rows[index] == "":
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append((index + 1, rows[index]))
    return [block for block in blocks if block]


def _cues(rows: list[str], report: ImportReport) -> list[_Cue]:
    first = 0
    if rows and _HEADER.match(rows[0]):
        first = 1
        while first < len(rows) and rows[first] != "" and "-->" not in rows[first]:
            first += 1  # header lines ("Kind: captions", "Language: en")
        if first < len(rows) and rows[first] != "":
            report.repair(first + 1, "no blank line after the WEBVTT header")
    elif any("-->" in row for row in rows):
        report.repair(1, "no WEBVTT header: read as WebVTT anyway")
    else:
        raise TranscriptFormatError("not WebVTT: no WEBVTT header and no cue timings")
    cues: list[_Cue] = []
    for block in _blocks(rows, first):
        if _COMMENT.match(block[0][1]):
            continue
        at = 1 if len(block) > 1 and "-->" not in block[0][1] else 0  # a cue id before timing
        if "-->" not in block[at][1]:
            report.skip(block[0][0], "text outside a cue")
            continue
        current: _Cue | None = None
        for line_no, row in block[at:]:
            if "-->" not in row:
                if current is not None:
                    current.raw.append(row)
                continue
            timing = _TIMING.match(row)  # a row with "-->" starts a cue even without a blank
            if timing is None:
                report.skip(line_no, "unreadable cue timing")
                current = None
                continue
            start, end = _millis(*timing.groups()[:4]), _millis(*timing.groups()[4:])
            if start < 0 or end < 0:
                report.skip(line_no, "bad time: minutes or seconds past 59, or ms of 4+ digits")
                current = None
                continue
            current = _Cue(line_no, start, end)
            cues.append(current)
    return cues


def _is_rolling(cues: list[_Cue]) -> bool:
    """YouTube's automatic captions: inline word stamps and cues repeating the previous row."""
    if not any(_WORD_STAMP.search(row) for cue in cues for row in cue.raw):
        return False
    rows = [_clean("\n".join(cue.raw))[1] for cue in cues]
    return any(a and b and a[-1] == b[0] for a, b in pairwise(rows))


def read_vtt(text: str) -> ReadResult:
    report = ImportReport(format="vtt")
    cues = _cues(split_rows(text), report)
    rolling = _is_rolling(cues)
    lines: list[Line] = []
    shown: list[str] = []  # rows of the previous cue, for rolling captions
    merged = 0
    for cue in cues:
        speaker, rows, others = _clean("\n".join(cue.raw))
        if rolling:
            previous, shown = shown, rows
            # Drop the longest run of leading rows that repeats the end of the previous cue.
            cut = next((k for k in range(len(rows), 0, -1) if rows[:k] == previous[-k:]), 0)
            if cut:
                merged += 1
                rows = rows[cut:]
                if not rows:
                    continue
        if not rows:
            report.skip(cue.line_no, "cue without text")
            continue
        for name in others:
            report.repair(cue.line_no, f"second voice in one cue kept in the text as '{name}: '")
        end = cue.end
        if end < cue.start:
            report.repair(cue.line_no, "cue ends before it starts: end set to start")
            end = cue.start
        if lines and cue.start < lines[-1].start_ms:
            report.repair(cue.line_no, "time goes backwards; kept in file order")
        lines.append(Line(cue.start, end, "\n".join(rows), speaker=speaker))
    if merged:
        report.repair(0, f"YouTube rolling captions: repeated rows dropped from {merged} cues")
    report.issues.sort(key=lambda issue: issue.line_no)  # cue checks come after block checks
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)


_ARROWS = re.compile(r"-{2,}>")


def _no_arrow(text: str) -> str:
    """``-->`` nowhere, even from ``--->``: a NOTE holding one would be read as a cue."""
    return _ARROWS.sub("->", text)


def _note_block(note: Note) -> str:
    # A NOTE ends at an empty row and may not contain "-->": keep it one block, readable.
    rows = [_no_arrow(row.strip()) for row in text_rows(note.body) if row.strip()]
    author = " ".join(note.author.split())
    head = _no_arrow(f"NOTE {author}: ") if author else "NOTE "
    return (head + "\n".join(rows)).rstrip() + "\n"


def write_vtt(transcript: Transcript) -> str:
    """WEBVTT with ``HH:MM:SS.mmm`` cues, ``<v Speaker>`` voices, notes as NOTE blocks before
    their line's cue. Blank rows of a text are dropped: they would end the cue."""
    out = ["WEBVTT\n"]
    for line in transcript.lines:
        out.extend(_note_block(note) for note in line.notes)
        rows = [_escape(row.strip(" \t")) for row in text_rows(line.text) if row.strip(" \t")]
        speaker = " ".join(line.speaker.split())
        if speaker and rows:
            rows[0] = f"<v {_escape(speaker)}>{rows[0]}"
        timing = f"{format_vtt(line.start_ms)} --> {format_vtt(line.end_ms)}"
        out.append("\n".join([timing, *rows]) + "\n")
    return "\n".join(out)


def sniff_vtt(text: str) -> float:
    first = text[:1024].removeprefix("\ufeff").split("\n", 1)[0].rstrip("\r")
    return 1.0 if _HEADER.match(first) else 0.0


FORMAT = Format(
    name="vtt",
    label="WebVTT captions",
    extensions=("vtt",),
    sniff=sniff_vtt,
    read=read_vtt,
    write=write_vtt,
)
