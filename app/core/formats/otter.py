"""Otter.ai's text export: a heading of speaker name and start time, then the paragraph.

    Speaker 1  0:00
    Hello everyone, welcome to the meeting.

    Jane Doe  1:02:03
    Thanks for having me.

    Transcribed by https://otter.ai

Otter puts two spaces between name and stamp; one space is accepted only when the name looks like
a speaker label, because prose can end in a time ("see you at 3:30"). Ends are not in the file:
each line ends where the next starts.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.plain import is_speaker_label, split_rows
from app.core.formats.stamped import stamped_result
from app.core.timecode import TimecodeError, parse_stamp
from app.core.transcript import Line

__all__ = ["FORMAT", "read_otter", "sniff_otter"]

_HEADING = re.compile(
    r"^(?P<name>\S(?:.{0,46}\S)?)(?P<gap>[ \t]+)(?P<stamp>(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{2})$"
)
_FOOTER = re.compile(r"^transcribed by https?://(?:www\.)?otter\.ai", re.IGNORECASE)
_SENTENCE_END = tuple('.,;!?…"”')


def _heading(row: str) -> re.Match[str] | None:
    match = _HEADING.match(row)
    if match is None or match["name"].endswith(_SENTENCE_END):
        return None
    if match["gap"] == " " and not is_speaker_label(match["name"]):
        return None
    return match


def read_otter(text: str) -> ReadResult:
    report = ImportReport(format="otter")
    blocks: list[tuple[int, str, str, list[str]]] = []  # (line, name, stamp, paragraph rows)
    blank = False
    loose_reported = False
    for index, raw in enumerate(split_rows(text)):
        line_no, row = index + 1, raw.strip()
        if not row:
            blank = True
            continue
        heading = _heading(row)
        if heading is not None:
            blocks.append((line_no, heading["name"], heading["stamp"], []))
        elif _FOOTER.match(row):
            report.skip(line_no, "Otter.ai footer")
        elif not blocks:
            if not loose_reported:
                report.skip(line_no, "text before the first speaker heading")
                loose_reported = True
        else:
            paragraph = blocks[-1][3]
            if paragraph and blank:
                report.repair(line_no, "text after a blank line joined to the block above")
            paragraph.append(row)
        blank = False
    if not blocks:
        raise TranscriptFormatError("no speaker headings (Name  0:00) found")

    lines: list[Line] = []
    for line_no, name, stamp, rows in blocks:
        try:
            start = parse_stamp(stamp)
        except TimecodeError as err:
            report.skip(line_no, str(err))
            continue
        if not rows:
            report.skip(line_no, "speaker heading with no text")
            continue
        if lines and start < lines[-1].start_ms:
            report.repair(line_no, "time goes backwards; kept in file order")
        lines.append(Line(start, start, "\n".join(rows), speaker=name, end_inferred=True))
    return stamped_result(
        lines, report, empty="no transcript text found under the speaker headings"
    )


def sniff_otter(text: str) -> float:
    head = text[:65_536]
    if "-->" in head:
        return 0.0
    rows = [row.strip() for row in split_rows(head)[:4000] if row.strip()]
    headed = [i for i, row in enumerate(rows) if _heading(row) is not None]
    followed = sum(1 for i in headed if i + 1 < len(rows) and _heading(rows[i + 1]) is None)
    if not followed:
        return 0.0
    if any(_FOOTER.match(row) for row in rows[-3:]):
        return 0.95
    if followed >= 2 and len(headed) >= 0.15 * len(rows):
        return 0.9
    return 0.3


FORMAT = Format(
    name="otter",
    label="Otter.ai text export",
    extensions=("txt",),
    sniff=sniff_otter,
    read=read_otter,
)
