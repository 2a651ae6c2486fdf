"""Timing lint over a transcript: overlaps, lines out of order, lines past the media's end, long
gaps, lines read too fast and lines with no (or too little) time on screen; and, under a
subtitle rule profile (app.core.subtitle_rules), rows too long, too many rows, too long on
screen and gaps too small.

``run_checks`` makes one pass over the lines in row order, with plain int arithmetic and no
per-line objects but the issues it finds, so 100k lines take a few tens of milliseconds and the
checks panel can re-run after every edit.

Each issue is reported on the row a reader would fix: an overlap, a long gap on the line *before*
it (its end is what runs on or stops short), a line out of order on the line that starts too
early.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from app.core.transcript import Line

__all__ = [
    "KINDS",
    "CheckSettings",
    "Issue",
    "IssueKind",
    "format_precise",
    "format_seconds",
    "reading_speed",
    "run_checks",
]

IssueKind = Literal[
    "overlap",
    "order",
    "past_end",
    "gap",
    "reading_speed",
    "zero_length",
    "row_length",
    "rows",
    "too_long",
    "gap_small",
    # The audio's checks (app.core.audio_checks, app.core.asr_opinion; app.ui.listening)
    "audio_disagrees",
    "over_silence",
    "speech_without_line",
    "repeated_text",
]

#: Every kind, in the order the checks panel lists them.
KINDS: tuple[IssueKind, ...] = (
    "overlap",
    "order",
    "past_end",
    "gap",
    "reading_speed",
    "zero_length",
    "row_length",
    "rows",
    "too_long",
    "gap_small",
    "audio_disagrees",
    "over_silence",
    "speech_without_line",
    "repeated_text",
)


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """Thresholds; 0 switches the gap, reading-speed and minimum-duration checks off."""

    max_gap_ms: int = 10_000
    max_cps: float = 20.0
    #: Lines shown for less than this are reported; 0: only lines that end before they start
    #: (or at once) are.
    min_duration_ms: int = 0
    #: A line may end this much after the media does (players report the length a little
    #: short, and subtitle tools round the last end up) before it counts as past the end.
    end_slack_ms: int = 500
    # A subtitle rule profile's limits (app.core.subtitle_rules); 0, off, unless one is chosen.
    max_row_chars: int = 0
    max_rows: int = 0
    max_duration_ms: int = 0
    #: Gaps to the next line shorter than this are reported (a gap of 0 too; overlaps are not).
    min_gap_ms: int = 0


class Issue(NamedTuple):
    """One issue on one line. A tuple: 100k of them are made in a few tens of milliseconds."""

    row: int
    line_id: int | None
    kind: IssueKind
    message: str
    start_ms: int = 0  # the line's start, for the panel's time column


def format_seconds(ms: int) -> str:
    """A duration as people say it: "0.4 s", "14 s", "2 min 5 s"."""
    ms = abs(ms)
    if ms < 9_950:
        text = f"{ms / 1000:.1f}"
        return (text[:-2] if text.endswith(".0") else text) + " s"
    seconds = round(ms / 1000)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"


def format_precise(ms: int) -> str:
    """A limit-sized duration to the millisecond it was set at: "83 ms", "0.833 s", "7 s"."""
    if abs(ms) < 1000 and ms % 100:
        return f"{ms} ms"
    if abs(ms) >= 60_000:
        return format_seconds(ms)
    return f"{ms / 1000:.3f}".rstrip("0").rstrip(".") + " s"


def _clock(ms: int) -> str:
    """ "4:29" or "1:02:03", as the transport bar shows a time."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def reading_length(text: str) -> int:
    """Characters a reader reads: every character (spaces and punctuation too, as subtitle
    guidelines count them) but line breaks."""
    return len(text) - text.count("\n")


def reading_speed(text: str, duration_ms: int) -> float | None:
    """Characters per second of ``text`` shown for ``duration_ms`` (None when it is not shown
    for any time), counted as the reading-speed check counts them."""
    if duration_ms <= 0:
        return None
    return reading_length(text) * 1000 / duration_ms


