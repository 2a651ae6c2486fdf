"""SubRip: the corrected text at its times, written by the core SRT writer (one writer, one
set of rules for what a cue may hold). Speakers, notes and highlights have no place in SRT."""

from __future__ import annotations

from pathlib import Path

from app.core.formats.srt import write_srt
from app.export.atomic import write_text
from app.export.job import Job
from app.export.project_json import selected_transcript

__all__ = ["write"]


def write(job: Job, path: Path) -> None:
    write_text(path, write_srt(selected_transcript(job, annotations=False)))
