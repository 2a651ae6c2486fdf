"""What the Changes list says of one correction of a line: what it was and what it is now, as
rich text for the row, as plain text for screen readers and the tooltip, and whether the panel
can revert it (and, when it cannot, why).

A line can carry several corrections (app.core.editing.CORRECTIONS): merged from lines, split
from one, its text, its times. Each is its own entry, reverted on its own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from app.core.timecode import format_clock
from app.core.transcript import Line

__all__ = ["entry_html", "entry_text", "entry_tip", "not_revertable", "stamp"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChangesModel", text)


def stamp(ms: int, with_hours: bool = False) -> str:
    """``00:12.300``: to the millisecond, as a re-timing needs to be read."""
    return f"{format_clock(ms, with_hours=with_hours)}.{max(0, ms) % 1000:03d}"


def _span(start: int, end: int, with_hours: bool) -> str:
    return f"{stamp(start, with_hours)}\u2013{stamp(end, with_hours)}"


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def _made_of(line: Line) -> str:
    """The line's structural change, in words: "Merged from 3 lines" / "Split from a line"."""
    assert line.origin is not None
    count = len(line.origin.lines)
    if line.origin.kind == "merged":
        return _tr("Merged from %1 lines").replace("%1", str(count))
    if count == 1:
        return _tr("Split from a line")
    return _tr("Split from a line merged from %1 lines").replace("%1", str(count))


def _times_was_now(line: Line, with_hours: bool) -> list[tuple[str, str, str]]:
    """(which, was, now) for the start and the end, those that moved."""
    assert line.original_start_ms is not None and line.original_end_ms is not None
    moved = []
    if line.original_start_ms != line.start_ms:
        moved.append(
            (
                _tr("Start"),
                stamp(line.original_start_ms, with_hours),
                stamp(line.start_ms, with_hours),
            )
        )
    if line.original_end_ms != line.end_ms:
        moved.append(
            (_tr("End"), stamp(line.original_end_ms, with_hours), stamp(line.end_ms, with_hours))
        )
    return moved


def entry_text(line: Line, kind: str, with_hours: bool = False) -> str:
    """The entry as one plain sentence: was -> now."""
    arrow = " \u2192 "
    if kind == "text":
        return _tr("Text") + f": {_quoted(line.original)}{arrow}{_quoted(line.text)}"
    if kind == "times":
        return "; ".join(
            f"{which} {was}{arrow}{now}" for which, was, now in _times_was_now(line, with_hours)
        )
    assert line.origin is not None
    was = " + ".join(_quoted(text) for _s, _e, text in line.origin.lines)
    return f"{_made_of(line)}: {was}{arrow}{_quoted(line.text)}"


def entry_html(
    line: Line, kind: str, diff: str, colours: tuple[str, str], with_hours: bool = False
) -> str:
    """The row's rich text; ``diff`` is the word diff of a text entry (changes_model.diff_html),
    ``colours`` the deleted and inserted colours."""
    if kind == "text":
        return diff
    esc = html.escape
    gone, added = colours
    if kind == "times":
        parts = [
            f'{esc(which)} <s style="color:{gone}">{esc(was)}</s> \u2192 '
            f'<u style="color:{added}">{esc(now)}</u>'
            for which, was, now in _times_was_now(line, with_hours)
        ]
        return '<span style="white-space:pre-wrap">' + "; ".join(parts) + "</span>"
    assert line.origin is not None
    was = " + ".join(esc(_quoted(text)) for _s, _e, text in line.origin.lines)
    return (
        f'<span style="white-space:pre-wrap"><i>{esc(_made_of(line))}:</i> '
        f'<s style="color:{gone}">{was}</s> \u2192 <u style="color:{added}">'
        f"{esc(_quoted(line.text))}</u></span>"
    )


def not_revertable(line: Line, kind: str) -> str:
    """Why the panel cannot revert this entry ("" when it can)."""
    if kind == "merged":
        return _tr(
            "A merge is not reverted here: the notes, highlights and review of the merged line "
            "cannot be shared out again. Undo it (Ctrl+Z), or split the line."
        )
    if kind == "split":
        return _tr(
            "A split is not reverted here. Undo it (Ctrl+Z), or merge the parts again "
            "(Merge with Next Line)."
        )
    if kind == "text" and not line.original.strip():
        return _tr(
            "This part of a split line had no imported text to go back to: edit or delete it."
        )
    return ""


def entry_tip(line: Line, kind: str, with_hours: bool = False) -> str:
    """The tooltip: was and now in full (each line merged, with its time), and what Revert does."""
    esc = html.escape
    if kind == "times":
        assert line.original_start_ms is not None and line.original_end_ms is not None
        was = _span(line.original_start_ms, line.original_end_ms, with_hours)
        now = _span(line.start_ms, line.end_ms, with_hours)
        head = _tr("Re-timed")
    elif kind == "text":
        was, now, head = line.original, line.text, _tr("Text corrected")
    else:
        assert line.origin is not None
        was = "\n".join(
            f"{_span(start, end, with_hours)}  {_quoted(text)}"
            for start, end, text in line.origin.lines
        )
        now = f"{_span(line.start_ms, line.end_ms, with_hours)}  {_quoted(line.text)}"
        head = _made_of(line)
    why = not_revertable(line, kind)
    body = f"<qt><i>{esc(head)}</i><br><b>{esc(was)}</b><br>\u2192<br><b>{esc(now)}</b>".replace(
        "\n", "<br>"
    )
    return body + (f"<br><br>{esc(why)}" if why else "") + "</qt>"
