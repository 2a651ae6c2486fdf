"""YouTube's "Show transcript" panel, selected and pasted: a stamp alone on a row, text below.

    Intro
    0:00
    hello everyone and welcome
    0:04
    to the show

Chapter titles sit between segments, just above the stamp that opens the chapter. A row is taken
for a chapter title, kept out of the text and reported, when it comes directly before a stamp row
and either follows a blank row (or nothing: the top of the paste) or is a second row of a
segment that looks like a heading (short, capitalised, no sentence punctuation at its end, no
speaker label). A segment's first row is always text, so a one-word caption is never lost.

Newer panels add the stamp in words for screen readers ("1 minute, 2 seconds") under the stamp;
that row restates the stamp and is dropped when it says the same time.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.plain import split_rows, split_speaker
from app.core.formats.stamped import stamped_result
from app.core.timecode import TimecodeError, parse_stamp
from app.core.transcript import Line

__all__ = ["FORMAT", "read_youtube", "sniff_youtube"]

_STAMP_ROW = re.compile(r"^(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{2}$")
_SPOKEN_PART = re.compile(r"^([0-9]+) (hour|minute|second)s?$")
_SPOKEN_MS = {"hour": 3_600_000, "minute": 60_000, "second": 1000}
_SENTENCE_END = tuple('.,;:!?…"”)')
_TITLE_MAX = 60


def _spoken_ms(row: str) -> int | None:
    """``"1 minute, 2 seconds"`` -> 62000; None for anything else."""
    total = 0
    for part in row.split(", "):
        match = _SPOKEN_PART.match(part)
        if match is None:
            return None
        total += int(match[1]) * _SPOKEN_MS[match[2]]
    return total


def _looks_like_title(row: str) -> bool:
    return (
        len(row) <= _TITLE_MAX
        and not row[0].islower()
        and not row.endswith(_SENTENCE_END)
        and not split_speaker(row)[0]
    )


def read_youtube(text: str) -> ReadResult:
    report = ImportReport(format="youtube")
    # Non-blank rows: (input line, row, whether a blank row came just before it).
    items: list[tuple[int, str, bool]] = []
    blank = True  # the top of the paste counts as a break, like a blank row
    for index, raw in enumerate(split_rows(text)):
        row = raw.strip()
        if row:
            items.append((index + 1, row, blank))
        blank = not row
    if not any(_STAMP_ROW.match(row) for _, row, _ in items):
        raise TranscriptFormatError("no time stamps on rows of their own: not a YouTube transcript")

    segments: list[tuple[int, str, list[tuple[int, str]]]] = []  # (line, stamp, text rows)
    loose_reported = False
    for pos, (line_no, row, after_blank) in enumerate(items):
        if _STAMP_ROW.match(row):
            segments.append((line_no, row, []))
            continue
        rows = segments[-1][2] if segments else None
        before_stamp = pos + 1 < len(items) and bool(_STAMP_ROW.match(items[pos + 1][1]))
        if before_stamp and (rows is None or (rows and (after_blank or _looks_like_title(row)))):
            report.skip(line_no, "chapter title")
        elif rows is None:
            if not loose_reported:
                report.skip(line_no, "text before the first time stamp")
                loose_reported = True
        else:
            if rows and after_blank:
                report.repair(line_no, "text after a blank line joined to the line above")
            rows.append((line_no, row))

    lines: list[Line] = []
    for line_no, stamp, rows in segments:
        try:
            start = parse_stamp(stamp)
        except TimecodeError as err:
            report.skip(line_no, str(err))
            continue
        if rows and _spoken_ms(rows[0][1]) == start:
            rows = rows[1:]
        if not rows:
            report.skip(line_no, "time stamp with no text")
            continue
        if lines and start < lines[-1].start_ms:
            report.repair(line_no, "time goes backwards; kept in file order")
        body = "\n".join(row for _, row in rows)
        lines.append(Line(start, start, body, end_inferred=True))
    return stamped_result(lines, report, empty="no transcript lines found under the time stamps")


def sniff_youtube(text: str) -> float:
    head = text[:65_536]
    if "-->" in head:
        return 0.0
    rows = [row.strip() for row in split_rows(head)[:4000] if row.strip()]
    stamps = [i for i, row in enumerate(rows) if _STAMP_ROW.match(row)]
    followed = sum(1 for i in stamps if i + 1 < len(rows) and not _STAMP_ROW.match(rows[i + 1]))
    if followed < 2:
        return 0.3 if followed else 0.0
    # Bare stamps each followed by text are this format's mark; a page copy with a "Transcript"
    # heading scores 0.9 (+0.05 for .txt) as "page", so a clear paste must score above that.
    if followed >= 0.8 * len(stamps) and len(stamps) >= 0.2 * len(rows):
        return 0.97
    return 0.5 * len(stamps) / len(rows)


FORMAT = Format(
    name="youtube",
    label="YouTube transcript (pasted)",
    extensions=("txt",),
    sniff=sniff_youtube,
    read=read_youtube,
)
