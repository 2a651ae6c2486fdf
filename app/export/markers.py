"""Editor markers: a DaVinci Resolve marker EDL and a marker CSV, one marker per line that is
flagged or has notes, so an editor can jump to each from the timeline.

One marker per *line* (its notes joined), not per note: Resolve keeps one marker per frame, so
two notes on a line would collide. Times become non-drop-frame timecode at ``options.fps``,
offset by ``options.timecode_start_ms`` (timelines usually start at 01:00:00:00).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.transcript import Line
from app.export.atomic import write_text
from app.export.csv import write_rows
from app.export.job import Job

__all__ = ["Marker", "markers", "render_csv", "render_edl", "timecode", "write_csv", "write_edl"]

_NAME_CHARS = 60  # what fits a marker name column


@dataclass(frozen=True, slots=True)
class Marker:
    number: int  # line number in the transcript
    start_frame: int  # absolute, offset included
    frames: int  # duration, at least one
    color: str  # Resolve's colour names: Red, Blue...
    name: str
    note: str


def timecode(frame: int, fps: int) -> str:
    seconds, frames = divmod(frame, fps)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}"


def _frame(ms: int, fps: int) -> int:
    # Rounded down: a marker must not land after the words start.
    return ms * fps // 1000


def _one_row(text: str) -> str:
    return " ".join(text.split())


def _marker(job: Job, number: int, line: Line) -> Marker | None:
    flagged = job.status(line) == "flagged"
    notes = job.notes(line)
    if not (flagged or notes):
        return None
    fps = job.options.fps
    start = _frame(job.options.timecode_start_ms, fps) + _frame(line.start_ms, fps)
    frames = max(1, _frame(line.end_ms, fps) - _frame(line.start_ms, fps))
    said = _one_row(line.text)
    name = f"{line.speaker}: {said}" if line.speaker else said
    if len(name) > _NAME_CHARS:
        name = name[: _NAME_CHARS - 1] + "…"
    # Author and body alike on one row: a newline in either would start a new EDL row.
    parts = [
        f"{_one_row(n.author)}: {_one_row(n.body)}" if n.author.strip() else _one_row(n.body)
        for n in notes
    ]
    note = " / ".join(parts) if parts else said
    if flagged:
        note = f"Flagged: {note}"
    return Marker(number, start, frames, "Red" if flagged else "Blue", _one_row(name), note)


def markers(job: Job) -> list[Marker]:
    found = (_marker(job, number, line) for number, line in job.each())
    return [marker for marker in found if marker is not None]


def render_edl(job: Job) -> str:
    fps = job.options.fps
    # "|" separates Resolve's marker fields; a title row break would end the header.
    title = _one_row(job.transcript.title or "Proofreel markers")
    out = [f"TITLE: {title}", "FCM: NON-DROP FRAME", ""]
    for event, marker in enumerate(markers(job), start=1):
        tc_in = timecode(marker.start_frame, fps)
        tc_out = timecode(marker.start_frame + 1, fps)
        text = marker.note.replace("|", "/")
        out.append(
            f"{event:03d}  001      V     C        {tc_in} {tc_out} {tc_in} {tc_out}\n"
            f" |C:ResolveColor{marker.color} |M:{text} |D:{marker.frames}\n"
        )
    return "\n".join(out)


def render_csv(job: Job) -> str:
    fps = job.options.fps
    rows = [["name", "start", "duration", "colour", "note"]]
    for marker in markers(job):
        start = timecode(marker.start_frame, fps)
        rows.append([marker.name, start, timecode(marker.frames, fps), marker.color, marker.note])
    return write_rows(rows)


def write_edl(job: Job, path: Path) -> None:
    write_text(path, render_edl(job))


def write_csv(job: Job, path: Path) -> None:
    write_text(path, render_csv(job), bom=True)
