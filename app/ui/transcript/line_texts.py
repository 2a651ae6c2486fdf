"""What the transcript table says of a line in words: its tooltips and what a screen reader
hears for the notes column. Translated in the TranscriptModel's context, whose cells they are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.editing import is_retimed, text_edited
from app.core.timecode import format_hms
from app.core.transcript import Line

__all__ = [
    "EDITED_MARK",
    "corrected_tip",
    "is_edited",
    "line_tooltip",
    "notes_spoken",
    "notes_tooltip",
]

#: Shown in the notes column of a corrected line (text, times, merged or split), before the
#: note count: the status column keeps its coloured glyph alone, so the two never read as one mark.
EDITED_MARK = "\u2731"


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptModel", text)


def is_edited(line: Line) -> bool:
    """The line was corrected since its import: its text, its times, or merged or split."""
    return line.origin is not None or text_edited(line) or is_retimed(line)


def corrected_tip(line: Line) -> str:
    """What the ✱ stands for: each correction, with what the line was."""
    parts = []
    if line.origin is not None:
        count = len(line.origin.lines)
        if line.origin.kind == "merged":
            parts.append(_tr("Merged from %1 lines").replace("%1", str(count)))
        else:
            parts.append(_tr("Split from a line"))
    if text_edited(line):
        parts.append(_tr("Edited; imported text:\n%1").replace("%1", line.original))
    if is_retimed(line) and line.original_start_ms is not None:
        start, end = line.original_start_ms, line.original_end_ms or 0
        was = f"{format_hms(start)} \u2192 {format_hms(end)}"
        parts.append(_tr("Re-timed; imported times: %1").replace("%1", was))
    return "\n".join(parts)


def notes_tooltip(line: Line) -> str | None:
    """The notes column's tooltip: what a corrected line was, then every note."""
    if not (line.notes or is_edited(line)):
        return None
    parts = [f"{n.author}: {n.body}" if n.author else n.body for n in line.notes]
    if is_edited(line):
        parts.insert(0, corrected_tip(line))
    return "\n\n".join(parts)


def line_tooltip(line: Line) -> str:
    """The other cells' tooltip: the line's precise times, its whole text, its WebVTT cue."""
    end = format_hms(max(0, line.end_ms)) + (_tr(" (inferred)") if line.end_inferred else "")
    tip = f"{format_hms(line.start_ms)} \u2192 {end}\n{line.text}"
    if line.cue_id or line.cue_settings:  # what the WebVTT cue carried, kept for export
        cue = _tr("WebVTT cue %1").replace("%1", line.cue_id).rstrip()
        tip += f"\n{cue}: {line.cue_settings}" if line.cue_settings else f"\n{cue}"
    return tip


def notes_spoken(line: Line) -> str:
    """The notes column for a screen reader: "edited, 2 notes"."""
    edited = _tr("edited") if is_edited(line) else ""
    count = len(line.notes)
    notes = _tr("1 note") if count == 1 else _tr("%1 notes").replace("%1", str(count))
    return ", ".join(part for part in (edited, notes if count else "") if part)
