"""Editing a transcript: times, split and merge, shifts, find and replace, word diffs.

Pure functions over app.core.transcript values: the store writes what they compute, the UI's
undo commands keep what they return. Nothing here changes its arguments; every result is a copy.
Split then merge gives back the line it started from (text, times, notes, highlights, ids) when
the cut is at a single space, so an editor can undo a split by merging again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from app.core.styling import merge_runs, split_runs
from app.core.timecode import format_hms
from app.core.transcript import Highlight, Line, Origin

__all__ = [
    "CORRECTIONS",
    "check_times",
    "compile_find",
    "copy_line",
    "corrections",
    "imported_lines",
    "is_retimed",
    "kept_original_times",
    "merge_lines",
    "replace_in_text",
    "shift_times",
    "split_line",
    "text_edited",
    "word_diff",
]


def check_times(start_ms: int, end_ms: int) -> None:
    """ValueError, with a message for the user, unless 0 <= start <= end."""
    if start_ms < 0:
        raise ValueError("The start cannot be negative")
    if end_ms < start_ms:
        raise ValueError(
            f"The end ({format_hms(max(0, end_ms))}) is before the start ({format_hms(start_ms)})"
        )


def copy_line(line: Line, **changes: object) -> Line:
    """A copy whose notes, highlights and words are copies too: safe to change on its own."""
    fresh = replace(
        line,
        notes=[replace(n) for n in line.notes],
        highlights=[replace(h) for h in line.highlights],
        words=[replace(w) for w in line.words],
        styles=list(line.styles),
    )
    return replace(fresh, **changes) if changes else fresh  # type: ignore[arg-type]


def _original(text: str, original: str) -> str | None:
    return None if original == text else original


# -- what a line was ---------------------------------------------------------------------------


def text_edited(line: Line) -> bool:
    """The line's text is not the one it was imported (or merged, or split) with."""
    return line.original_text is not None and line.original_text != line.text


def is_retimed(line: Line) -> bool:
    """The line's start or end is not the one it was imported (or merged, or split) with."""
    if line.original_start_ms is None or line.original_end_ms is None:
        return False
    return (line.original_start_ms, line.original_end_ms) != (line.start_ms, line.end_ms)


#: The kinds of correction a line can carry, in the order the Changes list shows them.
CORRECTIONS = ("merged", "split", "text", "times")


def corrections(line: Line) -> list[str]:
    """What was corrected on the line, of CORRECTIONS, in that order ([] for a line as imported).
    (A speaker's change is not listed: the library keeps no imported speaker.)"""
    kinds = [line.origin.kind] if line.origin is not None else []
    if text_edited(line):
        kinds.append("text")
    if is_retimed(line):
        kinds.append("times")
    return kinds


def kept_original_times(line: Line, start_ms: int, end_ms: int) -> tuple[int | None, int | None]:
    """The line's (original_start_ms, original_end_ms) once it is re-timed to start..end: its
    imported times, kept while the new ones differ from them, (None, None) once they are back.
    The rule the store's timing writes follow (app.store.edit_times_speakers)."""
    was_start = line.start_ms if line.original_start_ms is None else line.original_start_ms
    was_end = line.end_ms if line.original_end_ms is None else line.original_end_ms
    if (was_start, was_end) == (start_ms, end_ms):
        return None, None
    return was_start, was_end


def imported_lines(line: Line) -> tuple[tuple[int, int, str], ...]:
    """The lines as imported this one is made of, each (start_ms, end_ms, text): itself as it
    was imported, or what a merge or a split made it from."""
    if line.origin is not None:
        return line.origin.lines
    start = line.start_ms if line.original_start_ms is None else line.original_start_ms
    end = line.end_ms if line.original_end_ms is None else line.original_end_ms
    return ((start, end, line.original),)


# -- split and merge ---------------------------------------------------------------------------


def _clip(mark: Highlight, lo: int, hi: int, shift: int, keep_id: bool) -> Highlight | None:
    start, end = max(mark.start, lo), min(mark.end, hi)
    if start >= end:
        return None
    return replace(mark, start=start - shift, end=end - shift, id=mark.id if keep_id else None)


