"""Milliseconds <-> the time stamps people and subtitle formats write.

Every time inside Proofreel is an ``int`` of milliseconds. This module is the only place that
turns stamps into milliseconds and back, so a bad stamp fails the same way everywhere.
"""

from __future__ import annotations

import re

__all__ = [
    "TimecodeError",
    "format_clock",
    "format_duration",
    "format_hms",
    "format_srt",
    "format_vtt",
    "parse_stamp",
]


class TimecodeError(ValueError):
    """A time stamp that cannot be read; the message says which and why."""


# H:MM:SS(.mmm) | MM:SS(.mmm) | M:SS ; millis may use "." or "," and have 1-3 digits.
_STAMP = re.compile(
    r"""^\s*
    (?:(?P<h>\d{1,3}):)?
    (?P<m>\d{1,2}):
    (?P<s>\d{2})
    (?:[.,](?P<ms>\d{1,3}))?
    \s*$""",
    re.VERBOSE,
)


def parse_stamp(stamp: str) -> int:
    """Parse ``H:MM:SS.mmm``, ``MM:SS``, ``M:SS,mmm``... into milliseconds.

    Minutes and seconds must be below 60 when an hour field is present; without hours, minutes may
    run past 59 only if written with two digits (some tools write ``75:12``) -- they are not, so we
    refuse them rather than guess.
    """
    match = _STAMP.match(stamp)
    if match is None:
        raise TimecodeError(f"not a time stamp: {stamp.strip()!r}")
    hours = int(match["h"] or 0)
    minutes = int(match["m"])
    seconds = int(match["s"])
    if minutes > 59 or seconds > 59:
        raise TimecodeError(f"minutes and seconds must be below 60: {stamp.strip()!r}")
    frac = match["ms"] or "0"
    millis = int(frac.ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _split(ms: int) -> tuple[int, int, int, int]:
    if ms < 0:
        raise TimecodeError(f"negative time: {ms} ms")
    seconds, millis = divmod(int(ms), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds, millis


def format_srt(ms: int) -> str:
    """``HH:MM:SS,mmm`` as SubRip writes it."""
    h, m, s, f = _split(ms)
    return f"{h:02d}:{m:02d}:{s:02d},{f:03d}"


def format_vtt(ms: int) -> str:
    """``HH:MM:SS.mmm`` as WebVTT writes it."""
    h, m, s, f = _split(ms)
    return f"{h:02d}:{m:02d}:{s:02d}.{f:03d}"


def format_hms(ms: int) -> str:
    """``H:MM:SS.mmm``: the precise form shown when editing times."""
    h, m, s, f = _split(ms)
    return f"{h}:{m:02d}:{s:02d}.{f:03d}"


def format_clock(ms: int, *, with_hours: bool = False, millis: bool = False) -> str:
    """``MM:SS`` or ``H:MM:SS`` (whole seconds, rounded down) for transport bars and tables;
    with ``millis``, the milliseconds after them: ``MM:SS.mmm``, ``H:MM:SS.mmm``."""
    h, m, s, f = _split(max(0, ms))
    text = f"{h}:{m:02d}:{s:02d}" if h or with_hours else f"{m:02d}:{s:02d}"
    return f"{text}.{f:03d}" if millis else text


def format_duration(ms: int, *, millis: bool = False) -> str:
    """A duration in seconds, as subtitle tools show it: ``2.5`` (tenths, rounded) or, with
    ``millis``, ``2.500``. Negative for a line that ends before it starts."""
    sign = "-" if ms < 0 else ""
    ms = abs(int(ms))
    if millis:
        return f"{sign}{ms // 1000}.{ms % 1000:03d}"
    tenths = (ms + 50) // 100  # half up, in integers: 2450 ms is 2.5, as people round
    return f"{sign}{tenths // 10}.{tenths % 10}"
