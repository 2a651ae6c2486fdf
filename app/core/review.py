"""Review of a transcript: line statuses, highlight tags, and highlights that follow their words.

Pure Python like the rest of app.core: the store validates with it, the UI shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from app.core.transcript import STATUSES, Highlight

__all__ = [
    "DEFAULT_TAGS",
    "Tag",
    "normalise_color",
    "normalise_status",
    "rebase_highlights",
    "review_progress",
    "reviewed_percent",
]

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

Opcode = tuple[str, int, int, int, int]


def normalise_color(color: str) -> str:
    """``#rrggbb`` in lower case; ValueError for anything else."""
    value = color.strip()
    if not _COLOR.fullmatch(value):
        raise ValueError(f"{color!r} is not a colour written as #rrggbb.")
    return value.lower()


def normalise_status(status: str) -> str:
    """One of STATUSES, whatever the case and surrounding spaces; ValueError otherwise."""
    value = status.strip().lower()
    if value not in STATUSES:
        raise ValueError(f"Unknown review status {status!r}: use one of {', '.join(STATUSES)}.")
    return value


def review_progress(statuses: Iterable[str]) -> tuple[int, int]:
    """(reviewed, total): a line is reviewed once its status is anything but "unreviewed"."""
    reviewed = total = 0
    for status in statuses:
        total += 1
        reviewed += status != "unreviewed"
    return reviewed, total


def reviewed_percent(reviewed: int, total: int) -> int:
    """The one rounding rule for "26% reviewed" wherever it is shown (status bar, projects,
    exports): the nearest whole percent, but never 100 before the last line is reviewed and
    never 0 once one is, so the figure never claims "done" or "not started" wrongly."""
    if total <= 0:
        return 0
    percent = round(100 * reviewed / total)
    if reviewed < total:
        percent = min(percent, 99)
    if reviewed > 0:
        percent = max(percent, 1)
    return percent


@dataclass(frozen=True, slots=True)
class Tag:
    """A kind of highlight (Quote, Error, ...); the set is kept per library."""

    name: str
    color: str  # "#rrggbb"

    def __post_init__(self) -> None:
        name = self.name.strip()
        if not name:
            raise ValueError("A tag needs a name.")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "color", normalise_color(self.color))


#: The tags a new library starts with; light enough that black text stays readable on them.
DEFAULT_TAGS: tuple[Tag, ...] = (
    Tag("Quote", "#f9d65c"),
    Tag("Fact-check", "#7cc4f5"),
    Tag("Error", "#f28b82"),
    Tag("Unclear", "#c7a4f5"),
)


# -- highlights that stay on their words -------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def _diff(old: str, new: str, prefix: int, suffix: int) -> list[Opcode]:
    """Opcodes from old to new: the common ends kept as they are, only the middle diffed.

    Trimming first keeps a typical edit (one place changed) from being misaligned by
    SequenceMatcher's longest-block heuristic, and keeps it cheap on long lines.
    """
    tail = min(suffix, len(old) - prefix, len(new) - prefix)
    ops: list[Opcode] = [("equal", 0, prefix, 0, prefix)] if prefix else []
    # Compared case-blind, one item per character: "Welcome" -> "Oh, welcome" is an insertion.
    a = [c.lower() for c in old[prefix : len(old) - tail]]
    b = [c.lower() for c in new[prefix : len(new) - tail]]
    from difflib import SequenceMatcher  # here: reading a file never diffs, and starts sooner

    middle = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        ops.append((tag, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix))
    if tail:
        ops.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return ops


def _map_start(ops: Sequence[Opcode], first: int) -> int:
    """Where the highlight starting at old character ``first`` starts in the new text."""
    for tag, i1, i2, j1, j2 in ops:
        if i1 <= first < i2:
            if tag == "equal":
                return j1 + first - i1
            if tag == "delete":
                return j1  # the next surviving character lands here
            return j1 + (first - i1) * (j2 - j1) // (i2 - i1)  # replaced: in proportion
    raise AssertionError("offset outside the old text")  # pragma: no cover


def _map_end(ops: Sequence[Opcode], end: int) -> int:
    """Where a highlight ending (exclusive) at old offset ``end`` ends in the new text."""
    for tag, i1, i2, j1, j2 in ops:
        if i1 < end <= i2:
            if tag == "equal":
                return j1 + end - i1
            if tag == "delete":
                return j1
            return j1 - (-(end - i1) * (j2 - j1) // (i2 - i1))  # ceiling division
    raise AssertionError("offset outside the old text")  # pragma: no cover


def _single_edit_ops(
    old: str, new: str, prefix: int, suffix: int, start: int, end: int
) -> list[Opcode] | None:
    """Opcodes for a pure insertion or deletion placed, when ambiguous, outside the highlight.

    Typing "a" before "ab" cannot be told from typing it after the first "a"; of the places that
    give the same new text, take one that leaves the highlight [start, end) whole.
    """
    grow = len(new) - len(old)
    if grow > 0 and prefix + suffix >= len(old):
        lo, hi = max(0, len(old) - suffix), min(prefix, len(old))
        at = min(hi, start) if lo <= start else (max(lo, end) if hi >= end else lo)
        ops: list[Opcode] = [("equal", 0, at, 0, at), ("insert", at, at, at, at + grow)]
        return [*ops, ("equal", at, len(old), at + grow, len(new))]
    cut = -grow
    if cut > 0 and prefix + suffix >= len(new):
        lo, hi = max(0, len(new) - suffix), min(prefix, len(new))
        at = min(hi, start - cut) if lo + cut <= start else (max(lo, end) if hi >= end else lo)
        ops = [("equal", 0, at, 0, at), ("delete", at, at + cut, at, at)]
        return [*ops, ("equal", at + cut, len(old), at, len(new))]
    return None


def rebase_highlights(
    old_text: str, new_text: str, highlights: Sequence[Highlight]
) -> tuple[list[Highlight], list[Highlight]]:
    """Move highlights from ``old_text`` to ``new_text`` so each stays on the same words.

    Returns (kept, dropped): kept are copies with new offsets (same id, tag, colour and note), in
    the given order; dropped are the given highlights whose every character was deleted. Text
    inserted or deleted outside a highlight leaves its highlighted text identical; an insertion
    inside it widens it; a replacement overlapping it is mapped in proportion.
    """
    prefix, suffix = _common_prefix(old_text, new_text), _common_suffix(old_text, new_text)
    general: list[Opcode] | None = None
    kept: list[Highlight] = []
    dropped: list[Highlight] = []
    for highlight in highlights:
        start = max(0, min(highlight.start, len(old_text)))
        end = max(0, min(highlight.end, len(old_text)))
        if start >= end:
            dropped.append(highlight)
            continue
        ops = _single_edit_ops(old_text, new_text, prefix, suffix, start, end)
        if ops is None:
            if general is None:
                general = _diff(old_text, new_text, prefix, suffix)
            ops = general
        new_start, new_end = _map_start(ops, start), _map_end(ops, end)
        if new_start < new_end:
            kept.append(replace(highlight, start=new_start, end=new_end))
        else:
            dropped.append(highlight)
    return kept, dropped
