"""Inline styling kept beside the plain text: italic, bold, underline, colour, WebVTT classes.

Design. ``Line.text`` stays plain: search, spelling, review, highlights (character offsets into
the text) and every export that knows nothing of styling work on it unchanged. The styling the
source carried is a list of :class:`~app.core.transcript.StyleRun` (start, end, kind, value)
over that plain text, in ``Line.styles``; a WebVTT cue's id and settings are kept as written in
``Line.cue_id`` / ``Line.cue_settings``. Readers fill them, writers put them back where the
format has a way to say it (SubRip tags, WebVTT tags, ASS overrides, project JSON; italic and
bold runs in HTML, DOCX and PDF), and drop the rest of what another format cannot carry.

Kinds (:data:`KINDS`): ``i`` ``b`` ``u`` ``s`` (strike, SubRip and ASS only), ``color`` (value:
the colour as written, ``#ff0000`` or ``red``: SubRip's ``<font color>``), ``class`` (value:
WebVTT classes joined by ".", ``yellow`` or ``yellow.bg_blue``: ``<c.yellow>``), ``lang``
(value: a language tag: WebVTT ``<lang en>``). A voice (``<v Name>``) is the line's speaker.

Runs are kept canonical (:func:`clean_runs`): inside the text, non-empty, runs of one kind and
value never overlapping or touching (they are joined), sorted by start. Editing keeps them sane:
a text edit maps every run as highlights are mapped (an insertion inside a run grows it, text
deleted from it shrinks it, a run whose every character went is dropped); split clips the runs
into both parts; merge shifts the second line's and joins a run that ends the first text to
the same run starting the second, so split then merge gives back the runs it started from.
Undo does not map runs back (a deleted italic word would come back plain): the window keeps
each edit's runs before and after and the library puts them back as they were
(app.store.line_styles). A newline between two rows is styled when a run goes on across it.

Markup out: :func:`render` nests tags properly (a run that overlaps another is closed and
opened again around it), escaping the text between tags as the format needs.
Markup in: a reader that cleans rows after finding the tags (SubRip, ASS) replaces each tag by
a private-use marker character (:class:`Markers`), lets its row cleaning move the markers along
with the text, and takes the runs back out at the end (:meth:`Markers.extract`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from app.core.review import rebase_highlights
from app.core.transcript import Highlight, StyleRun

__all__ = [
    "KINDS",
    "WEBVTT_COLOURS",
    "Markers",
    "clean_runs",
    "drop_blank_rows",
    "merge_runs",
    "rebase_runs",
    "render",
    "runs_from_json",
    "runs_json",
    "slice_runs",
    "split_runs",
]

KINDS: tuple[str, ...] = ("i", "b", "u", "s", "color", "class", "lang")
#: The colour classes every WebVTT player knows (the spec's default style sheet).
WEBVTT_COLOURS = frozenset({"white", "lime", "cyan", "red", "yellow", "magenta", "blue", "black"})


def clean_runs(runs: Iterable[StyleRun], length: int) -> list[StyleRun]:
    """Canonical runs: clipped to ``[0, length)``, empty ones gone, overlapping or touching
    runs of one kind and value joined, sorted by (start, longest first, kind, value)."""
    by_key: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for run in runs:
        start, end = max(0, run.start), min(length, run.end)
        if start < end and run.kind in KINDS:
            by_key.setdefault((run.kind, run.value), []).append((start, end))
    out: list[StyleRun] = []
    for (kind, value), spans in by_key.items():
        spans.sort()
        lo, hi = spans[0]
        for start, end in spans[1:]:
            if start <= hi:
                hi = max(hi, end)
            else:
                out.append(StyleRun(lo, hi, kind, value))
                lo, hi = start, end
        out.append(StyleRun(lo, hi, kind, value))
    out.sort(key=lambda r: (r.start, -r.end, KINDS.index(r.kind), r.value))
    return out


def slice_runs(runs: Iterable[StyleRun], lo: int, hi: int) -> list[StyleRun]:
    """The runs over ``text[lo:hi]``, as offsets into that slice."""
    return [
        StyleRun(max(r.start, lo) - lo, min(r.end, hi) - lo, r.kind, r.value)
        for r in runs
        if max(r.start, lo) < min(r.end, hi)
    ]


# -- editing -----------------------------------------------------------------------------------


def rebase_runs(old_text: str, new_text: str, runs: Sequence[StyleRun]) -> list[StyleRun]:
    """The runs moved from ``old_text`` to ``new_text`` so each stays on the same characters:
    mapped exactly as highlights are (app.core.review.rebase_highlights)."""
    if not runs or old_text == new_text:
        return list(runs)
    as_marks = [Highlight(r.start, r.end, r.kind, r.value) for r in runs]
    kept, _dropped = rebase_highlights(old_text, new_text, as_marks)
    moved = (StyleRun(h.start, h.end, h.tag, h.color) for h in kept)
    return clean_runs(moved, len(new_text))


def split_runs(
    runs: Sequence[StyleRun], left_end: int, right_start: int, length: int
) -> tuple[list[StyleRun], list[StyleRun]]:
    """Runs of a line cut into ``text[:left_end]`` and ``text[right_start:]`` (what
    app.core.editing.split_line keeps of each side)."""
    return slice_runs(runs, 0, left_end), slice_runs(runs, right_start, length)


def merge_runs(
    first: Sequence[StyleRun],
    first_len: int,
    second: Sequence[StyleRun],
    second_len: int,
    sep: int,
) -> list[StyleRun]:
    """Runs of ``first_text + " " * sep + second_text``: the second's shifted; a run ending
    the first text and the same run starting the second become one across the separator."""
    shift = first_len + sep
    seconds = [replace(r, start=r.start + shift, end=r.end + shift) for r in second]
    firsts = list(first)
    if sep:
        for i, run in enumerate(firsts):
            if run.end != first_len:
                continue
            same = (run.kind, run.value)
            partner = next(
                (r for r in seconds if r.start == shift and (r.kind, r.value) == same), None
            )
            if partner is not None:
                firsts[i] = replace(run, end=partner.end)
                seconds.remove(partner)
    return clean_runs(firsts + seconds, shift + second_len)


def drop_blank_rows(
    text: str, runs: Sequence[StyleRun], *, blanks: str = " \t", trim: bool = False
) -> tuple[str, list[StyleRun]]:
    """The text without its blank rows (and, with ``trim``, each row without ``blanks`` at its
    ends), and the runs mapped onto it: what a subtitle writer must do before writing a cue.
    Any "\r\n" or "\r" counts as a newline."""
    if "\r" in text:
        unified = text.replace("\r\n", "\n").replace("\r", "\n")
        runs, text = rebase_runs(text, unified, runs), unified
    if "\n" not in text and not (trim and text != text.strip(blanks)):
        return text, clean_runs(runs, len(text))
    pieces: list[tuple[int, int, int]] = []  # (lo, hi, its newline) of each kept row
    at = 0
    for row in text.split("\n"):
        lo, hi = at, at + len(row)
        at = hi + 1
        if not row.strip(blanks):
            continue
        newline = hi
        if trim:
            lo += len(row) - len(row.lstrip(blanks))
            hi -= len(row) - len(row.rstrip(blanks))
        pieces.append((lo, hi, newline))
    mapped: list[StyleRun] = []
    offset = 0
    for k, (lo, hi, newline) in enumerate(pieces):
        mapped.extend(
            replace(r, start=r.start + offset, end=r.end + offset) for r in slice_runs(runs, lo, hi)
        )
        offset += hi - lo
        if k + 1 < len(pieces):
            # The newline after a kept row is styled when the old one after it was.
            mapped.extend(
                StyleRun(offset, offset + 1, r.kind, r.value)
                for r in runs
                if r.start <= newline < r.end
            )
            offset += 1
    new_text = "\n".join(text[lo:hi] for lo, hi, _ in pieces)
    return new_text, clean_runs(mapped, len(new_text))


# -- markup out --------------------------------------------------------------------------------

Tags = Callable[[StyleRun], "tuple[str, str] | None"]


def render(
    text: str,
    runs: Sequence[StyleRun],
    tags: Tags,
    escape: Callable[[str], str] = lambda s: s,
) -> str:
    """``text`` with each run's (opening, closing) tag around it, properly nested.

    ``tags`` gives a run's tags, or None for a run the format cannot carry (left out). The text
    between tags goes through ``escape``.
    """
    wanted = [(r, t) for r in clean_runs(runs, len(text)) if (t := tags(r)) is not None]
    if not wanted:
        return escape(text)
    cuts = sorted({0, len(text), *(r.start for r, _ in wanted), *(r.end for r, _ in wanted)})
    out: list[str] = []
    stack: list[tuple[StyleRun, tuple[str, str]]] = []
    for k, lo in enumerate(cuts[:-1]):
        hi = cuts[k + 1]
        active = [(r, t) for r, t in wanted if r.start <= lo and hi <= r.end]
        keep = 0  # how much of the open stack goes on: its longest prefix still active
        while keep < len(stack) and keep < len(active) and stack[keep][0] == active[keep][0]:
            keep += 1
        while len(stack) > keep:
            out.append(stack.pop()[1][1])
        for run, pair in active[keep:]:
            out.append(pair[0])
            stack.append((run, pair))
        out.append(escape(text[lo:hi]))
    while stack:
        out.append(stack.pop()[1][1])
    return "".join(out)


# -- markup in ---------------------------------------------------------------------------------

_FIRST_MARK = 0xE000
_LAST_MARK = 0xF8FF


class Markers:
    """Tags swapped for private-use characters while a reader cleans a cue's rows.

    ``mark(True, "i")`` gives the character standing for an opening ``<i>``; after the rows are
    cleaned, ``extract(text)`` removes the markers and returns the runs they make. A closing
    marker closes the latest open run of its kind; a run never closed goes to the end of the
    text (as players show it); a close with nothing open is dropped. Text that already holds a
    private-use character cannot be marked: ``usable`` says so, and the caller then drops tags.
    """

    __slots__ = ("_table",)

    def __init__(self) -> None:
        self._table: list[tuple[bool, str, str]] = []

    @staticmethod
    def usable(text: str) -> bool:
        return not any(_FIRST_MARK <= ord(c) <= _LAST_MARK for c in text if c >= "\ue000")

    def mark(self, opening: bool, kind: str, value: str = "") -> str:
        if _FIRST_MARK + len(self._table) > _LAST_MARK:
            return ""  # thousands of tags in one cue: the rest are dropped
        self._table.append((opening, kind, value))
        return chr(_FIRST_MARK + len(self._table) - 1)

    def strip(self, text: str) -> str:
        """``text`` without markers (to test whether a row holds anything else)."""
        if not self._table:
            return text
        last = chr(_FIRST_MARK + len(self._table) - 1)
        return "".join(c for c in text if not "\ue000" <= c <= last)

    def trim(self, row: str, blanks: str) -> str:
        """``row.strip(blanks)`` as if the markers were not there: blanks between a marker and
        the row's end go, the markers stay."""
        if not self._table:
            return row.strip(blanks)
        last = chr(_FIRST_MARK + len(self._table) - 1)

        def lead(chars: str) -> str:
            out, skipping = [], True
            for char in chars:
                if skipping and char in blanks:
                    continue
                if not "\ue000" <= char <= last:
                    skipping = False
                out.append(char)
            return "".join(out)

        return lead(lead(row)[::-1])[::-1]

    def collapse(self, row: str) -> str:
        """``" ".join(row.split())`` as if the markers were not there: a word of markers only
        joins the next word (or the last one), so the plain text gets no extra space."""
        out: list[str] = []
        pending = ""
        for word in row.split():
            if not self.strip(word):
                pending += word
                continue
            out.append(pending + word)
            pending = ""
        if pending:
            out.append(out.pop() + pending if out else pending)
        return " ".join(out)

    def extract(self, text: str) -> tuple[str, list[StyleRun]]:
        if not self._table:
            return text, []
        last = chr(_FIRST_MARK + len(self._table) - 1)
        plain: list[str] = []
        size = 0
        open_runs: list[tuple[str, str, int]] = []
        runs: list[StyleRun] = []
        for char in text:
            if not "\ue000" <= char <= last:
                plain.append(char)
                size += 1
                continue
            opening, kind, value = self._table[ord(char) - _FIRST_MARK]
            if opening:
                open_runs.append((kind, value, size))
                continue
            for k in range(len(open_runs) - 1, -1, -1):
                if open_runs[k][0] == kind:
                    _, was, start = open_runs.pop(k)
                    runs.append(StyleRun(start, size, kind, was))
                    break
        runs.extend(StyleRun(start, size, kind, value) for kind, value, start in open_runs)
        # <font face=...> opens a colour run without a colour: nothing to keep.
        kept = (r for r in runs if r.value or r.kind != "color")
        return "".join(plain), clean_runs(kept, size)


# -- stored form -------------------------------------------------------------------------------


def runs_json(runs: Sequence[StyleRun]) -> str:
    """Compact JSON rows ``[start, end, kind, value]`` (the value left out when empty)."""
    rows = [[r.start, r.end, r.kind, *([r.value] if r.value else [])] for r in runs]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def runs_from_json(raw: object) -> list[StyleRun]:
    """Runs from :func:`runs_json` text or its decoded list; ValueError (one line) when it is
    not that shape."""
    rows = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(rows, list):
        raise ValueError("styles must be a list of [start, end, kind, value] rows")
    out: list[StyleRun] = []
    for row in rows:
        if (
            not isinstance(row, list)
            or len(row) not in (3, 4)
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in row[:2])
            or not all(isinstance(v, str) for v in row[2:])
            or row[2] not in KINDS
        ):
            raise ValueError(f"a style run is not [start, end, kind, value]: {str(row)[:60]}")
        out.append(StyleRun(row[0], row[1], row[2], row[3] if len(row) == 4 else ""))
    return out