def split_line(line: Line, at_char: int, at_ms: int | None = None) -> tuple[Line, Line]:
    """Cut the line before character ``at_char``: (first part, second part).

    Whitespace at the cut goes; either part left empty is refused (ValueError). The time is cut
    at ``at_ms`` when it falls inside the line, else in proportion to the two texts' lengths.
    The first part keeps the id, the notes and the "never edited" state; highlights go with their
    words (one across the cut is clipped into both, the second copy without an id); words with
    their own timing go to the part their start falls in.
    """
    text = line.text
    head = text[:at_char].rstrip() if 0 <= at_char <= len(text) else ""
    rest = text[at_char:] if 0 <= at_char <= len(text) else ""
    tail = rest.lstrip()
    if not head.strip() or not tail.strip():
        raise ValueError("Both parts of a split line need some text: cut between two words.")
    left_end, right_start = len(head), at_char + len(rest) - len(tail)

    start, end = line.start_ms, line.end_ms
    if at_ms is not None and start < at_ms < end:
        cut_ms = at_ms
    else:
        cut_ms = start + round((end - start) * len(head) / (len(head) + len(tail)))
        cut_ms = min(max(cut_ms, start), max(start, end))

    first_marks: list[Highlight] = []
    second_marks: list[Highlight] = []
    for mark in line.highlights:
        left = _clip(mark, 0, left_end, 0, keep_id=True)
        right = _clip(mark, right_start, len(text), right_start, keep_id=left is None)
        if left is not None:
            first_marks.append(left)
        if right is not None:
            second_marks.append(right)

    cut_word = next((i for i, w in enumerate(line.words) if w.start_ms >= cut_ms), len(line.words))
    if line.original_text is None:
        first_original: str | None = None
        second_original: str | None = None
    else:  # the import's words stay with the first part; the second part's were all added
        first_original, second_original = _original(head, line.original_text), ""
    first_styles, second_styles = split_runs(line.styles, left_end, right_start, len(text))
    # Both parts remember the line they were cut from, times and all: their own times are new.
    origin = Origin("split", imported_lines(line))
    base = copy_line(line, original_start_ms=None, original_end_ms=None, origin=origin)
    first = replace(
        base,
        end_ms=cut_ms,
        text=head,
        original_text=first_original,
        highlights=first_marks,
        words=base.words[:cut_word],
        styles=first_styles,
    )
    second = replace(
        base,
        start_ms=cut_ms,
        text=tail,
        original_text=second_original,
        notes=[],
        highlights=second_marks,
        words=base.words[cut_word:],
        styles=second_styles,
        id=None,
        cue_id="",
    )
    return first, second


def _join(a: str, b: str) -> str:
    return f"{a} {b}" if a and b else a + b


def _merged_status(a: str, b: str) -> str:
    if a == b:
        return a
    if "flagged" in (a, b):
        return "flagged"
    if "unreviewed" in (a, b):
        return "unreviewed"
    return "approved"


def merge_lines(first: Line, second: Line) -> Line:
    """One line of the two, ``first`` before ``second``: texts joined by one space.

    Keeps the first line's id and its highlights' and notes' ids; a highlight ending the first
    text and one of the same tag, colour and note starting the second become one again (what a
    split cut in two). The status is the least settled of the two (flagged, unreviewed,
    approved).
    """
    a, b = copy_line(first), copy_line(second)
    sep = 1 if a.text and b.text else 0
    shift = len(a.text) + sep
    seconds = [replace(h, start=h.start + shift, end=h.end + shift) for h in b.highlights]
    if sep:
        for i, mark in enumerate(a.highlights):
            if mark.end != len(a.text):
                continue
            partner = next(
                (
                    h
                    for h in seconds
                    if h.start == shift
                    and (h.tag, h.color, h.note) == (mark.tag, mark.color, mark.note)
                ),
                None,
            )
            if partner is not None:
                a.highlights[i] = replace(mark, end=partner.end)
                seconds.remove(partner)
    text = _join(a.text, b.text)
    original = _join(a.original, b.original)
    start, end = a.start_ms, max(a.end_ms, b.end_ms)
    made_of = tuple(dict.fromkeys(imported_lines(a) + imported_lines(b)))  # a split's parts: once
    origin: Origin | None = Origin("merged" if len(made_of) > 1 else "split", made_of)
    original_times: tuple[int | None, int | None] = (None, None)
    if len(made_of) == 1 and made_of[0][2] == original:
        # The parts of one split line joined again: that line, with its imported times.
        origin = None
        if made_of[0][:2] != (start, end):
            original_times = made_of[0][:2]
    return Line(
        start_ms=start,
        end_ms=end,
        text=text,
        speaker=a.speaker or b.speaker,
        end_inferred=b.end_inferred,
        original_text=_original(text, original),
        status=_merged_status(a.status, b.status),
        notes=a.notes + b.notes,
        highlights=a.highlights + seconds,
        id=a.id,
        words=a.words + b.words,
        styles=merge_runs(a.styles, len(a.text), b.styles, len(b.text), sep),
        cue_id=a.cue_id,
        cue_settings=a.cue_settings,
        original_start_ms=original_times[0],
        original_end_ms=original_times[1],
        origin=origin,
    )


