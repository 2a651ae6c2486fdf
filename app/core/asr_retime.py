"""Re-timing: a transcript's text laid on the words a recogniser heard, to give every line (and
every word) the time it is spoken.

Each transcript token gets a time from the alignment (app.core.asr_align): a token matched to a
heard one takes its time; a stretch the recogniser heard differently shares out the heard
words' time by length; tokens nothing was heard for are placed beside their line's timed words
at a speaking pace, or, for whole lines with nothing matched, spread over the gap their
neighbours leave. A line is *anchored* when at least one of its words matched a heard word;
the others are interpolated and listed so a reviewer can check them.

The result is a list of edits ``(line_id, start_ms, end_ms)`` that the window applies as one
undo step, with the lines' word timings beside them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from app.core.asr_align import align, display_words, heard_tokens, text_tokens
from app.core.checks import format_seconds
from app.core.plural import plural
from app.core.transcript import Line, Word

__all__ = ["RetimeResult", "RetimedLine", "retime", "snap_to_speech"]

_MS_PER_CHAR = 70  # a speaking pace for words nothing was heard for (~14 characters a second)


@dataclass(frozen=True, slots=True)
class RetimedLine:
    row: int
    line_id: int | None
    old_start_ms: int
    old_end_ms: int
    start_ms: int
    end_ms: int
    words: tuple[Word, ...]
    anchored: bool

    @property
    def moved_ms(self) -> int:
        """How far the start moved (positive: later)."""
        return self.start_ms - self.old_start_ms

    @property
    def changed(self) -> bool:
        return (self.start_ms, self.end_ms) != (self.old_start_ms, self.old_end_ms)


@dataclass(frozen=True, slots=True)
class RetimeResult:
    lines: tuple[RetimedLine, ...]  # the lines asked for, in row order

    @property
    def edits(self) -> list[tuple[int, int, int]]:
        """(line_id, start_ms, end_ms) of every stored line whose times change."""
        return [
            (r.line_id, r.start_ms, r.end_ms)
            for r in self.lines
            if r.changed and r.line_id is not None
        ]

    @property
    def timings(self) -> list[tuple[int, int, int, tuple[Word, ...]]]:
        """(line_id, start_ms, end_ms, words) of every stored line whose times change, as the
        library's set_timings takes them (one undo step)."""
        return [
            (r.line_id, r.start_ms, r.end_ms, r.words)
            for r in self.lines
            if r.changed and r.line_id is not None
        ]

    @property
    def unanchored(self) -> list[int]:
        """Rows whose times were interpolated: nothing in them matched the audio."""
        return [r.row for r in self.lines if not r.anchored]

    def report(self) -> list[str]:
        """What happened, for a person: a summary line, then one line per row that moved."""
        moved = [r for r in self.lines if r.changed]
        out = [
            f"{len(moved):,} of {plural(len(self.lines), 'line')} re-timed; "
            f"{len(self.unanchored)} interpolated (nothing in them matched the audio)"
        ]
        for r in moved:
            way = "later" if r.moved_ms > 0 else "earlier"
            how = "" if r.anchored else " (interpolated)"
            amount = format_seconds(r.moved_ms)
            out.append(f"line {r.row + 1}: start {amount} {way}{how}")
        return out


class _Times:
    """Start and end of every transcript token, filled in steps."""

    def __init__(self, count: int) -> None:
        self.start: list[int | None] = [None] * count
        self.end: list[int | None] = [None] * count
        self.confidence: list[float | None] = [None] * count

    def set(self, i: int, start: int, end: int, confidence: float | None = None) -> None:
        self.start[i], self.end[i], self.confidence[i] = start, max(start, end), confidence


