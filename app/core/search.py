"""Find and filter over a transcript's lines: folded text search, review filters, "next X" jumps.

Pure Python, so it is fast enough without Qt in the loop: a keystroke at 100k lines is one list
comprehension of ``needle in text`` over texts folded once (case and accents removed), narrowed
further by the review filters only on the rows the text let through. Typing a longer word
searches only within the previous result, so each keystroke costs less than the one before.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

from app.core.transcript import Line

__all__ = [
    "LineFilter",
    "SearchIndex",
    "fold",
    "has_note",
    "is_flagged",
    "is_unreviewed",
    "next_row",
]


def fold(text: str) -> str:
    """``text`` for caseless, accentless comparison: "Zélenskyy" -> "zelenskyy", "Straße" ->
    "strasse", "ﬁne" -> "fine". Runs of white space become one space."""
    if text.isascii():  # the common case, ten times faster than the Unicode path
        return " ".join(text.lower().split())
    # NFKD before and after casefold: casefold can produce characters that decompose further.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True, slots=True)
class LineFilter:
    """What the search bar asks for; fields left at their defaults let every line through."""

    text: str = ""
    status: str | None = None  # one of transcript.STATUSES
    has_notes: bool = False
    tag: str | None = None  # a highlight tag's name, matched exactly
    speaker: str | None = None  # matched exactly; "" asks for lines without a speaker

    @property
    def needle(self) -> str:
        return fold(self.text)

    def is_empty(self) -> bool:
        return not self.needle and self.others_empty()

    def others_empty(self) -> bool:
        """True when nothing but the text filters (status, notes, tag, speaker all "any")."""
        return (
            self.status is None
            and not self.has_notes
            and self.tag is None
            and (self.speaker is None)
        )

    def same_others(self, other: LineFilter) -> bool:
        return (self.status, self.has_notes, self.tag, self.speaker) == (
            other.status,
            other.has_notes,
            other.tag,
            other.speaker,
        )

    def accepts(self, line: Line) -> bool:
        """The plain, one-line-at-a-time definition; SearchIndex must agree with it."""
        return (
            (self.needle in fold(line.text))
            and (self.status is None or line.status == self.status)
            and (not self.has_notes or bool(line.notes))
            and (self.tag is None or any(h.tag == self.tag for h in line.highlights))
            and (self.speaker is None or line.speaker == self.speaker)
        )


_CACHE_SIZE = 16  # results kept for narrowing: enough for a word typed and backspaced


class SearchIndex:
    """The lines' folded texts, and the last few results to narrow from.

    Holds the ``lines`` sequence itself (not a copy): statuses, notes and highlights are read
    from it at query time. Call ``update(row, line)`` after any change to a line (text, status,
    notes, highlights), or ``rebuild`` after rows came or went, so no stale result is reused.
    """

    __slots__ = ("_cache", "_lines", "_texts")

    def __init__(self, lines: Sequence[Line]) -> None:
        self._lines: Sequence[Line] = ()
        # Folded texts are made on the first search, not on load: opening a 100k-line project
        # should not pay ~60 ms and ~10 MB for a search the user may never make.
        self._texts: list[str] | None = None
        self._cache: OrderedDict[tuple[str, LineFilter], list[int]] = OrderedDict()
        self.rebuild(lines)

    def __len__(self) -> int:
        return len(self._lines)

    def rebuild(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self._texts = None
        self._cache.clear()

    def _folded(self) -> list[str]:
        if self._texts is None:
            self._texts = [fold(line.text) for line in self._lines]
        return self._texts

    def update(self, row: int, line: Line) -> None:
        if self._texts is not None:
            self._texts[row] = fold(line.text)
        self._cache.clear()  # any result may have gained or lost this row

    def matches(self, filt: LineFilter, within: Sequence[int] | None = None) -> list[int]:
        """Rows (ascending) of the lines ``filt`` accepts, looked for among ``within`` if given
        (ascending rows the caller knows to hold every match), else among the narrowest earlier
        result that must contain this one, else among all rows."""
        needle = filt.needle
        others = LineFilter(
            status=filt.status, has_notes=filt.has_notes, tag=filt.tag, speaker=filt.speaker
        )
        key = (needle, others)
        if within is None:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return list(hit)
            within = self._narrowest(needle, others)
        texts = self._folded()
        if needle:
            if within is None:
                rows = [r for r, t in enumerate(texts) if needle in t]
            else:
                rows = [r for r in within if needle in texts[r]]
        else:
            rows = list(range(len(texts))) if within is None else list(within)
        rows = self._apply_others(rows, others)
        self._cache[key] = rows
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return list(rows)

    def _narrowest(self, needle: str, others: LineFilter) -> list[int] | None:
        """The smallest cached result whose query this one refines: a needle containing the
        earlier needle, with the same other filters (or the earlier one had none)."""
        best: list[int] | None = None
        for (old_needle, old_others), rows in self._cache.items():
            refines = old_needle in needle and (old_others == others or old_others.others_empty())
            if refines and (best is None or len(rows) < len(best)):
                best = rows
        return best

    def _apply_others(self, rows: list[int], f: LineFilter) -> list[int]:
        lines = self._lines
        if f.status is not None:
            status = f.status
            rows = [r for r in rows if lines[r].status == status]
        if f.speaker is not None:
            speaker = f.speaker
            rows = [r for r in rows if lines[r].speaker == speaker]
        if f.has_notes:
            rows = [r for r in rows if lines[r].notes]
        if f.tag is not None:
            tag = f.tag
            rows = [r for r in rows if any(h.tag == tag for h in lines[r].highlights)]
        return rows


# -- "next flagged", "next unreviewed", "next note" ------------------------------------------

Predicate = Callable[[Line], bool]


def is_flagged(line: Line) -> bool:
    return line.status == "flagged"


def is_unreviewed(line: Line) -> bool:
    return line.status == "unreviewed"


def has_note(line: Line) -> bool:
    return bool(line.notes)


def next_row(
    lines: Sequence[Line],
    start_row: int,
    predicate: Predicate,
    *,
    wrap: bool = True,
    within: Sequence[int] | None = None,
) -> int | None:
    """The first row after ``start_row`` whose line satisfies ``predicate``; past the end it
    wraps to the top (unless ``wrap`` is False) and stops before ``start_row``. ``start_row`` -1
    searches from the top. ``within`` (ascending rows, e.g. a filtered view's) limits the search
    to those rows. None when no other line matches."""
    rows: Sequence[int] = range(len(lines)) if within is None else within
    split = bisect_right(rows, start_row)
    first = bisect_left(rows, start_row)  # rows before start_row, start_row itself excluded
    order = chain(rows[split:], rows[:first] if wrap else ())
    return next((row for row in order if predicate(lines[row])), None)
