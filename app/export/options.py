"""What an export may be asked to leave out or narrow down, and the errors it can end with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["ONLY_CHOICES", "ExportCancelled", "ExportError", "ExportOptions", "Only"]

Only = Literal["flagged", "noted"]
ONLY_CHOICES: tuple[Only, ...] = ("flagged", "noted")


class ExportError(Exception):
    """An export that cannot be made; ``str(err)`` is one line fit to show a user."""


class ExportCancelled(ExportError):
    """The cancel callable said stop; nothing was written and an existing file is untouched."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    include_notes: bool = True
    include_highlights: bool = True
    include_status: bool = True
    only: Only | None = None  # None: every line; "flagged" / "noted": just those lines
    with_original: bool = False  # show the imported text beside each corrected line
    start_ms: int | None = None  # lines overlapping [start_ms, end_ms) are kept
    end_ms: int | None = None
    # Editor markers: timelines in editors usually start at 01:00:00:00, at a whole frame rate.
    fps: int = 25
    timecode_start_ms: int = 3_600_000
    # Word: corrections as tracked changes (w:del of the imported words, w:ins of the corrected
    # ones) by this author at this time (ISO 8601); "" means the user's login name / now.
    tracked_changes: bool = False
    revision_author: str = ""
    revision_date: str = ""
    # Who made each line's correction and when (line id -> (author, ISO 8601 time)), read from
    # the library's change log: a tracked change carries them; a line not in it, the above.
    corrected_by: Mapping[int, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Validated here, once, so every exporter and the CLI refuse the same values the same way.
        if self.only not in (None, *ONLY_CHOICES):
            raise ValueError(f"only must be one of {', '.join(ONLY_CHOICES)}, not {self.only!r}")
        for name in ("start_ms", "end_ms"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} is negative: {value}")
        if self.start_ms is not None and self.end_ms is not None and self.end_ms <= self.start_ms:
            raise ValueError("the time range ends before it starts")
        if not 1 <= self.fps <= 120:
            raise ValueError(f"frame rate must be 1..120, not {self.fps}")
        if self.timecode_start_ms < 0:
            raise ValueError("timecode start is negative")
