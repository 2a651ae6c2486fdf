"""TMPlayer (``0:00:01:text`` or ``00:00:01=text``): a start time per row, ``|`` between a
cue's rows. It gives no end: each line ends where the next starts (as the other start-only
formats do). Rows are read here rather than through pysubs2, which skips a row it cannot take
(a negative time, say) without a word; the report needs each with its line number.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult
from app.core.formats.markup import strip_tags
from app.core.formats.plain import split_rows
from app.core.formats.stamped import stamped_result
from app.core.limits import MAX_HOURS, bounded_int
from app.core.transcript import Line

__all__ = ["FORMAT", "read_tmplayer"]

_ROW = re.compile(r"[ \t]*(-?)(\d+):(\d+):(\d+)(?:[.,](\d+))?[:=](.*)", re.ASCII)
_STRICT = re.compile(r"[ \t]*-?\d{1,2}:\d{2}:\d{2}[:=]", re.ASCII)


def read_tmplayer(text: str) -> ReadResult:
    report = ImportReport(format="tmplayer")
    lines: list[Line] = []
    for index, row in enumerate(split_rows(text)):
        line_no = index + 1
        if not row.strip():
            continue
        match = _ROW.fullmatch(row)
        if match is None:
            report.skip(line_no, f"not a TMPlayer row: {row.strip()[:40]!r}")
            continue
        minus, h, m, s, tenths, body = match.groups()
        hours, minutes, seconds = bounded_int(h, MAX_HOURS), bounded_int(m, 59), bounded_int(s, 59)
        if hours is None or minutes is None or seconds is None or (tenths and len(tenths) > 1):
            report.skip(line_no, f"bad time: hours past {MAX_HOURS}, or minutes or seconds past 59")
            continue
        start = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(tenths or "0") * 100
        rows = []
        for part in body.split("|"):
            if "<" in part or "{" in part:
                part = strip_tags(part, report, line_no)
            if part := part.strip(" \t"):
                rows.append(part)
        if not rows:
            report.skip(line_no, "time stamp with no text")
            continue
        if minus and start:
            report.repair(line_no, "negative start time: set to 0")
            start = 0
        lines.append(Line(start, start, "\n".join(rows), end_inferred=True))
    return stamped_result(lines, report, empty="read as TMPlayer but no row had a time and text")


def sniff_tmplayer(text: str) -> float:
    rows = [row for row in split_rows(text[:65_536])[:2000] if row.strip()]
    if not rows:
        return 0.0
    share = sum(1 for row in rows if _STRICT.match(row)) / len(rows)
    return 0.95 if share >= 0.5 else 0.3 * share


FORMAT = Format(
    name="tmplayer",
    label="TMPlayer subtitles",
    extensions=("txt",),
    sniff=sniff_tmplayer,
    read=read_tmplayer,
)
