"""SubViewer as YouTube writes it (``.sbv``): a ``start,end`` row, text rows, a blank row.

    0:00:01.000,0:00:03.500
    >> JOHN: Good evening.

YouTube marks a change of speaker with ``>>`` at the start of a cue: ``>> JOHN: hello`` names
the new speaker, a bare ``>> hello`` says only that someone else speaks now (speaker ""). A cue
without ``>>`` keeps the speaker of the cue before it, which is what a viewer understands too.
Only the first row's ``>>`` counts; one further down stays text.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.plain import split_rows, split_speaker, text_rows
from app.core.limits import MAX_HOURS, bounded_int
from app.core.timecode import format_hms
from app.core.transcript import Line, Transcript

__all__ = ["FORMAT", "read_sbv", "sniff_sbv", "write_sbv"]

# Loose (any digit counts) so that a cue with a bad value is reported, not read as text.
_SIDE = r"([0-9]+):([0-9]+):([0-9]+)(?:\.([0-9]+))?"
_TIMING = re.compile(rf"^{_SIDE}[ \t]*,[ \t]*{_SIDE}$")
_STRICT = re.compile(
    r"^[0-9]{1,2}:[0-9]{2}:[0-9]{2}\.[0-9]{3},[0-9]{1,2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}"
)
# A row that starts like a timing on both sides of its comma but is none: reported as what it
# is, and its cue's rows kept out of the cue above (webvtt-py's "0:00:13.f89,0:00:15.489").
_TIMING_LIKE = re.compile(r"^[0-9]+:[0-9]{1,2}:[0-9][^\s,]*[ \t]*,[ \t]*[0-9]+:")
_NO_TIMING_ROW = "text after a blank line with no timing row of its own: joined to the cue above"
_CHANGE = ">>"


def _millis(h: str, m: str, s: str, frac: str | None) -> int:
    """Milliseconds of one side; -1 when minutes or seconds pass 59, hours pass MAX_HOURS or
    the fraction is long (fields are bounded before int(): a 5,000-digit one raises in it)."""
    hours, minutes, seconds = bounded_int(h, MAX_HOURS), bounded_int(m, 59), bounded_int(s, 59)
    if hours is None or minutes is None or seconds is None or (frac is not None and len(frac) > 3):
        return -1
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int((frac or "0").ljust(3, "0"))


def read_sbv(text: str) -> ReadResult:
    report = ImportReport(format="sbv")
    cues: list[tuple[int, re.Match[str] | None, list[str]]] = []
    blank = False
    loose_reported = False
    for index, raw in enumerate(split_rows(text)):
        line_no, row = index + 1, raw.strip()
        if not row:
            blank = True
            continue
        timing = _TIMING.match(row)
        if timing is not None:
            cues.append((line_no, timing, []))
        elif _TIMING_LIKE.match(row):
            report.skip(line_no, f"unrecognised timing row {row[:60]!r}: cue skipped")
            cues.append((line_no, None, []))
        elif not cues:
            if not loose_reported:
                report.skip(line_no, "text before the first cue")
                loose_reported = True
        else:
            if blank and cues[-1][2] and cues[-1][1] is not None:
                report.repair(line_no, _NO_TIMING_ROW)
            cues[-1][2].append(row)
        blank = False
    if not cues:
        raise TranscriptFormatError("no SBV timing lines (0:00:01.000,0:00:02.000) found")

    lines: list[Line] = []
    speaker = ""
    for line_no, timing, rows in cues:
        if timing is None:
            continue  # reported where it was found
        start, end = _millis(*timing.groups()[:4]), _millis(*timing.groups()[4:])
        if start < 0 or end < 0:
            report.skip(
                line_no,
                f"bad time: hours past {MAX_HOURS}, minutes or seconds past 59, or ms of 4+ digits",
            )
            continue
        body = "\n".join(rows)
        if body.startswith(_CHANGE):
            speaker, body = split_speaker(body[len(_CHANGE) :].lstrip(" \t"))
        if not body:
            report.skip(line_no, "cue without text")
            continue
        if end < start:
            report.repair(line_no, "cue ends before it starts: end set to start")
            end = start
        if lines and start < lines[-1].start_ms:
            report.repair(line_no, "time goes backwards; kept in file order")
        lines.append(Line(start, end, body, speaker=speaker))
    report.issues.sort(key=lambda issue: issue.line_no)  # found in two passes
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)


def write_sbv(transcript: Transcript) -> str:
    """``H:MM:SS.mmm,H:MM:SS.mmm`` cues; ``>> Speaker:`` where the speaker changes. Blank rows
    of a text are dropped: they would end the cue for every reader."""
    out: list[str] = []
    previous = ""
    for line in transcript.lines:
        rows = [row.strip() for row in text_rows(line.text) if row.strip()]
        body = "\n".join(rows)
        speaker = " ".join(line.speaker.split())  # a newline would end the label
        if speaker != previous:
            body = f"{_CHANGE} {speaker}: {body}" if speaker else f"{_CHANGE} {body}"
            previous = speaker
        out.append(f"{format_hms(line.start_ms)},{format_hms(line.end_ms)}\n{body}\n")
    return "\n".join(out)


def sniff_sbv(text: str) -> float:
    head = text[:65_536]
    if "-->" in head:
        return 0.0
    rows = [row.strip() for row in split_rows(head)[:2000] if row.strip()]
    if any(_STRICT.match(row) for row in rows):
        return 0.95
    return 0.5 if any(_TIMING.match(row) for row in rows) else 0.0


FORMAT = Format(
    name="sbv",
    label="YouTube SubViewer captions",
    extensions=("sbv",),
    sniff=sniff_sbv,
    read=read_sbv,
    write=write_sbv,
)
