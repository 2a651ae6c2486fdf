"""CSV for spreadsheets: one row per line, UTF-8 with a BOM (or Excel guesses a code page).

A cell starting with ``=`` ``+`` ``-`` ``@`` tab or CR is a formula to Excel and LibreOffice,
which can run commands or send data away when the file is opened; such cells get a leading
apostrophe, the OWASP advice, which both show as plain text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.core.timecode import format_hms
from app.export.atomic import write_text
from app.export.job import Job, note_when

__all__ = ["render", "safe_cell", "write", "write_rows"]

# Full-width forms too: some spreadsheet versions fold them to ASCII before parsing.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_LEADS) else value


def write_rows(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 and what Excel writes
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return buffer.getvalue()


def render(job: Job) -> str:
    options = job.options
    header = ["id", "line", "start", "end", "speaker"]
    header += ["status"] if options.include_status else []
    header += ["text", "original_text"]
    header += ["notes"] if options.include_notes else []
    header += ["tags"] if options.include_highlights else []
    rows = [header]
    for number, line in job.each():
        row = [
            "" if line.id is None else str(line.id),
            str(number),
            format_hms(line.start_ms),
            format_hms(line.end_ms),
            line.speaker,
        ]
        if options.include_status:
            row.append(line.status)
        row += [line.text, line.original]
        if options.include_notes:
            row.append(
                "\n".join(
                    " ".join(p for p in (note.author, note_when(note)) if p) + f": {note.body}"
                    if note.author or note.created_at
                    else note.body
                    for note in line.notes
                )
            )
        if options.include_highlights:
            row.append(", ".join(dict.fromkeys(mark.tag for mark in line.highlights)))
        rows.append(row)
    return write_rows(rows)


def write(job: Job, path: Path) -> None:
    write_text(path, render(job), bom=True)
