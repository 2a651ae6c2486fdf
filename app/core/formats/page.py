"""Text of a video page as a browser's "select all, copy" gives it (see tests/data/news-page.txt).

The page carries navigation words, a description, a line of hashtags, a category, then a
``Transcript`` section whose lines start with a stamp glued to the text (``00:26has reopened...``)
or followed by a space, then ``Comments`` / ``Recommended``. We keep the transcript lines and the
description, hashtags and category as metadata, and none of the page furniture.

End times are not in the page: each line ends where the next one starts (``end_inferred``); the last
line gets a duration from its length at an ordinary speaking rate.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.stamped import stamped_result
from app.core.timecode import TimecodeError, parse_stamp
from app.core.transcript import Line, Metadata

__all__ = ["FORMAT", "read_page"]

# A stamp at the start of a line: M:SS, MM:SS or H:MM:SS, glued to the text or followed by space.
_LEAD_STAMP = re.compile(
    r"^(?P<stamp>(?:\d{1,2}:)?\d{1,2}:\d{2})(?!\d)(?:\s+|(?=\D)|$)(?P<text>.*)$"
)
_SECTION_ENDS = frozenset(
    {"comments", "recommended", "up next", "related videos", "related", "more videos", "chapters"}
)
_FURNITURE = (
    re.compile(r"^skip to\b", re.IGNORECASE),
    re.compile(r"^~[A-Z]{1,4}\.\d+(~[A-Z]{1,4}\.\d+)*~$"),  # tracking tokens like ~HT.318~ED.194~
)
_HASHTAG_LINE = re.compile(r"^#\w+(\s+#\w+)*$")


def _is_symbol_only(text: str) -> bool:
    """Lines like a lone emoji that pages put before a category name."""
    return not any(ch.isalnum() for ch in text)


def _find_transcript_start(rows: list[str]) -> int:
    """Index of the first row of the transcript body."""
    for i, row in enumerate(rows):
        if row.strip().lower() == "transcript":
            for follow in rows[i + 1 :]:
                if follow.strip():
                    if _LEAD_STAMP.match(follow.strip()):
                        return i + 1
                    break
    for i, row in enumerate(rows):
        if _LEAD_STAMP.match(row.strip()):
            return i
    raise TranscriptFormatError("no time stamps found: this does not look like a transcript")


def _read_metadata(rows: list[str]) -> Metadata:
    meta = Metadata()
    paragraphs: list[list[str]] = [[]]
    expect_category = False
    for raw in rows:
        row = raw.strip()
        if not row:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if any(p.match(row) for p in _FURNITURE) or _is_symbol_only(row):
            continue
        if row.lower() == "transcript":
            continue
        if _HASHTAG_LINE.match(row):
            meta.tags.extend(tag.lstrip("#") for tag in row.split())
            continue
        if row.lower() == "category":
            expect_category = True
            continue
        if expect_category:
            meta.category = row
            expect_category = False
            continue
        paragraphs[-1].append(row)
    meta.description = "\n\n".join(" ".join(p) for p in paragraphs if p)
    return meta


def _join_pending(pending: list[tuple[int, str]], lines: list[Line], report: ImportReport) -> None:
    """Text without a stamp belongs to the line above it: wrapped by the page."""
    for pending_no, extra in pending:
        if lines:
            lines[-1].text = f"{lines[-1].text} {extra}".strip()
            report.repair(pending_no, "text without a time stamp joined to the line above")
        else:
            report.skip(pending_no, "text without a time stamp before the first line")
    pending.clear()


def read_page(text: str) -> ReadResult:
    report = ImportReport(format="page")
    rows = text.splitlines()
    start = _find_transcript_start(rows)
    lines: list[Line] = []
    pending: list[tuple[int, str]] = []  # unstamped rows seen since the last stamped one
    previous_start = -1
    for index in range(start, len(rows)):
        row = rows[index].strip()
        line_no = index + 1
        if not row:
            continue
        match = _LEAD_STAMP.match(row)
        if match is None:
            if row.lower() in _SECTION_ENDS:
                break
            pending.append((line_no, row))
            continue
        _join_pending(pending, lines, report)
        try:
            start_ms = parse_stamp(match["stamp"])
        except TimecodeError as err:
            report.skip(line_no, str(err))
            continue
        body = match["text"].strip()
        if not body:
            report.skip(line_no, "time stamp with no text")
            continue
        if start_ms < previous_start:
            report.repair(line_no, "time goes backwards; kept in file order")
        previous_start = max(previous_start, start_ms)
        lines.append(Line(start_ms=start_ms, end_ms=start_ms, text=body, end_inferred=True))
    # Rows after the last stamp (up to "Comments" or the end) are wrapped text of the last line,
    # as they are between two stamps: joined and reported, never dropped.
    _join_pending(pending, lines, report)
    result = stamped_result(lines, report, empty="no transcript lines found after the time stamps")
    result.transcript.metadata = _read_metadata(rows[:start])
    return result


def sniff_page(text: str) -> float:
    head = text[:200_000]
    if "-->" in head:
        return 0.0
    rows = [r.strip() for r in head.splitlines() if r.strip()]
    stamped = sum(1 for r in rows if _LEAD_STAMP.match(r))
    if not stamped:
        return 0.0
    has_header = any(r.lower() == "transcript" for r in rows)
    return 0.9 if has_header else 0.4 * stamped / len(rows)


FORMAT = Format(
    name="page",
    label="Video page text",
    extensions=("txt",),
    sniff=sniff_page,
    read=read_page,
)
