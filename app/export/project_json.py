"""The lossless project JSON (app.core.formats.project_json): reading it back restores the
project whole. The line selection applies; notes and highlights are left out only when asked
(a reviewer may hand on the text without private notes); status and the imported text stay,
as the format always carries them.

Speed: the core writer builds a dict per line and lets ``json.dumps(indent=1)`` walk it in pure
Python (the C encoder does not indent): about 2 s for 100k lines. The lines are written here
with one template each and C string escaping instead, byte for byte what the core writer gives;
a self-check against the core writer at import falls back to it if the format ever moves.
A line carrying word timings, style runs or a cue id/settings (few lines of most projects) is
formatted by the core writer's own line dict, re-indented to its place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from app.core.formats.project_json import line_dict, write_json
from app.core.transcript import Highlight, Line, Note, StyleRun, Transcript, Word
from app.export.atomic import write_text
from app.export.job import Job

__all__ = ["fast_json", "selected_transcript", "write"]

_s = json.encoder.encode_basestring  # the C one when available


def _n(value: int | None) -> str:
    return "null" if value is None else str(value)


def _thread(n: Note) -> str:
    """A reply's parent and a resolved thread's resolving, as note_dict adds them."""
    out = f',\n     "parent_id": {n.parent_id}' if n.parent_id is not None else ""
    if n.resolved_at is not None:
        out += f',\n     "resolved_by": {_s(n.resolved_by or "")}'
        out += f',\n     "resolved_at": {_s(n.resolved_at)}'
    return out


def _notes(notes: list[Note]) -> str:
    if not notes:
        return "[]"
    items = ",\n".join(
        f'    {{\n     "id": {_n(n.id)},\n     "author": {_s(n.author)},\n'
        f'     "body": {_s(n.body)},\n     "created_at": {_s(n.created_at)},\n'
        f'     "updated_at": {_s(n.updated_at)}{_thread(n)}\n    }}'
        for n in notes
    )
    return f"[\n{items}\n   ]"


def _marks(marks: list[Highlight]) -> str:
    if not marks:
        return "[]"
    items = ",\n".join(
        f'    {{\n     "id": {_n(h.id)},\n     "start": {h.start},\n     "end": {h.end},\n'
        f'     "tag": {_s(h.tag)},\n     "color": {_s(h.color)},\n     "note": {_s(h.note)}\n    }}'
        for h in marks
    )
    return f"[\n{items}\n   ]"


def _line(line: Line, notes: list[Note], marks: list[Highlight]) -> str:
    if line.words or line.styles or line.cue_id or line.cue_settings:
        entry = line_dict(replace(line, notes=notes, highlights=marks))
        return "\n".join(
            "  " + row for row in json.dumps(entry, ensure_ascii=False, indent=1).split("\n")
        )
    return (
        f'  {{\n   "id": {_n(line.id)},\n   "start_ms": {line.start_ms},\n'
        f'   "end_ms": {line.end_ms},\n'
        f'   "end_inferred": {"true" if line.end_inferred else "false"},\n'
        f'   "speaker": {_s(line.speaker)},\n   "text": {_s(line.text)},\n'
        f'   "original_text": {_s(line.original)},\n   "status": {_s(line.status)},\n'
        f'   "notes": {_notes(notes)},\n   "highlights": {_marks(marks)}\n  }}'
    )


def fast_json(head: Transcript, rows: Iterable[tuple[Line, list[Note], list[Highlight]]]) -> str:
    """What ``write_json`` gives for ``head``'s title, media and metadata with these lines."""
    # The head (title, media, metadata) is small: the core writer itself formats it.
    shell = write_json(Transcript(title=head.title, metadata=head.metadata, media=head.media))
    body = ",\n".join(_line(line, notes, marks) for line, notes, marks in rows)
    if not body:
        return shell
    tail = ' "lines": []\n}\n'
    assert shell.endswith(tail)
    return f'{shell[: -len(tail)]} "lines": [\n{body}\n ]\n}}\n'


def _self_check() -> bool:
    note = Note('a "note"\nü', "Bö", "2024-01-01T00:00:00+00:00", "", 3)
    note.resolved_by, note.resolved_at = 'R"b', "2024-01-02T00:00:00+00:00"
    reply = Note("r", "", "", "", 5, parent_id=3)
    line = Line(
        5,
        9,
        "te\txt",
        "Sp",
        True,
        "orig",
        "flagged",
        [note, reply],
        [Highlight(0, 2, "t", "#fff", "n", 4)],
        7,
    )
    styled = Line(12, 14, "ab", words=[Word(12, 13, "a", 0.5)], styles=[StyleRun(0, 1, "i")])
    styled.cue_id, styled.cue_settings = "c1", "line:85%"
    probe = Transcript([line, Line(9, 12, "x"), styled], "T")
    rows = [(ln, ln.notes, ln.highlights) for ln in probe.lines]
    return fast_json(probe, rows) == write_json(probe)


_FAST = _self_check()


def selected_transcript(job: Job, *, annotations: bool = True) -> Transcript:
    """The transcript narrowed to the selected lines (the same objects when nothing is cut)."""
    options = job.options
    strip_notes = not (annotations and options.include_notes)
    strip_marks = not (annotations and options.include_highlights)
    lines: list[Line] = []
    for _, line in job.each():
        if (strip_notes and line.notes) or (strip_marks and line.highlights):
            line = replace(
                line,
                notes=[] if strip_notes else line.notes,
                highlights=[] if strip_marks else line.highlights,
            )
        lines.append(line)
    source = job.transcript
    return Transcript(lines=lines, title=source.title, metadata=source.metadata, media=source.media)


def write(job: Job, path: Path) -> None:
    if not _FAST:
        write_text(path, write_json(selected_transcript(job)))
        return
    rows = ((line, job.notes(line), job.highlights(line)) for _, line in job.each())
    write_text(path, fast_json(job.transcript, rows))
