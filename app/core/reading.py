"""The transcript as a reader sees it: lines gathered into paragraphs, one speaker each.

A paragraph ends where the speaker changes, after a long pause, or after a few lines, so a
transcript with no speakers at all still reads as paragraphs (and none grows past a screen).
Pure Python: the reading view lays out only the paragraphs it shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.transcript import Line

__all__ = ["MAX_LINES", "PAUSE_MS", "paragraphs"]

#: A paragraph holds at most this many lines.
MAX_LINES = 8
#: A silence this long between two lines starts a new paragraph, as a pause in speech does.
PAUSE_MS = 2000


def paragraphs(
    lines: Sequence[Line],
    rows: Sequence[int] | None = None,
    *,
    max_lines: int = MAX_LINES,
    pause_ms: int = PAUSE_MS,
) -> list[tuple[int, ...]]:
    """The ``rows`` of ``lines`` (all of them when None; ascending) as paragraphs, each a tuple of
    rows. Rows that are not neighbours (a filter hides the ones between) never share one."""
    shown = range(len(lines)) if rows is None else rows
    found: list[tuple[int, ...]] = []
    current: list[int] = []
    previous = -2
    for row in shown:
        line = lines[row]
        if current:
            last = lines[previous]
            if (
                row != previous + 1
                or line.speaker != last.speaker
                or line.start_ms - last.end_ms >= pause_ms
                or len(current) >= max_lines
            ):
                found.append(tuple(current))
                current = []
        current.append(row)
        previous = row
    if current:
        found.append(tuple(current))
    return found
