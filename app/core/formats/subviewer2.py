"""SubViewer 2 (``.sub``): an ``[INFORMATION]`` header, then cues of a ``start,end`` row
(``00:00:01.50,00:00:03.20``, hundredths of a second) and one text row, ``[br]`` between the
cue's rows. YouTube's ``.sbv`` is its descendant (read by sbv.py): no header, milliseconds.

Negative times (Gaupol writes them) are set to 0 and reported, as the other readers do.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.markup import strip_tags
from app.core.formats.plain import split_rows
from app.core.limits import MAX_HOURS, bounded_int
from app.core.transcript import Line, Transcript

__all__ = ["FORMAT", "read_subviewer2"]

_SIDE = r"(-?)(\d+):(\d+):(\d+)(?:[.,](\d+))?"
_TIMING = re.compile(rf"[ \t]*{_SIDE}[ \t]*,[ \t]*{_SIDE}[ \t]*", re.ASCII)
# A row that starts like a timing on both sides of its comma but is none: reported as what it
# is, and the rows under it dropped with it (they are that cue's text, not stray text).
_TIMING_LIKE = re.compile(r"-?[0-9]+:[0-9]{1,2}:[0-9][^\s,]*[ \t]*,[ \t]*-?[0-9]+:", re.ASCII)
_CENTI = re.compile(r"^-?\d{2}:\d{2}:\d{2}\.\d{2},-?\d{2}:\d{2}:\d{2}\.\d{2}[ \t]*$", re.M | re.A)
_HEADER = re.compile(r"\[(INFORMATION|END INFORMATION|SUBTITLE|COLF|TITLE|AUTHOR)\]", re.I)
_BREAK = re.compile(r"\[br\]", re.IGNORECASE)


def _millis(h: str, m: str, s: str, frac: str | None) -> int | None:
    hours, minutes, seconds = bounded_int(h, MAX_HOURS), bounded_int(m, 59), bounded_int(s, 59)
    if hours is None or minutes is None or seconds is None or (frac and len(frac) > 3):
        return None
    fraction = int(frac.ljust(3, "0")) if frac else 0  # "50" is 500 ms: a decimal fraction
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction


def read_subviewer2(text: str) -> ReadResult:
    report = ImportReport(format="subviewer2")
    rows = split_rows(text)
    lines: list[Line] = []
    in_header = False
    current: tuple[int, int, int] | None = None  # (line_no, start, end) of the open cue
    body: list[str] = []
    dropping = False  # under an unrecognised timing row, until the blank row ending its cue

    def close() -> None:
        if current is None:
            return
        line_no, start, end = current
        if not body:
            report.skip(line_no, "cue without text")
            return
        lines.append(Line(start, max(start, end), "\n".join(body)))

    for index, raw in enumerate(rows):
        line_no, row = index + 1, raw.strip(" \t")
        if not row:
            close()
            current, body, dropping = None, [], False
            continue
        if row.upper().startswith("[INFORMATION]"):
            in_header = True
            continue
        if in_header or (current is None and _HEADER.match(row)):
            in_header = in_header and not row.upper().startswith("[END INFORMATION]")
            continue  # header fields: title, author, delay... nothing a viewer reads
        timing = _TIMING.fullmatch(row)
        if timing is not None:
            close()
            current, body = None, []
            groups = timing.groups()
            start, end = _millis(*groups[1:5]), _millis(*groups[6:10])
            if start is None or end is None:
                report.skip(
                    line_no, f"bad time: hours past {MAX_HOURS}, minutes or seconds past 59"
                )
                continue
            if (groups[0] and start) or (groups[5] and end):
                which = (
                    "start and end" if groups[0] and groups[5] else "start" if groups[0] else "end"
                )
                report.repair(line_no, f"negative {which} time: set to 0")
                start, end = (0 if groups[0] else start), (0 if groups[5] else end)
            if end < start:
                report.repair(line_no, "cue ends before it starts: end set to start")
            current = (line_no, start, end)
            continue
        if _TIMING_LIKE.match(row):
            close()
            current, body, dropping = None, [], True
            report.skip(line_no, f"unrecognised timing row {row[:60]!r}: cue skipped")
            continue
        if dropping:
            continue
        if current is None:
            report.skip(line_no, f"text outside a cue: {row[:40]!r}")
            continue
        if "<" in row or "{" in row:
            row = strip_tags(row, report, line_no)
        body.extend(part for part in (p.strip(" \t") for p in _BREAK.split(row)) if part)
    close()
    if not lines:
        raise TranscriptFormatError("read as SubViewer 2 but no cue had a time and text")
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)


def sniff_subviewer2(text: str) -> float:
    head = text[:65_536]
    if "-->" in head:
        return 0.0
    if re.search(r"^\[INFORMATION\]", head, re.M | re.I) or (
        _CENTI.search(head) and _BREAK.search(head)
    ):
        return 0.97  # over YouTube's sbv, whose timing rows look the same
    return 0.6 if _CENTI.search(head) else 0.0


FORMAT = Format(
    name="subviewer2",
    label="SubViewer 2 subtitles",
    extensions=("sub",),
    sniff=sniff_subviewer2,
    read=read_subviewer2,
)
