"""MicroDVD (``{start}{end}text``, in video frames) and MPL2 (``[start][end]text``, in tenths of
a second): one cue per row, ``|`` between its rows, a ``/`` at a row's start for italics.

MicroDVD counts frames, so its times need the video's frame rate: a first cue ``{1}{1}23.976``
gives it (that row is no line); without one, 25 fps is assumed and the report says so.

The rows are read here, not through pysubs2 (which reads both formats): pysubs2 passes over a
row it cannot take, a negative frame for one, without a word, and a report needs each skipped
row with its line number. tests/core/test_peer_corpus.py checks these readers against
pysubs2 on every row pysubs2 does read.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.markup import strip_tags
from app.core.formats.plain import split_rows
from app.core.limits import MAX_TIME_MS, bounded_int
from app.core.transcript import Line, Transcript

__all__ = ["DEFAULT_FPS", "MICRODVD", "MPL2", "read_microdvd", "read_mpl2"]

DEFAULT_FPS = 25.0
_MICRODVD_ROW = re.compile(r"[ \t]*\{(-?)(\d+)\}\{(-?)(\d*)\}(.*)", re.ASCII)
_MPL2_ROW = re.compile(r"[ \t]*\[(-?)(\d+)\]\[(-?)(\d*)\](.*)", re.ASCII)
_FPS = re.compile(r"[ \t]*(\d{1,4}(?:[.,]\d{1,6})?)[ \t]*", re.ASCII)
_BIG = MAX_TIME_MS * 1000  # no frame or tenth count of a real file is near this


def _rows_text(body: str, report: ImportReport, line_no: int, *, microdvd: bool) -> str:
    rows: list[str] = []
    for row in body.split("|"):
        if "<" in row or "{" in row:
            row = strip_tags(row, report, line_no, microdvd=microdvd)
        row = row.strip(" \t")
        if row.startswith("/"):  # italics
            row = row[1:].lstrip(" \t")
        if row:
            rows.append(row)
    return "\n".join(rows)


def _read(text: str, name: str, *, microdvd: bool) -> ReadResult:
    label = "MicroDVD" if microdvd else "MPL2"
    pattern = _MICRODVD_ROW if microdvd else _MPL2_ROW
    report = ImportReport(format=name)
    rows = split_rows(text)
    scale = 1000 / DEFAULT_FPS if microdvd else 100.0
    lines: list[Line] = []
    fps_seen = False
    for index, row in enumerate(rows):
        line_no = index + 1
        if not row.strip():
            continue
        match = pattern.fullmatch(row)
        if match is None:
            report.skip(line_no, f"not a {label} row: {row.strip()[:40]!r}")
            continue
        minus1, first, minus2, second, body = match.groups()
        if microdvd and not lines and not fps_seen and (rate := _FPS.fullmatch(body)):
            fps = float(rate[1].replace(",", "."))
            fps_seen = True
            if 1 <= fps <= 1000:
                scale = 1000 / fps
                continue
            report.skip(line_no, f"frame rate {rate[1]} is not a video's: 25 fps assumed")
            continue
        start_n = bounded_int(first, _BIG)
        end_n = bounded_int(second, _BIG) if second else start_n
        if start_n is None or end_n is None:
            report.skip(line_no, "bad time: a number too large for a subtitle")
            continue
        start = round(start_n * scale) * (-1 if minus1 else 1)
        end = round(end_n * scale) * (-1 if minus2 else 1)
        if max(start, end) > MAX_TIME_MS:
            report.skip(line_no, "bad time: past 999 hours")
            continue
        line_text = _rows_text(body, report, line_no, microdvd=microdvd)
        if not line_text:
            report.skip(line_no, "cue without text")
            continue
        if start < 0 or end < 0:
            which = "start and end" if start < 0 and end < 0 else "start" if start < 0 else "end"
            report.repair(line_no, f"negative {which} time: set to 0")
            start, end = max(0, start), max(0, end)
        if not second:
            report.repair(line_no, "no end time: the cue ends where it starts")
        elif end < start:
            report.repair(line_no, "cue ends before it starts: end set to start")
            end = start
        lines.append(Line(start, end, line_text))
    if microdvd and not fps_seen and lines:
        report.repair(0, "no frame rate in the file ({1}{1}23.976): 25 fps assumed")
    if not lines:
        why = "every row was skipped" if report.issues else "the file has no rows"
        raise TranscriptFormatError(f"read as {label} but no cue could be read: {why}")
    report.issues.sort(key=lambda issue: issue.line_no)
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)


def read_microdvd(text: str) -> ReadResult:
    return _read(text, "microdvd", microdvd=True)


def read_mpl2(text: str) -> ReadResult:
    return _read(text, "mpl2", microdvd=False)


def _share(text: str, pattern: re.Pattern[str]) -> float:
    rows = [row for row in split_rows(text[:65_536])[:2000] if row.strip()]
    if not rows:
        return 0.0
    return sum(1 for row in rows if pattern.fullmatch(row)) / len(rows)


def sniff_microdvd(text: str) -> float:
    share = _share(text, _MICRODVD_ROW)
    return 0.95 if share >= 0.5 else 0.3 * share


def sniff_mpl2(text: str) -> float:
    share = _share(text, _MPL2_ROW)
    return 0.95 if share >= 0.5 else 0.3 * share


MICRODVD = Format(
    name="microdvd",
    label="MicroDVD subtitles",
    extensions=("sub",),
    sniff=sniff_microdvd,
    read=read_microdvd,
)
MPL2 = Format(
    name="mpl2",
    label="MPL2 subtitles",
    extensions=("txt", "mpl"),
    sniff=sniff_mpl2,
    read=read_mpl2,
)
