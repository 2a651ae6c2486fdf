"""The pure pieces of review playback: the speed steps and how a speed reads, and the time spans
of lines that a loop or "play the selected lines only" keeps the playhead in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from app.core.timecode import format_clock
from app.core.transcript import Line

__all__ = ["RATES", "OwnSeek", "Span", "describe", "format_rate", "merged_spans", "span_of"]

#: The speed steps, slowest first; faster/slower move along them.
RATES: tuple[float, ...] = (0.5, 0.6, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


def format_rate(rate: float) -> str:
    """1.0 -> '1.0×', 0.75 -> '0.75×'."""
    text = f"{rate:.2f}".rstrip("0")
    if text.endswith("."):
        text += "0"
    return f"{text}\u00d7"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def span_of(lines: Sequence[Line]) -> Span | None:
    """From the first line's start to the last one's end (at least 1 ms); None for no lines."""
    if not lines:
        return None
    start = min(line.start_ms for line in lines)
    end = max(line.end_ms for line in lines)
    return Span(start, max(end, start + 1))


def merged_spans(lines: Sequence[Line]) -> list[Span]:
    """The lines' spans in their order, touching or overlapping ones played straight through."""
    spans: list[Span] = []
    for line in lines:
        start, end = line.start_ms, max(line.end_ms, line.start_ms)
        if spans and start <= spans[-1].end + 1:
            spans[-1] = Span(spans[-1].start, max(spans[-1].end, end))
        else:
            spans.append(Span(start, end))
    return spans


def describe(span: Span) -> str:
    return f"{format_clock(span.start)}\u2013{format_clock(span.end)}"


class _Counts(Protocol):
    _own_seek: int


class OwnSeek:
    """Marks the seeks the controller makes, so its ``_on_seeked`` tells them from the user's."""

    def __init__(self, controller: _Counts) -> None:
        self._controller = controller

    def __enter__(self) -> None:
        self._controller._own_seek += 1

    def __exit__(self, *_exc: object) -> None:
        self._controller._own_seek -= 1