def shift_times(lines: Sequence[Line], offset_ms: int) -> list[Line]:
    """Copies moved by ``offset_ms`` (words too); ValueError if a start would go below zero."""
    if lines and offset_ms < 0:
        earliest = min(line.start_ms for line in lines)
        if earliest + offset_ms < 0:
            raise ValueError(
                f"Moving {format_hms(-offset_ms)} earlier would put the line at "
                f"{format_hms(earliest)} before the start of the media."
            )
    shifted = []
    for line in lines:
        copy = copy_line(line, start_ms=line.start_ms + offset_ms, end_ms=line.end_ms + offset_ms)
        for word in copy.words:
            word.start_ms += offset_ms
            word.end_ms += offset_ms
        shifted.append(copy)
    return shifted


# -- find and replace --------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _compiled(pattern: str, regex: bool, whole_words: bool, case: bool) -> re.Pattern[str]:
    if not pattern:
        raise ValueError("Type something to find.")
    body = pattern if regex else re.escape(pattern)
    if whole_words:  # not \b: a pattern may begin or end with punctuation
        body = rf"(?<!\w)(?:{body})(?!\w)"
    try:
        return re.compile(body, 0 if case else re.IGNORECASE)
    except re.error as err:
        where = f" (at character {err.pos + 1})" if err.pos is not None else ""
        raise ValueError(f"This is not a valid regular expression: {err.msg}{where}.") from None


def compile_find(
    pattern: str, *, regex: bool = False, whole_words: bool = False, case: bool = False
) -> re.Pattern[str]:
    """The compiled search; ValueError with a readable message for an empty or bad pattern."""
    return _compiled(pattern, regex, whole_words, case)


def replace_in_text(
    text: str,
    pattern: str,
    replacement: str,
    *,
    regex: bool = False,
    whole_words: bool = False,
    case: bool = False,
) -> tuple[str, int]:
    """(new text, number of replacements). With ``regex`` the replacement may use ``\\1`` and
    ``\\g<name>``; otherwise it is taken literally."""
    found = _compiled(pattern, regex, whole_words, case)
    template = replacement if regex else replacement.replace("\\", "\\\\")
    try:
        return found.subn(template, text)
    except (re.error, IndexError) as err:
        raise ValueError(f"The replacement cannot be used: {err}.") from None


# -- what changed ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Runs of ("equal" | "delete" | "insert", text), word by word, old to new.

    Joining the "equal" and "delete" runs gives ``old``; "equal" and "insert" give ``new``. A
    lone space between two changed words belongs to the change, so "the cat" -> "a dog" reads as
    one deletion and one insertion rather than two of each.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    runs: list[tuple[str, str]] = []
    gone: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if gone:
            runs.append(("delete", "".join(gone)))
        if added:
            runs.append(("insert", "".join(added)))
        gone.clear()
        added.clear()

    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            same = "".join(a[i1:i2])
            between = bool(gone and added) and i + 1 < len(ops)
            if between and same.isspace():
                gone.append(same)
                added.append(same)
                continue
            flush()
            if runs and runs[-1][0] == "equal":
                runs[-1] = ("equal", runs[-1][1] + same)
            else:
                runs.append(("equal", same))
            continue
        gone.extend(a[i1:i2])
        added.extend(b[j1:j2])
    flush()
    return runs
