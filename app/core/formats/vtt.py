"""WebVTT (``.vtt``) captions, including YouTube's automatic "rolling" captions.

Blocks are separated by empty rows. NOTE blocks are comments and STYLE/REGION blocks are styling,
so they are dropped without a report. Cue ids and cue settings (``align:start``) are kept on the
line as written and written back. Inside a cue, ``<v Speaker>`` gives the line's speaker;
``<i>``, ``<b>``, ``<u>``, ``<c.classes>`` and ``<lang>`` become style runs over the plain text
(app.core.styling), other markup (``<ruby>``, inline word stamps ``<00:00:01.500>``) is dropped
and character references are unescaped.

YouTube's automatic captions roll: each cue shows the previous cue's last row above the new one,
and 10 ms cues in between repeat the finished row. When a file has inline word stamps and that
repetition, rows already shown are dropped, so each spoken row becomes one line with the times of
the cue in which it was spoken. Only an empty row ends a block: YouTube puts rows of a single
space inside its cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from app.core.formats import webvtt_spec
from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.plain import split_rows, text_rows
from app.core.plural import plural
from app.core.styling import WEBVTT_COLOURS, drop_blank_rows, render, slice_runs
from app.core.timecode import format_vtt
from app.core.transcript import Line, Note, StyleRun, Transcript

__all__ = ["FORMAT", "read_vtt", "sniff_vtt", "write_vtt"]

_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_WORD_STAMP = re.compile(r"<(?:[0-9]+:)?[0-9]+:[0-9]+\.[0-9]+>")
_BLANKS = " \t\f"  # what a row is trimmed of: the spec's white space within a row
_NOTE = re.compile(r"^NOTE(?:[ \t]|$)")


@dataclass(slots=True)
class _Cue:
    line_no: int  # of the timing row
    start: int
    end: int
    raw: list[str] = field(default_factory=list)
    id: str = ""
    settings: dict[str, str] = field(default_factory=dict)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clean(payload: str) -> tuple[str, list[str], list[str], list[StyleRun]]:
    """Speaker, text rows, the further voices, and the styling over the rows joined by "\n"
    of one cue's payload."""
    parsed = webvtt_spec.cue_text(payload)
    speaker, others = (parsed.voices[0], parsed.voices[1:]) if parsed.voices else ("", [])
    if not parsed.styles:
        rows = [row.strip(_BLANKS) for row in parsed.text.split("\n")]
        return speaker, [row for row in rows if row], others, []
    runs = [StyleRun(*style) for style in parsed.styles]
    text, runs = drop_blank_rows(parsed.text, runs, blanks=_BLANKS, trim=True)
    return speaker, text.split("\n") if text else [], others, runs


def _nuls(text: str, report: ImportReport) -> str:
    """NUL becomes U+FFFD, as the spec's first step says; each row holding one is reported."""
    if "\0" not in text:
        return text
    for number, row in enumerate(text.split("\n"), start=1):
        if "\0" in row:
            report.repair(number, f"{plural(row.count(chr(0)), 'NUL byte')} replaced by U+FFFD")
    return text.replace("\0", "\ufffd")


def _cues(text: str, report: ImportReport) -> list[_Cue]:
    parsed = webvtt_spec.parse(text)
    if not parsed.header_ok:
        if "-->" not in text:
            raise TranscriptFormatError("not WebVTT: no WEBVTT header and no cue timings")
        report.repair(1, "no WEBVTT header: read as WebVTT anyway")
    else:
        rows = text.split("\n", 64)
        after = next((i for i, row in enumerate(rows) if i and (not row or "-->" in row)), 0)
        if after and rows[after]:
            report.repair(after + 1, "no blank line after the WEBVTT header")
    if parsed.bad_timings:
        # More lenient than the spec: SubRip's "," before the milliseconds is read as ".".
        lenient = webvtt_spec.parse(text, comma=True)
        if len(lenient.cues) > len(parsed.cues):
            strict = {cue.line_no for cue in parsed.cues}
            for cue in lenient.cues:
                if cue.line_no not in strict:
                    report.repair(cue.line_no, "',' before the milliseconds (SubRip style) read")
            parsed = lenient
    for line_no, why in parsed.bad_timings:
        report.skip(line_no, f"bad time: the cue timing is not valid WebVTT ({why}); cue skipped")
    for line_no, row in parsed.other_blocks:
        if not _NOTE.match(row):  # NOTE blocks are comments
            shown = row.strip() or "a row of spaces"
            report.skip(line_no, f"text outside a cue: '{shown[:40]}'")
    cues: list[_Cue] = []
    for cue in parsed.cues:
        item = _Cue(cue.line_no, cue.start_ms, cue.end_ms, cue.text.split("\n"), cue.id)
        item.settings = cue.settings
        cues.append(item)
        if "<" in cue.text:
            markup = webvtt_spec.cue_text(cue.text)
            for tag in dict.fromkeys(markup.ignored_tags):
                report.repair(cue.line_no, f"unknown or malformed tag {tag!r} dropped")
            if markup.unclosed:
                report.skip(cue.line_no, "'<' without '>': the rest of the cue read as a tag")
    return cues


