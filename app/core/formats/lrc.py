"""LRC lyrics (``[mm:ss.xx]text``): a start time per row (several for a repeated row), tags
such as ``[ti:Title]`` and ``[offset:+500]`` in their own rows, ``<mm:ss.xx>`` word times in
the enhanced form. A row with a time and no text ends the line before it; otherwise a line ends
where the next starts. ``offset`` is applied as the format says (a positive one shows every line
that many ms sooner) and reported.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult
from app.core.formats.markup import strip_tags
from app.core.formats.plain import split_rows
from app.core.formats.stamped import stamped_result
from app.core.limits import MAX_TIME_MS, bounded_int
from app.core.transcript import Line

__all__ = ["FORMAT", "read_lrc"]

_STAMP = re.compile(r"\[(-?)(\d+):(\d+)(?:[.:](\d+))?\]", re.ASCII)
_STAMPS = re.compile(r"[ \t]*((?:\[-?\d+:\d+(?:[.:]\d+)?\][ \t]*)+)(.*)", re.ASCII)
_TAG = re.compile(r"[ \t]*\[([A-Za-z#]+)[ \t]*:(.*)\][ \t]*")
_WORD_TIME = re.compile(r"<\d+:\d+(?:[.:]\d+)?>", re.ASCII)
_OFFSET = re.compile(r"[ \t]*([+-]?)(\d{1,9})[ \t]*", re.ASCII)


def _millis(minutes: str, seconds: str, frac: str | None) -> int | None:
    m, s = bounded_int(minutes, MAX_TIME_MS // 60_000), bounded_int(seconds, 59)
    if m is None or s is None or (frac is not None and len(frac) > 3):
        return None
    return (m * 60 + s) * 1000 + int((frac or "0").ljust(3, "0"))


def read_lrc(text: str) -> ReadResult:
    report = ImportReport(format="lrc")
    found: list[tuple[int, int, int, str]] = []  # (start, order, line_no, text); "" ends a line
    offset = 0
    title = ""
    for index, row in enumerate(split_rows(text)):
        line_no = index + 1
        if not row.strip():
            continue
        match = _STAMPS.fullmatch(row)
        if match is None:
            tag = _TAG.fullmatch(row)
            if tag is None:
                report.skip(line_no, f"not an LRC row: {row.strip()[:40]!r}")
            elif tag[1].lower() == "offset":
                if (value := _OFFSET.fullmatch(tag[2])) is None:
                    report.skip(line_no, f"offset {tag[2].strip()[:20]!r} is not a number")
                else:
                    offset = int(value[2]) * (-1 if value[1] == "-" else 1)
                    report.repair(line_no, f"offset {offset:+d} ms applied to every time")
            elif tag[1].lower() == "ti":
                title = tag[2].strip()
            continue
        body = match[2]
        if "<" in body:
            body = _WORD_TIME.sub("", body)
            body = strip_tags(body, report, line_no)
        body = " ".join(body.split())
        for stamp in _STAMP.finditer(match[1]):
            minus, minutes, seconds, frac = stamp.groups()
            ms = _millis(minutes, seconds, frac)
            if ms is None:
                report.skip(line_no, f"bad time {stamp[0]!r}: seconds past 59 or too large")
                continue
            if minus and ms:
                report.repair(line_no, f"negative time {stamp[0]}: set to 0")
                ms = 0
            found.append((ms, len(found), line_no, body))
    found.sort()
    lines: list[Line] = []
    for start, _, _line_no, body in found:
        start = min(MAX_TIME_MS, max(0, start - offset))
        if not body:
            if lines and lines[-1].end_inferred and start > lines[-1].start_ms:
                lines[-1].end_ms, lines[-1].end_inferred = start, False
            continue
        lines.append(Line(start, start, body, end_inferred=True))
    result = stamped_result(
        lines, report, empty="read as LRC lyrics but no row had a time and text"
    )
    result.transcript.title = title
    return result


def sniff_lrc(text: str) -> float:
    rows = [row for row in split_rows(text[:65_536])[:2000] if row.strip()]
    if not rows:
        return 0.0
    # Text glued to the stamp, or a row of tags: LRC; "[00:12] text" may be stamped text too.
    glued = sum(1 for row in rows if (m := _STAMPS.fullmatch(row)) and not m[1].endswith(" "))
    tags = sum(1 for row in rows if _TAG.fullmatch(row))
    share = (glued + tags) / len(rows)
    return 0.9 if share >= 0.5 and glued else 0.2 * share


FORMAT = Format(
    name="lrc",
    label="LRC lyrics",
    extensions=("lrc",),
    sniff=sniff_lrc,
    read=read_lrc,
)
