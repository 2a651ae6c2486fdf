"""What readers of start-only stamps share (video pages, YouTube pastes, stamped text, Otter):
those formats give when a line starts, never when it ends."""

from __future__ import annotations

from app.core.formats.base import ImportReport, ReadResult, TranscriptFormatError
from app.core.transcript import Line, Transcript

__all__ = ["SPEAKING_RATE_CPS", "infer_ends", "stamped_result"]

#: Characters per second of ordinary speech, used to give the last line an end.
SPEAKING_RATE_CPS = 15.0


def infer_ends(lines: list[Line], *, last_default_ms: int | None = None) -> None:
    """Give each line with ``end_inferred`` the next later start as its end (in place).

    The last line (or any line with no later start) lasts as long as its text takes to say,
    between one and ten seconds, unless ``last_default_ms`` is given.
    """
    next_start: int | None = None
    for line in reversed(lines):
        if line.end_inferred:
            if next_start is not None and next_start > line.start_ms:
                line.end_ms = next_start
            else:
                spoken = int(len(line.text) * 1000 / SPEAKING_RATE_CPS)
                length = last_default_ms if last_default_ms is not None else spoken
                line.end_ms = line.start_ms + max(1000, min(10_000, length))
        if next_start is None or line.start_ms < next_start:
            next_start = line.start_ms


def stamped_result(lines: list[Line], report: ImportReport, *, empty: str) -> ReadResult:
    """Finish a start-only reader: refuse a file that gave no line (``empty`` says why), end each
    line where the next starts, and list the report's issues in input order."""
    if not lines:
        raise TranscriptFormatError(empty)
    infer_ends(lines)
    report.issues.sort(key=lambda issue: issue.line_no)  # readers may find them in two passes
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)