def _is_rolling(cues: list[_Cue]) -> bool:
    """YouTube's automatic captions: inline word stamps and cues repeating the previous row."""
    if not any(_WORD_STAMP.search(row) for cue in cues for row in cue.raw):
        return False
    rows = [_clean("\n".join(cue.raw))[1] for cue in cues]
    return any(a and b and a[-1] == b[0] for a, b in pairwise(rows))


def read_vtt(text: str) -> ReadResult:
    report = ImportReport(format="vtt")
    text = _nuls("\n".join(split_rows(text)), report)
    cues = _cues(text, report)
    rolling = _is_rolling(cues)
    lines: list[Line] = []
    shown: list[str] = []  # rows of the previous cue, for rolling captions
    merged = 0
    for cue in cues:
        speaker, rows, others, runs = _clean("\n".join(cue.raw))
        if rolling:
            previous, shown = shown, rows
            # Drop the longest run of leading rows that repeats the end of the previous cue.
            cut = next((k for k in range(len(rows), 0, -1) if rows[:k] == previous[-k:]), 0)
            if cut:
                merged += 1
                gone = sum(len(row) + 1 for row in rows[:cut])
                rows = rows[cut:]
                runs = slice_runs(runs, gone, gone + len("\n".join(rows)))
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
        line = Line(cue.start, end, "\n".join(rows), speaker=speaker, styles=runs)
        line.cue_id = cue.id
        line.cue_settings = " ".join(f"{name}:{value}" for name, value in cue.settings.items())
        lines.append(line)
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


def _vtt_tags(run: StyleRun) -> tuple[str, str] | None:
    """WebVTT's tag for a run: <i> <b> <u>, classes, a named colour as its class, <lang>."""
    if run.kind in ("i", "b", "u"):
        return f"<{run.kind}>", f"</{run.kind}>"
    if run.kind == "class":
        classes = ".".join(c for c in re.split(r"[.\s<>&]+", run.value) if c)
        return (f"<c.{classes}>", "</c>") if classes else None
    if run.kind == "color" and run.value.strip().lower() in WEBVTT_COLOURS:
        return f"<c.{run.value.strip().lower()}>", "</c>"
    if run.kind == "lang" and run.value.strip():
        return f"<lang {_escape(' '.join(run.value.split()))}>", "</lang>"
    return None  # strike-through and other colours: WebVTT has no tag for them


def _settings(raw: str) -> str:
    """Cue settings fit to follow a timing: name:value pairs, no arrow, one row."""
    pairs = [p for p in raw.split() if ":" in p.strip(":") and "-->" not in p]
    return " ".join(pairs)


def _cue_id(raw: str) -> list[str]:
    """The id row before a timing, or none: an id holds no "-->" and is one row."""
    cue_id = " ".join(raw.split())
    return [cue_id] if cue_id and "-->" not in cue_id and not _NOTE.match(cue_id) else []


def write_vtt(transcript: Transcript) -> str:
    """WEBVTT with ``HH:MM:SS.mmm`` cues, ``<v Speaker>`` voices, notes as NOTE blocks before
    their line's cue. Blank rows of a text are dropped: they would end the cue."""
    out = ["WEBVTT\n"]
    for line in transcript.lines:
        out.extend(_note_block(note) for note in line.notes)
        text, runs = drop_blank_rows(line.text, line.styles, trim=True)
        rows = render(text, runs, _vtt_tags, _escape).split("\n") if text else []
        speaker = " ".join(line.speaker.split())
        if speaker and rows:
            # "<v Bob -->" would hold "-->", which ends a cue for every reader: a space before
            # the ">" breaks the arrow, and readers strip it from the voice name again.
            tail = " " if speaker.endswith("-") else ""
            rows[0] = f"<v {_escape(speaker)}{tail}>{rows[0]}"
        timing = f"{format_vtt(line.start_ms)} --> {format_vtt(line.end_ms)}"
        settings = _settings(line.cue_settings)
        if settings:
            timing += " " + settings
        cue_id = _cue_id(line.cue_id)
        out.append("\n".join([*cue_id, timing, *rows]) + "\n")
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
