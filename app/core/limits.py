"""Bounds on the numbers a reader takes from a file, shared by every format reader.

A file is untrusted input: a 5,000-digit field would make ``int()`` slow or raise, and a time or
id of 2^63 and up would overflow SQLite's INTEGER at insert. Readers check digits with
``bounded_int`` before converting, and treat a time past ``MAX_HOURS`` as an error for that cue.
"""

from __future__ import annotations

__all__ = ["MAX_HOURS", "MAX_ID", "MAX_TIME_MS", "bounded_int", "time_in_bounds"]

#: No recording is this long; a later hour is a typo or garbage, reported for its cue.
MAX_HOURS = 999
MAX_TIME_MS = (MAX_HOURS + 1) * 3_600_000 - 1
#: The largest id or count a reader may keep (SQLite INTEGER is a signed 64-bit number).
MAX_ID = 2**63 - 1


def bounded_int(digits: str, limit: int) -> int | None:
    """``int(digits)`` when it is at most ``limit``, else None; the length is checked first so
    a huge field costs nothing. ``digits`` holds ASCII digits only (a regex ``\\d`` with ASCII)."""
    stripped = digits.lstrip("0")
    if len(stripped) > len(str(limit)):
        return None
    value = int(stripped or "0")
    return value if value <= limit else None


def time_in_bounds(ms: int) -> bool:
    return 0 <= ms <= MAX_TIME_MS
