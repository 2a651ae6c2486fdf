"""Note threads as the exports write them: each thread's first note, its replies (in order) and
whether, by whom and when it was resolved, in words the readers of every format share."""

from __future__ import annotations

from app.core.threads import NoteThread, threads_of
from app.core.transcript import Note
from app.export.job import Job, note_when

__all__ = ["export_threads", "resolved_words"]


def export_threads(job: Job, notes: list[Note]) -> list[NoteThread]:
    """The notes the job exports, as threads (nothing when notes are left out)."""
    return threads_of(notes) if job.options.include_notes else []


def resolved_words(note: Note) -> str:
    """ "Resolved by Ana, 2024-05-01 14:03 UTC" for a resolved thread's first note, else ""."""
    if note.resolved_at is None:
        return ""
    who = f" by {note.resolved_by}" if note.resolved_by else ""
    when = note_when(Note("", created_at=note.resolved_at))
    return f"Resolved{who}" + (f", {when}" if when else "")