def _from_alignment(lines: Sequence[Line], words: Sequence[Word]) -> tuple[_Times, list[int]]:
    """Token times from the alignment, and the rows of the tokens (for the next steps); rows with
    an exact match are marked in ``matched`` (returned as a list of row numbers)."""
    text = text_tokens([line.text for line in lines])
    heard = heard_tokens(words)
    times = _Times(len(text))
    matched: set[int] = set()
    for block in align([t.norm for t in text], [h.norm for h in heard]):
        if block.kind == "equal":
            for i, j in zip(block.text, block.heard, strict=True):
                h = heard[j]
                times.set(i, h.start_ms, h.end_ms, words[h.word].confidence)
                matched.add(text[i].row)
        elif block.kind == "replace":
            span_start, span_end = heard[block.heard[0]].start_ms, heard[block.heard[-1]].end_ms
            sizes = [len(text[i].norm) for i in block.text]
            total, at = sum(sizes), 0
            for i, size in zip(block.text, sizes, strict=True):
                start = span_start + (span_end - span_start) * at // total
                at += size
                times.set(i, start, span_start + (span_end - span_start) * at // total)
    rows = [t.row for t in text]
    _fill_gaps(times, rows, [len(t.norm) for t in text])
    return times, sorted(matched)


def _fill_gaps(times: _Times, rows: list[int], sizes: list[int]) -> None:
    """Times for tokens nothing was heard for: a line's leading words just before its first
    timed word, trailing words just after its last, whole lines spread over the gap."""
    count = len(rows)
    i = 0
    while i < count:
        if times.start[i] is not None:
            i += 1
            continue
        j = i
        while j < count and times.start[j] is None:
            j += 1
        left_end = times.end[i - 1] if i > 0 else None
        right_start = times.start[j] if j < count else None
        left_row = rows[i - 1] if i > 0 else None
        right_row = rows[j] if j < count else None
        run = range(i, j)
        trailing = [k for k in run if left_row is not None and rows[k] == left_row]
        leading = [k for k in run if right_row is not None and rows[k] == right_row]
        middle = [k for k in run if k not in trailing and k not in leading]
        need_all = _MS_PER_CHAR * sum(sizes[k] for k in run)
        if left_end is None and right_start is None:  # nothing timed at all: leave it so
            return
        if left_end is None:
            assert right_start is not None
            at, limit = max(0, right_start - need_all), right_start
        elif right_start is None:
            at, limit = left_end, left_end + need_all
        else:
            at, limit = left_end, max(left_end, right_start)
        for k in trailing:
            end = min(limit, at + _MS_PER_CHAR * sizes[k])
            times.set(k, at, end)
            at = end
        need = _MS_PER_CHAR * sum(sizes[k] for k in leading)
        lead_from = max(at, limit - need)
        if middle:
            chars = sum(sizes[k] for k in middle)
            span = max(0, lead_from - at)
            done = 0
            for k in middle:
                start = at + span * done // chars
                done += sizes[k]
                times.set(k, start, at + span * done // chars)
        at = lead_from
        for k in leading:
            end = min(limit, at + _MS_PER_CHAR * sizes[k])
            times.set(k, at, end)
            at = end
        i = j


def retime(
    lines: Sequence[Line], words: Sequence[Word], rows: Collection[int] | None = None
) -> RetimeResult:
    """New times for ``lines`` (the rows in ``rows``, or all) from the recognised ``words``.

    The whole transcript is aligned either way, so a selection is placed in context.
    """
    text = text_tokens([line.text for line in lines])
    times, matched = _from_alignment(lines, words)
    anchored = set(matched)
    per_row: list[list[int]] = [[] for _ in lines]
    for index, token in enumerate(text):
        per_row[token.row].append(index)
    wanted = range(len(lines)) if rows is None else sorted(set(rows) & set(range(len(lines))))
    result = []
    for row in wanted:
        line = lines[row]
        tokens = [k for k in per_row[row] if times.start[k] is not None]
        if not tokens:  # nothing to hear ("[Music]"), or nothing at all could be timed
            moved = _neighbour_shift(lines, per_row, times, row)
            start, end = max(0, line.start_ms + moved), max(0, line.end_ms + moved)
            result.append(
                RetimedLine(row, line.id, line.start_ms, line.end_ms, start, end, (), False)
            )
            continue
        timed_words = _line_words(line.text, [(text[k].word, k) for k in tokens], times)
        start = min(w.start_ms for w in timed_words)
        end = max(max(w.end_ms for w in timed_words), start + 1)
        result.append(
            RetimedLine(
                row,
                line.id,
                line.start_ms,
                line.end_ms,
                start,
                end,
                tuple(timed_words),
                row in anchored,
            )
        )
    return RetimeResult(tuple(result))


def _neighbour_shift(
    lines: Sequence[Line], per_row: list[list[int]], times: _Times, row: int
) -> int:
    """How far the nearest timed line above (else below) moved: a line with nothing to hear
    moves with it, so it keeps its place among its neighbours."""
    order = [*range(row - 1, -1, -1), *range(row + 1, len(lines))]
    for other in order:
        starts: list[int] = [t for t in (times.start[k] for k in per_row[other]) if t is not None]
        if starts:
            moved: int = min(starts) - lines[other].start_ms
            return moved
    return 0


def _line_words(text: str, tokens: list[tuple[int, int]], times: _Times) -> list[Word]:
    """The line's display words with the times of their tokens."""
    shown = display_words(text)
    spans: dict[int, list[int]] = {}
    for word, k in tokens:
        spans.setdefault(word, []).append(k)
    out = []
    for word, ks in sorted(spans.items()):
        starts = [times.start[k] for k in ks]
        ends = [times.end[k] for k in ks]
        confidences = [times.confidence[k] for k in ks if times.confidence[k] is not None]
        start = min(s for s in starts if s is not None)
        end = max(e for e in ends if e is not None)
        conf = round(sum(confidences) / len(confidences), 4) if confidences else None  # type: ignore[arg-type]
        out.append(Word(start, end, shown[word][2], conf))
    return out


def snap_to_speech(
    result: RetimeResult, speech: Sequence[tuple[int, int]], max_shift_ms: int = 1_000
) -> RetimeResult:
    """Starts moved onto the speech onsets a voice-activity detector found: a recogniser's
    first word after a pause often begins in the pause, or a few hundred ms late. A start moves
    to the nearest onset within ``max_shift_ms`` that is after the line above starts and before
    the line ends; a line in the middle of continuous speech has none and stays.
    ``speech``: sorted (start_ms, end_ms)."""
    onsets = [s for s, _ in speech]
    lines: list[RetimedLine] = []
    for line in result.lines:
        start = line.start_ms
        floor = lines[-1].start_ms if lines else -1
        lo = bisect_right(onsets, max(floor, start - max_shift_ms - 1))
        hi = bisect_right(onsets, min(start + max_shift_ms, line.end_ms - 1))
        if not line.words or lo >= hi:
            lines.append(line)
            continue
        start = min(onsets[lo:hi], key=lambda onset: abs(onset - line.start_ms))
        first = line.words[0]
        words = (replace(first, start_ms=start, end_ms=max(start, first.end_ms)), *line.words[1:])
        lines.append(replace(line, start_ms=start, end_ms=max(line.end_ms, start + 1), words=words))
    return RetimeResult(tuple(lines))