def run_checks(
    lines: Sequence[Line], media_duration_ms: int | None, settings: CheckSettings
) -> list[Issue]:
    """Every timing issue of ``lines``, in row order; on one row: order, overlap or gap (long
    or too small), past the end, too short or too long on screen, too fast, then too many rows
    and rows too long."""
    issues: list[Issue] = []
    add = issues.append
    count = len(lines)
    if not count:
        return issues
    max_gap = settings.max_gap_ms
    max_cps = settings.max_cps
    min_duration = max(1, settings.min_duration_ms)  # a line of 0 ms is always reported
    min_gap = settings.min_gap_ms
    least_gap = format_precise(min_gap)
    max_duration = settings.max_duration_ms
    max_rows = settings.max_rows
    max_row_chars = settings.max_row_chars
    # Rows are split only on a line longer than one row may be, or with too many line breaks.
    row_chars = max_row_chars if max_row_chars else 1 << 62
    row_breaks = max_rows if max_rows else 1 << 62
    check_rows = bool(max_row_chars or max_rows)
    end_limit, media_end = None, ""
    if media_duration_ms is not None and media_duration_ms > 0:
        end_limit = media_duration_ms + max(0, settings.end_slack_ms)
        media_end = _clock(media_duration_ms)
    last = count - 1
    previous_start = lines[0].start_ms
    for row, line in enumerate(lines):
        start = line.start_ms
        end = line.end_ms
        in_order = start >= previous_start
        if not in_order:
            add(Issue(row, line.id, "order", "Starts before the line above", start))
        previous_start = start
        # Overlaps and gaps mean nothing next to a line out of order: that is the one issue.
        if in_order and row < last:
            next_start = lines[row + 1].start_ms
            if next_start >= start:
                if end > next_start:
                    by = format_seconds(end - next_start)
                    add(Issue(row, line.id, "overlap", f"Overlaps the next line by {by}", start))
                elif max_gap and next_start - end > max_gap:
                    gap = format_seconds(next_start - end)
                    add(Issue(row, line.id, "gap", f"Gap of {gap} before the next line", start))
                elif next_start - end < min_gap:
                    if next_start == end:
                        message = f"No gap before the next line (minimum {least_gap})"
                    else:
                        gap = format_precise(next_start - end)
                        message = f"Gap of only {gap} before the next line (minimum {least_gap})"
                    add(Issue(row, line.id, "gap_small", message, start))
        if end_limit is not None and end > end_limit:
            where = "Starts after" if start >= end_limit else "Past"
            message = f"{where} the end of the media ({media_end})"
            add(Issue(row, line.id, "past_end", message, start))
        duration = end - start
        if duration < min_duration:
            if duration <= 0:
                message = "Ends before it starts" if duration < 0 else "Has no duration"
            else:
                shown, least = format_precise(duration), format_precise(settings.min_duration_ms)
                message = f"Shown for only {shown} (minimum {least})"
            add(Issue(row, line.id, "zero_length", message, start))
        else:
            if max_duration and duration > max_duration:
                shown, most = format_precise(duration), format_precise(max_duration)
                message = f"On screen for {shown} (maximum {most})"
                add(Issue(row, line.id, "too_long", message, start))
            if max_cps > 0:
                text = line.text
                chars = len(text)
                # chars * 1000 > max_cps * duration: cheap test first; the exact count only then.
                if chars * 1000 > max_cps * duration:
                    cps = (chars - text.count("\n")) * 1000 / duration  # as reading_length()
                    if cps > max_cps:
                        speed = f"{round(cps)}" if round(cps) > max_cps else f"{cps:.1f}"
                        message = f"Reading speed {speed} characters/s (limit {max_cps:g})"
                        add(Issue(row, line.id, "reading_speed", message, start))
        if check_rows:
            text = line.text
            if len(text) > row_chars or text.count("\n") >= row_breaks:
                _rows(line, row, max_rows, max_row_chars, add)
    return issues


def _rows(
    line: Line, row: int, max_rows: int, max_chars: int, add: Callable[[Issue], None]
) -> None:
    """Too many rows, then the first row too long (with how many more are), on one line."""
    rows = line.text.split("\n")
    if max_rows and len(rows) > max_rows:
        message = f"{len(rows)} rows (limit {max_rows})"
        add(Issue(row, line.id, "rows", message, line.start_ms))
    if max_chars:
        long = [(n, len(text)) for n, text in enumerate(rows, 1) if len(text) > max_chars]
        if long:
            n, chars = long[0]
            message = f"Row {n} has {chars} characters (limit {max_chars})"
            if len(rows) == 1:
                message = f"{chars} characters on one row (limit {max_chars})"
            if len(long) > 1:
                others = len(long) - 1
                message += f"; {others} more row{'s' if others > 1 else ''} too long"
            add(Issue(row, line.id, "row_length", message, line.start_ms))
