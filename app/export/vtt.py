"""WebVTT: the corrected text at its times, speakers as ``<v>`` voices and notes as NOTE blocks,
written by the core VTT writer (app.core.formats.vtt) so that export and "convert" agree on
the format. The options pick the lines and whether notes go in."""

from __future__ import annotations

from pathlib import Path

from app.core.formats.vtt import write_vtt
from app.export.atomic import write_text
from app.export.job import Job
from app.export.project_json import selected_transcript

__all__ = ["write"]


def write(job: Job, path: Path) -> None:
    write_text(path, write_vtt(selected_transcript(job)))
