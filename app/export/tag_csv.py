"""Highlighted spans as a table for analysis in pandas or R: one row per highlight, sorted by
code (the tag), then time: ``code, speaker, start, end, text, note``, plus the line number and
id to find it again. Times are seconds with milliseconds (numbers, not clock text, so
``df.end - df.start`` works); a span's time is its line's time.

UTF-8 with a BOM and formula-safe cells, like the line table (app.export.csv).
"""

from __future__ import annotations

from pathlib import Path

from app.export.atomic import write_text
from app.export.csv import write_rows
from app.export.job import Job

__all__ = ["HEADER", "render", "write"]

HEADER = ["code", "speaker", "start", "end", "text", "note", "line", "line_id"]


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f}"


def render(job: Job) -> str:
    # The spans are this table's content: "include highlights" (off for a notes-only document)
    # never empties it.
    spans = []
    for number, line in job.each():
        for mark in line.highlights:
            lo, hi = max(0, mark.start), min(len(line.text), mark.end)
            if hi <= lo:
                continue
            spans.append((mark.tag, line.start_ms, lo, number, line, line.text[lo:hi], mark.note))
    spans.sort(key=lambda s: (s[0].casefold(), s[1], s[3], s[2]))
    rows = [HEADER]
    for tag, _start, _lo, number, line, text, note in spans:
        rows.append(
            [
                tag,
                line.speaker,
                _seconds(line.start_ms),
                _seconds(line.end_ms),
                text,
                note,
                str(number),
                "" if line.id is None else str(line.id),
            ]
        )
    return write_rows(rows)


def write(job: Job, path: Path) -> None:
    write_text(path, render(job), bom=True)
