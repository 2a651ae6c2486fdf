"""CSV for spreadsheets: one row per line, UTF-8 with a BOM (or Excel guesses a code page).

A cell starting with ``=`` ``+`` ``-`` ``@`` tab or CR is a formula to Excel and LibreOffice,
which can run commands or send data away when the file is opened; such cells get a leading
apostrophe, the OWASP advice, which both show as plain text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.core.threads import NoteThread, threads_of
from app.core.timecode import format_hms
from app.core.transcript import Note
from app.export.atomic import write_text
from app.export.job import Job, note_when
from app.export.threads import resolved_words

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


def _note_text(note: Note) -> str:
    if not (note.author or note.created_at):
        return note.body
    return " ".join(p for p in (note.author, note_when(note)) if p) + f": {note.body}"


def _note_cell(thread: NoteThread) -> str:
    """A thread in the notes cell: its first note, each reply after it marked "↳ reply to #id",
    and "[Resolved by …]" on a resolved one."""
    first = _note_text(thread.first)
    resolved = resolved_words(thread.first)
    rows = [f"{first} [{resolved}]" if resolved else first]
    where = f" #{thread.first.id}" if thread.first.id is not None else ""
    rows += [f"\u21b3 reply to{where}: {_note_text(reply)}" for reply in thread.replies]
    return "\n".join(rows)


def _resolved_cell(threads: list[NoteThread]) -> str:
    """ "yes" when every thread on the line is resolved, "no" when one is open, "" for none."""
    if not threads:
        return ""
    return "yes" if all(thread.resolved for thread in threads) else "no"


def render(job: Job) -> str:
    options = job.options
    header = ["id", "line", "start", "end", "speaker"]
    header += ["status"] if options.include_status else []
    header += ["text", "original_text"]
    header += ["notes", "resolved"] if options.include_notes else []
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
            threads = threads_of(line.notes)
            row.append("\n".join(_note_cell(t) for t in threads))
            row.append(_resolved_cell(threads))
        if options.include_highlights:
            row.append(", ".join(dict.fromkeys(mark.tag for mark in line.highlights)))
        rows.append(row)
    return write_rows(rows)


def write(job: Job, path: Path) -> None:
    write_text(path, render(job), bom=True)
