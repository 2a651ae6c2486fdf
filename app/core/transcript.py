"""The transcript value types every layer speaks: Line, Note, Highlight, Transcript.

Times are ``int`` milliseconds. ``Line.id`` is ``None`` until the store gives the line a stable id;
notes and highlights belong to a line, never to a row number.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "STATUSES",
    "Highlight",
    "Line",
    "LineIndex",
    "MediaInfo",
    "Metadata",
    "Note",
    "Origin",
    "StyleRun",
    "Transcript",
    "Word",
]

#: Review states a line can be in; the review issue adds the UI for them.
STATUSES: tuple[str, ...] = ("unreviewed", "approved", "flagged")


@dataclass(slots=True)
class Note:
    body: str
    author: str = ""
    created_at: str = ""  # ISO 8601, UTC
    updated_at: str = ""
    id: int | None = None
    #: The thread's first note this one answers (None: it starts a thread); app.core.threads
    parent_id: int | None = None
    #: Who resolved the thread and when (None: open); kept on a thread's first note only
    resolved_by: str | None = None
    resolved_at: str | None = None


@dataclass(slots=True)
class Highlight:
    start: int  # character offsets into Line.text, end exclusive
    end: int
    tag: str
    color: str = ""
    note: str = ""
    id: int | None = None
    # Who made it and when, as the library recorded them (None: not known here, e.g. a file's
    # highlight before it is stored). Not part of equality: the same mark wherever it came from.
    author: str | None = field(default=None, compare=False)
    created_at: str | None = field(default=None, compare=False)


@dataclass(slots=True, frozen=True)
class StyleRun:
    """Inline styling over ``Line.text[start:end]`` (end exclusive), as the source carried it.

    ``kind`` is one of app.core.styling.KINDS ("i", "b", "u", "s", "color", "class", "lang");
    ``value`` is the colour, the WebVTT class names ("yellow.bg_blue") or the language tag.
    """

    start: int
    end: int
    kind: str
    value: str = ""


@dataclass(slots=True)
class Word:
    """One word with its own timing, as speech recognisers give them (Whisper, WhisperX)."""

    start_ms: int
    end_ms: int
    text: str
    confidence: float | None = None  # 0..1 when the recogniser gives one


@dataclass(slots=True, frozen=True)
class Origin:
    """Where a line came from when an edit changed the lines themselves: ``kind`` is "merged"
    (joined from several lines) or "split" (cut from one); ``lines`` are the lines as imported
    that it was made of, each (start_ms, end_ms, text), in transcript order."""

    kind: str
    lines: tuple[tuple[int, int, str], ...]


@dataclass(slots=True)
class Line:
    start_ms: int
    end_ms: int
    text: str
    speaker: str = ""
    end_inferred: bool = False
    original_text: str | None = None  # None: never edited, same as text
    status: str = "unreviewed"
    notes: list[Note] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    id: int | None = None
    words: list[Word] = field(default_factory=list)  # empty unless the source timed each word
    styles: list[StyleRun] = field(default_factory=list)  # inline styling over text, if any
    cue_id: str = ""  # the WebVTT cue identifier, as the source gave it
    cue_settings: str = ""  # WebVTT cue settings as written: "line:85% align:start"
    original_start_ms: int | None = None  # the times as imported; None: never re-timed
    original_end_ms: int | None = None
    origin: Origin | None = None  # None: not made by a merge or a split

    @property
    def original(self) -> str:
        """The text as imported, whatever editing did since."""
        return self.text if self.original_text is None else self.original_text

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(slots=True)
class Metadata:
    description: str = ""
    tags: list[str] = field(default_factory=list)
    category: str = ""

    def is_empty(self) -> bool:
        return not (self.description or self.tags or self.category)


@dataclass(slots=True)
class MediaInfo:
    path: str
    duration_ms: int | None = None


@dataclass(slots=True)
class Transcript:
    lines: list[Line] = field(default_factory=list)
    title: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    media: MediaInfo | None = None


class LineIndex:
    """Which line is playing at a time, by bisect over the sorted start times.

    Built once per transcript (or after an edit); ``line_at`` is O(log n) and allocates nothing,
    so the playback tick can call it at 25 Hz on 100k lines.
    """

    __slots__ = ("_ends", "_order", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = list(spans)
        # Rows are normally sorted already; keep a mapping in case an import produced disorder.
        order = sorted(range(len(pairs)), key=lambda i: pairs[i][0])
        self._order: Sequence[int] | None = None if order == list(range(len(pairs))) else order
        self._starts = [pairs[i][0] for i in order]
        self._ends = [pairs[i][1] for i in order]

    @classmethod
    def of(cls, lines: Sequence[Line]) -> LineIndex:
        return cls((line.start_ms, line.end_ms) for line in lines)

    def __len__(self) -> int:
        return len(self._starts)

    def line_at(self, ms: int) -> int | None:
        """Row of the line that has started at ``ms`` and not yet ended, else ``None``.

        Between two lines (a gap) nothing is current. With overlapping lines the one that started
        last wins, as a viewer reading along would expect.
        """
        pos = bisect_right(self._starts, ms) - 1
        if pos < 0 or ms >= self._ends[pos]:
            return None
        return pos if self._order is None else self._order[pos]

    def last_started(self, ms: int) -> int | None:
        """Row of the last line whose start is at or before ``ms`` (gaps included)."""
        pos = bisect_right(self._starts, ms) - 1
        if pos < 0:
            return None
        return pos if self._order is None else self._order[pos]
